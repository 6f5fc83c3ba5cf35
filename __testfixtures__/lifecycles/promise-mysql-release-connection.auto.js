// promise-mysql 3.x/4.x: the connection goes back through the pool, `pool.releaseConnection(conn)` (a release
// that takes the resource as its argument). A failed query skips it and the pool runs dry; plain JavaScript
// for Node < 24, so auto writes try/finally. countOrders() already releases in a finally: left alone.
// expect[await-using]: reported using-unsupported
// expect[auto,try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
const mysql = require('promise-mysql');

const pools = mysql.createPool({ host: '127.0.0.1', user: 'root', database: 'shop' });

async function listOrders(customerId) {
  const pool = await pools;
  const conn = await pool.getConnection();
  try {
    const orders = await conn.query('SELECT * FROM orders WHERE customer_id = ?', [customerId]);
    return orders;
  } finally {
    pool.releaseConnection(conn);
  }
}

async function countOrders() {
  const pool = await pools;
  const conn = await pool.getConnection();
  try {
    const [row] = await conn.query('SELECT count(*) AS n FROM orders');
    return row.n;
  } finally {
    pool.releaseConnection(conn);
  }
}

module.exports = { listOrders, countOrders };
