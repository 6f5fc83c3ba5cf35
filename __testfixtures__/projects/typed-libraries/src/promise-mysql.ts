// promise-mysql: Bluebird promises of a Pool and its PoolConnection, which the checker names.
import mysql from 'promise-mysql';

const ready = mysql.createPool({ host: '127.0.0.1', user: 'root' });

export async function version(): Promise<string> {
  const pool = await ready;
  const connection = await pool.getConnection();
  const rows = await connection.query('SELECT VERSION() AS v');
  connection.release();
  return rows[0].v;
}
