// Case 3 with library resources: releases left after the resource's `using` declaration.
// expect: fixed fixed-double-release
// expect: fixed fixed-double-release
// expect: reported double-release-kept
// expect: reported double-release-kept
import mysql from 'mysql2/promise';
import oracledb from 'oracledb';
import { Pool } from 'pg';

const pool = new Pool();
const mysqlPool = mysql.createPool({ host: '127.0.0.1', user: 'root', database: 'test' });

// The adapter's disposer already releases the client; pg throws on the second release.
export async function recentOrders(): Promise<unknown[]> {
  const client = await pool.connect();
  using _releaseClient = { [Symbol.dispose]: () => client.release() };
  const res = await client.query('SELECT * FROM orders ORDER BY id DESC LIMIT 10');
  client.release();
  return res.rows;
}

// A finally that ends the scope: the close() in it goes, and the try with it (oracledb: NJS-003).
export async function serverTime(): Promise<unknown> {
  await using connection = await oracledb.getConnection({ user: 'app', password: 'secret', connectString: '127.0.0.1/XEPDB1' });
  try {
    const result = await connection.execute('SELECT SYSDATE FROM DUAL');
    return result.rows;
  } finally {
    await connection.close();
  }
}

// Kept: awaited work follows the release, which would then run while the connection is still held.
export async function restock(sku: string, notify: () => Promise<void>): Promise<void> {
  await using conn = await mysqlPool.getConnection();
  await conn.execute('UPDATE stock SET qty = qty + 1 WHERE sku = ?', [sku]);
  conn.release();
  await notify();
}

// Kept: a release with an argument destroys the client, which no disposer decides.
export async function risky(): Promise<void> {
  const client = await pool.connect();
  using _releaseClient = { [Symbol.dispose]: () => client.release() };
  try {
    await client.query('SELECT 1');
  } catch (err) {
    client.release(err as Error);
    throw err;
  }
}
