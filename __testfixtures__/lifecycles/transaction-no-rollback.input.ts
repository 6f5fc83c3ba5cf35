// The release is in a finally, but the transaction is never rolled back when the work fails: pg's pool takes
// the client back inside the open (aborted) transaction. Reported, not rewritten. A pg Client that is ended
// closes its connection (the server rolls back), and mariadb's pool rolls back on release: both left alone.
// expect: reported transaction-no-rollback
import { Client, Pool } from 'pg';
import * as mariadb from 'mariadb';

const pool = new Pool();
const mpool = mariadb.createPool({ host: '127.0.0.1', user: 'root', database: 'test' });

export async function transfer(from: number, to: number, amount: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
    await client.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [amount, to]);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

export async function transferOnce(from: number, to: number, amount: number): Promise<void> {
  const client = new Client();
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);
    await client.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [amount, to]);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

export async function transferMaria(from: number, to: number, amount: number): Promise<void> {
  const conn = await mpool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('UPDATE accounts SET balance = balance - ? WHERE id = ?', [amount, from]);
    await conn.query('UPDATE accounts SET balance = balance + ? WHERE id = ?', [amount, to]);
    await conn.commit();
  } finally {
    await conn.release();
  }
}
