// Plain JavaScript for Node < 24: try/finally needs no new syntax.
const { Pool } = require('pg');

const pool = new Pool();

async function getUser(id) {
  const client = await pool.connect();
  try {
    const res = await client.query('SELECT * FROM users WHERE id = $1', [id]);
    return res.rows[0];
  } finally {
    client.release();
  }
}

module.exports = { getUser };
