// The pool is a CommonJS module's own export (`module.exports = pool`), required by path.
const pool = require('./lib/cjs-pool');

async function countUsers() {
  const client = await pool.connect();
  try {
    const res = await client.query('SELECT count(*)::int AS n FROM users');
    return res.rows[0].n;
  } finally {
    client.release();
  }
}

module.exports = { countUsers };
