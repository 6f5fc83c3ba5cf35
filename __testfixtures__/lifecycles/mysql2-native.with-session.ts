// mysql2 >= 3.18: the pool connection itself is declared with `await using`.
// expect[auto,await-using]: fixed fixed-native
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import mysql from 'mysql2/promise';
import { withSession } from './lib/with-session';

const pool = mysql.createPool({ host: '127.0.0.1', user: 'root', database: 'test' });

export async function stock(sku: string) {
  return await withSession(() => pool.getConnection(), (conn) => conn.release(), async (conn) => {
    const [rows] = await conn.execute('SELECT qty FROM stock WHERE sku = ?', [sku]);
    return rows;
  });
}
