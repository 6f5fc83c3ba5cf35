// The pool is a CommonJS module's own export (`module.exports = pool`), required by path.
// expect[await-using]: reported using-unsupported
// expect[auto,try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
const pool = require('./lib/cjs-pool');

async function countUsers() {
  const client = await pool.connect();
  const res = await client.query('SELECT count(*)::int AS n FROM users');
  client.release();
  return res.rows[0].n;
}

module.exports = { countUsers };
