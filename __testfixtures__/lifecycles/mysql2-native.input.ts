// mysql2 >= 3.18: the pool connection itself is declared with `await using`.
// expect[auto,await-using]: fixed fixed-native
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import mysql from 'mysql2/promise';

const pool = mysql.createPool({ host: '127.0.0.1', user: 'root', database: 'test' });

export async function stock(sku: string) {
  const conn = await pool.getConnection();
  const [rows] = await conn.execute('SELECT qty FROM stock WHERE sku = ?', [sku]);
  conn.release();
  return rows;
}
