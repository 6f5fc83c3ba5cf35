// typeorm 0.2: `await createConnection(options)` opens a connection this function closes with
// `await connection.close()`; a failed query skips it and the connection stays open (and registered, so the
// next createConnection() under that name throws). A query runner from the registered connection
// (`getConnection().createQueryRunner()`) is released the same way. Plain JavaScript for Node < 24.
// expect[await-using]: reported using-unsupported
// expect[await-using]: reported using-unsupported
// expect[auto,try-finally]: fixed fixed-try-finally
// expect[auto,try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// expect[with-session]: fixed fixed-with-session
const { createConnection, getConnection } = require('typeorm');

async function recreateDatabase(name) {
  const connection = await createConnection({ name: 'maintenance', type: 'postgres', database: 'postgres' });
  await connection.query(`DROP DATABASE IF EXISTS "${name}"`);
  await connection.query(`CREATE DATABASE "${name}"`);
  await connection.close();
}

async function tableNames() {
  const runner = getConnection().createQueryRunner();
  const rows = await runner.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
  await runner.release();
  return rows.map((row) => row.tablename);
}

module.exports = { recreateDatabase, tableNames };
