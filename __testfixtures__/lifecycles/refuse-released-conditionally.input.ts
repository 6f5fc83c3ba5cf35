// expect: reported released-conditionally
// Released only in one branch; the other keeps the client (or leaks it) on purpose or not — not provable.
import { Pool } from 'pg';

const pool = new Pool();

export async function maybeRelease(keep: boolean): Promise<void> {
  const client = await pool.connect();
  await client.query('SELECT 1');
  if (!keep) {
    client.release();
  }
  await client.query('SELECT 2');
}
