// @flow
// Flow's annotations in a .js file (parse-server's adapters): read, left as written, and the leak fixed.
// expect[await-using]: reported using-unsupported
// expect[auto,try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
const { Pool } = require('pg');

type User = { id: number, name: string };

const pool = new Pool();

async function getUser(id: number): Promise<?User> {
  const client = await pool.connect();
  try {
    const res = await client.query('SELECT * FROM users WHERE id = $1', [id]);
    return (res.rows[0]: any);
  } finally {
    client.release();
  }
}

module.exports = { getUser };
