// Already released in a finally around all the work; the catch uses the client, so `using` cannot restate
// it — and since nothing leaks, nothing is reported either.
import { Pool, PoolClient } from 'pg';

const pool = new Pool();

export async function swap(a: number, b: number): Promise<void> {
  let client: PoolClient | null = null;
  try {
    client = await pool.connect();
    await client.query('BEGIN');
    await client.query('UPDATE slots SET pos = $2 WHERE pos = $1', [a, b]);
    await client.query('COMMIT');
  } catch (err) {
    if (client) await client.query('ROLLBACK');
    throw err;
  } finally {
    if (client) client.release();
  }
}
