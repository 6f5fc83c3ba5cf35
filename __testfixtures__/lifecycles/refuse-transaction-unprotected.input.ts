// expect: reported transaction-unprotected
// BEGIN with no catch that rolls back: a release on the error path would return a client mid-transaction to the pool.
import { Pool } from 'pg';

const pool = new Pool();

export async function bump(id: number): Promise<void> {
  const client = await pool.connect();
  await client.query('BEGIN');
  await client.query('UPDATE counters SET n = n + 1 WHERE id = $1', [id]);
  await client.query('COMMIT');
  client.release();
}
