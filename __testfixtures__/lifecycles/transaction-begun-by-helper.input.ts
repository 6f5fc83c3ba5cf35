// expect: reported transaction-no-rollback
// A helper of this file hands out a connection with a transaction already begun. A caller that releases it
// without ever committing or rolling back gives the pool back the open transaction: reported at the acquire,
// which is where the transaction begins. The helper itself hands the connection out (a factory: silent).
import mysql from 'mysql';

const pool = mysql.createPool({ host: '127.0.0.1', user: 'root', connectionLimit: 2 });

function checkout(): Promise<mysql.PoolConnection> {
  return new Promise((resolve, reject) => {
    pool.getConnection((err, conn) => (err ? reject(err) : resolve(conn)));
  });
}

function begin(conn: mysql.PoolConnection): Promise<mysql.PoolConnection> {
  return new Promise((resolve, reject) => {
    conn.beginTransaction((err) => (err ? reject(err) : resolve(conn)));
  });
}

async function openWork(): Promise<mysql.PoolConnection> {
  let conn = await checkout();
  conn = await begin(conn);
  return conn;
}

export async function printStock(sku: string): Promise<void> {
  const conn = await openWork();
  conn.query('SELECT qty FROM stock WHERE sku = ?', [sku], (err, rows) => {
    conn.release();
    if (err) return console.error(err);
    console.log(sku, rows[0].qty);
  });
}
