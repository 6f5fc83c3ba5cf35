// `if (conn) conn.release()` in the finally; mysql2 >= 3.18 disposes a pool connection natively.
// options: {"modernize":true}
// options: {"modernize":true}
// expect[auto,await-using]: modernized fixed-native
// expect[with-session]: modernized fixed-with-session
import mysql from 'mysql2/promise';
import type { PoolConnection } from 'mysql2/promise';

const pool = mysql.createPool({ host: '127.0.0.1', user: 'root', database: 'test' });

export async function productNames(limit: number) {
  await using conn = await pool.getConnection();
  const [rows] = await conn.query('SELECT name FROM products LIMIT ?', [limit]);
  return rows;
}
