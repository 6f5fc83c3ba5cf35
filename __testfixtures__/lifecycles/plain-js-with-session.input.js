// expect[await-using]: reported using-unsupported
// expect[auto,try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// Plain CommonJS for Node < 24: the call site requires the helper.
const { Pool } = require('pg');

const pool = new Pool();

async function getUser(id) {
  const client = await pool.connect();
  const res = await client.query('SELECT * FROM users WHERE id = $1', [id]);
  client.release();
  return res.rows[0];
}

module.exports = { getUser };
