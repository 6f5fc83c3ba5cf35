// expect: reported no-shutdown-hook
// expect: fixed fixed-teardown-removed
// again: none
// The module opens mssql's global pool once, when it loads; an exported function closes it after its query,
// so the next call finds no pool ("No connection is specified for that request"). The teardown goes; nothing
// closes the pool at shutdown, so that is reported. (JavaScript: @types/mssql does not declare close().)
const sql = require('mssql');

const ready = sql.connect(process.env.MSSQL_URL);

async function getUser(id) {
  await ready;
  const result = await sql.query`SELECT name FROM users WHERE id = ${id}`;
  return result.recordset[0];
}

module.exports = { getUser };
