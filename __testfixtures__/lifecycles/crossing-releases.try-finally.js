// Two connections whose awaited closes cross (the first is closed first, as in node-oracledb's pool tests):
// the first gets its try/finally (or callback), which takes the second's acquire in; the second, closed after
// it, is reported, not claimed fixed (a rewrite of its own would close the two in the other order; the
// with-session style used to wrap nothing and leave the second's work outside its callback).
// expect[try-finally,auto]: fixed fixed-try-finally
// expect[try-finally,auto]: reported crosses-rewrite
// again[try-finally,auto]: reported used-outside-try
// expect[await-using]: reported using-unsupported
// expect[await-using]: reported using-unsupported
// expect[with-session]: fixed fixed-with-session
// expect[with-session]: reported crosses-rewrite
// again[with-session]: reported returned-after-work
const oracledb = require('oracledb');

async function counts(config, check) {
  const conn1 = await oracledb.getConnection(config);
  let conn2;
  try {
    check(conn1.isHealthy(), true);
    conn2 = await oracledb.getConnection(config);
    check(conn2.isHealthy(), true);
  } finally {
    await conn1.close();
  }
  await conn2.close();
}

module.exports = { counts };
