// `let conn1 = null;` then one assignment of the acquire (node-oracledb's autoCommit tests): the variable is
// given a value once, so it is not "reassigned"; the shape (an assignment outside a try) is what is said.
// expect: reported unsupported-position
const assert = require('node:assert');
const oracledb = require('oracledb');

async function commits(config) {
  let conn1 = null;
  conn1 = await oracledb.getConnection(config);
  const result = await conn1.execute('SELECT 1 FROM DUAL');
  assert.strictEqual(result.rows.length, 1);
  await conn1.release();
}

module.exports = { commits };
