// A pool kept in a `let` that a hook fills (node-oracledb's tests: `let pool;`, `before(async () => { pool =
// await oracledb.createPool(cfg); })`): every assignment gives an oracledb pool, so a connection a test takes
// from it is one, and its close gets a finally. A variable assigned two different things says nothing.
// expect[try-finally,auto]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// expect[await-using]: reported using-unsupported
const oracledb = require('oracledb');
const { Pool } = require('pg');

describe('pool', function() {
  let pool;
  let either;

  before(async function() {
    pool = await oracledb.createPool({ poolMin: 1 });
    either = Math.random() > 0.5 ? await oracledb.createPool({}) : new Pool();
    either = new Pool();
  });

  after(async function() {
    await pool.close(0);
  });

  it('serves a connection', async function() {
    const conn = await pool.getConnection();
    await conn.execute('SELECT 1 FROM DUAL');
    await conn.close();
  });

  it('says nothing of a pool it cannot tell', async function() {
    const conn = await either.getConnection();
    await conn.execute('SELECT 1 FROM DUAL');
    await conn.close();
  });
});
