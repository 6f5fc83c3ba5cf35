// promise-mysql 5: `await mysql.createPool()` gives the pool, `connection.release()` puts a connection back
// (synchronous), and a connection of its own ends with `await connection.end()`. A failed query skips each
// release.
// expect[auto,await-using]: fixed fixed-adapter
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// expect[with-session]: fixed fixed-with-session
import mysql from 'promise-mysql';

const ready = mysql.createPool({ host: '127.0.0.1', user: 'root', database: 'shop' });

export async function findProduct(id: number): Promise<unknown> {
  const pool = await ready;
  const connection = await pool.getConnection();
  const rows = await connection.query('SELECT * FROM products WHERE id = ?', [id]);
  connection.release();
  return rows[0];
}

export async function serverVersion(): Promise<string> {
  const connection = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
  const rows = await connection.query('SELECT VERSION() AS v');
  await connection.end();
  return rows[0].v;
}
