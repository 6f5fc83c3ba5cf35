const pool = require('../db/mysql-pool');
const sessions = require('../db/sessions');
const { checkout, runOnce } = require('../db/checkout');

// Released on every path, but never committed nor rolled back: the pool gets the open transaction back.
async function logStock(sku) {
  const conn = await sessions.open();
  conn.query('SELECT qty FROM stock WHERE sku = ?', [sku], (err, rows) => {
    conn.release();
    if (err) return console.error(err);
    console.log(sku, rows[0].qty);
  });
}

// Committed on success; a failing query throws in the callback and keeps the connection.
async function restock(sku, qty) {
  const conn = await sessions.open();
  conn.query('UPDATE stock SET qty = qty + ? WHERE sku = ?', [qty, sku], (err) => {
    if (err) throw err;
    conn.commit((err2) => {
      if (err2) throw err2;
      conn.release();
    });
  });
}

// The helper releases the connection, but only when the query succeeds.
async function skuNames() {
  const conn = await checkout(pool);
  const rows = await runOnce(conn, 'SELECT name FROM sku', []);
  return rows.map((r) => r.name);
}

// Released in a finally: nothing to say.
async function skuCount() {
  const conn = await checkout(pool);
  try {
    return await new Promise((resolve, reject) => conn.query('SELECT count(*) AS n FROM sku', (err, rows) => (err ? reject(err) : resolve(rows[0].n))));
  } finally {
    conn.release();
  }
}

// Released only when the query succeeds: rewritten to release on every path.
async function skuPrice(sku) {
  const conn = await checkout(pool);
  const rows = await new Promise((resolve, reject) => conn.query('SELECT price FROM sku WHERE sku = ?', [sku], (err, r) => (err ? reject(err) : resolve(r))));
  conn.release();
  return rows[0].price;
}

module.exports = { logStock, restock, skuNames, skuCount, skuPrice };
