// expect[await-using]: reported using-unsupported
// expect[auto,try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// Plain JavaScript in a package whose engines allow Node < 24, with no Babel plugin: no `using` syntax.
const { Pool } = require('pg');

const pool = new Pool();

async function getUser(id) {
  const client = await pool.connect();
  const res = await client.query('SELECT * FROM users WHERE id = $1', [id]);
  client.release();
  return res.rows[0];
}

module.exports = { getUser };
