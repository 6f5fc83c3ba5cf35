const shared = require('../lib/shared');

// Takes a connection from the shared pool and keeps nothing: it is never given back.
async function warmUp() {
  await shared.pool().getConnection();
}

// A connection from the getter's pool, released on the happy path only.
async function lowStock(limit) {
  const conn = await shared.pool().getConnection();
  const [rows] = await conn.query('SELECT sku FROM stock WHERE qty < ?', [limit]);
  conn.release();
  return rows;
}

// The getter hands out the same pool every time: calling it acquires nothing.
async function skuCount() {
  const pool = shared.pool();
  const [rows] = await pool.query('SELECT COUNT(*) AS n FROM stock');
  return rows[0].n;
}

module.exports = { warmUp, lowStock, skuCount };
