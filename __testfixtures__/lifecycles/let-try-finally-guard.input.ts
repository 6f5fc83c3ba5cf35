// `if (conn) conn.release()` in the finally; mysql2 >= 3.18 disposes a pool connection natively.
import mysql from 'mysql2/promise';
import type { PoolConnection } from 'mysql2/promise';

const pool = mysql.createPool({ host: '127.0.0.1', user: 'root', database: 'test' });

export async function productNames(limit: number) {
  let conn: PoolConnection | undefined;
  try {
    conn = await pool.getConnection();
    const [rows] = await conn.query('SELECT name FROM products LIMIT ?', [limit]);
    return rows;
  } finally {
    if (conn) conn.release();
  }
}
