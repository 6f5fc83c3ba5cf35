// expect: reported released-by-callee
// expect: reported released-conditionally
// The connection comes from a promise over pool.getConnection (an acquire like any other) and is handed to a
// helper of this file that releases it, but only once its query succeeded: the release is the helper's,
// so no rewrite here can put it on every path. The helper itself, whose error branch returns with the
// connection still checked out, is reported there (released-conditionally), and left as written. A helper that only reads it changes nothing: the caller's
// own finally releases it, and that lifecycle is already safe.
import mysql from 'mysql';

const pool = mysql.createPool({ host: '127.0.0.1', user: 'root', connectionLimit: 2 });

function checkout(): Promise<mysql.PoolConnection> {
  return new Promise((resolve, reject) => {
    pool.getConnection((err, conn) => (err ? reject(err) : resolve(conn)));
  });
}

function queryThenRelease(conn: mysql.PoolConnection, sql: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    conn.query(sql, (err, rows) => {
      if (err) return reject(err);
      conn.release();
      resolve(rows);
    });
  });
}

function queryOnly(conn: mysql.PoolConnection, sql: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => conn.query(sql, (err, rows) => (err ? reject(err) : resolve(rows))));
}

export async function countUsers(): Promise<number> {
  const conn = await checkout();
  const rows = await queryThenRelease(conn, 'SELECT id FROM users');
  return rows.length;
}

export async function countOrders(): Promise<number> {
  const conn = await checkout();
  try {
    const rows = await queryOnly(conn, 'SELECT id FROM orders');
    return rows.length;
  } finally {
    conn.release();
  }
}
