// typeorm 0.2 keeps every connection under its name: `getConnection(name)` hands out the one already there
// (no new connection, so no acquire), and a connection made and not closed where it was made is still
// reachable by that name. Test setup that opens the named connection, a teardown that closes it by name, a
// bootstrap that keeps the default one for the process: nothing to change, nothing to report.
const { createConnection, getConnection } = require('typeorm');

const TEST_CONNECTION = 'e2e';

async function openTestDatabase() {
  await createConnection({ name: TEST_CONNECTION, type: 'postgres', database: 'e2e', synchronize: true });
}

async function truncateAll() {
  const connection = getConnection(TEST_CONNECTION);
  for (const entity of connection.entityMetadatas) {
    await connection.query(`TRUNCATE "${entity.tableName}" CASCADE`);
  }
}

async function closeTestDatabase() {
  const connection = getConnection(TEST_CONNECTION);
  await connection.query('SELECT 1');
  await connection.close();
}

async function bootstrap(app) {
  const connection = await createConnection();
  await connection.runMigrations();
  app.listen(3000);
}

module.exports = { openTestDatabase, truncateAll, closeTestDatabase, bootstrap };
