// A mocha test that closes the connection and calls this.skip() (which throws) on an early branch, and closes
// it at its end otherwise (node-oracledb's connProps tests): every path releases, and this.skip() leaves as a
// throw would, so the early close goes into the finally. this.skip() in an arrow or outside a test is no exit.
// expect[try-finally,auto]: fixed fixed-try-finally
// expect[try-finally,auto]: reported released-conditionally
// expect[with-session]: fixed fixed-with-session
// expect[with-session]: reported released-conditionally
// expect[await-using]: reported using-unsupported
// expect[await-using]: reported released-conditionally
const oracledb = require('oracledb');
const { withSession } = require('./lib/with-session.cjs');

describe('connection properties', function() {
  it('sets the ecid', async function() {
    await withSession(
      () => oracledb.getConnection({}),
      (conn) => conn.close(),
      async (conn) => {
        if (conn.oracleServerVersion < 1200000000) {
          this.skip();
        }
        conn.ecid = 'x';
        await conn.execute('SELECT 1 FROM DUAL');
      }
    );
  });
});

class Reader {
  async next() {
    const conn = await oracledb.getConnection({});
    if (conn.oracleServerVersion < 1200000000) {
      await conn.close();
      this.skip();
    }
    await conn.execute('SELECT 1 FROM DUAL');
    await conn.close();
  }
}

module.exports = { Reader };
