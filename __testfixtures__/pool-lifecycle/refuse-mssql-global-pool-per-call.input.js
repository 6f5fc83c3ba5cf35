// expect: reported pool-per-call
// expect: reported pool-per-call
// mssql's global pool: `sql.connect()` opens the one pool the library keeps for the process (or returns it,
// already open) and `sql.close()` closes it, so each call makes it anew while a concurrent call may still be
// using it. Whether the pool should outlive the call is a decision to make by hand: reported, not moved.
// (JavaScript: @types/mssql does not declare the module's close().)
const sql = require('mssql');

async function getUser(config, id) {
  await sql.connect(config);
  const result = await sql.query`SELECT name FROM users WHERE id = ${id}`;
  await sql.close();
  return result.recordset[0];
}

async function countUsers(config) {
  const pool = await sql.connect(config);
  const result = await pool.request().query('SELECT count(*) AS n FROM users');
  await pool.close();
  return result.recordset[0].n;
}

module.exports = { getUser, countUsers };
