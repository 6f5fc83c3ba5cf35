// Acquires a test expects to fail (node-oracledb's tests: a wrong password, an unknown host): they hold
// nothing, so they are not reported as resources left unstored. One that is expected to succeed still is.
// expect: reported not-stored
const assert = require('node:assert');
const oracledb = require('oracledb');

async function rejectsBadLogin(config) {
  await assert.rejects(
    async () => {
      await oracledb.getConnection({ ...config, password: 'wrong' });
    },
    /ORA-01017:/
  );
  await assert.rejects(oracledb.getConnection({ ...config, connectString: 'doesnotexist.oracle.com' }), /NJS-/);
  await oracledb.getConnection(config);
}

module.exports = { rejectsBadLogin };
