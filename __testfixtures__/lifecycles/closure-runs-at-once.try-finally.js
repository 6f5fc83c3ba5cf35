// A connection used in a function that the call it is handed to runs before returning (node-oracledb's tests:
// `assert.throws(() => { conn.clientInfo = 1; })`; an array walk): used within the scope, so the lifecycle
// gets its finally. A function that runs later (a timer) still says so.
// expect[try-finally,auto]: fixed fixed-try-finally
// expect[try-finally,auto]: reported used-in-closure
// expect[with-session]: fixed fixed-with-session
// expect[with-session]: reported used-in-closure
// expect[await-using]: reported using-unsupported
// expect[await-using]: reported used-in-closure
const assert = require('node:assert');
const oracledb = require('oracledb');

async function readOnly(config, names) {
  const conn = await oracledb.getConnection(config);
  try {
    assert.throws(() => {
      conn.clientInfo = 10;
    }, /NJS-004/);
    names.forEach((name) => assert.ok(conn.tag !== name));
  } finally {
    await conn.close();
  }
}

async function later(config) {
  const conn = await oracledb.getConnection(config);
  setTimeout(() => conn.ping(), 10);
  await conn.close();
}

module.exports = { readOnly, later };
