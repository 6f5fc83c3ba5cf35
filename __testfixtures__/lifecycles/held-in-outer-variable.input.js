// A connection that mocha's hooks and tests share in a variable of the describe() callback (node-oracledb's
// changePassword tests): each hook acquires and releases it, but the variable is everyone's, so where the
// release sits is not what matters, and nothing here is "released inside a callback" (it is released inline).
// The reason names the function that acquires it (it(), not the describe() between).
// expect: reported held-in-outer-variable
const oracledb = require('oracledb');

describe('change password', function() {
  let dbaConn;

  before(async function() {
    dbaConn = await oracledb.getConnection({ user: 'system' });
    await dbaConn.execute('CREATE USER app IDENTIFIED BY app');
    await dbaConn.close();
  });

  describe('nested', function() {
    it('drops the user', async function() {
      dbaConn = await oracledb.getConnection({ user: 'system' });
      await dbaConn.execute('DROP USER app CASCADE');
      await dbaConn.close();
    });
  });
});
