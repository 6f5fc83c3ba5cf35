// expect: reported used-outside-try
// The client is released in the catch, outside the try block that acquires it.
import { Pool, PoolClient } from 'pg';

const pool = new Pool();
declare const metrics: { done(): void };

export async function swap(a: number, b: number): Promise<void> {
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query('UPDATE slots SET pos = $2 WHERE pos = $1', [a, b]);
    client.release();
  } catch (err) {
    client?.release();
    throw err;
  } finally {
    metrics.done();
  }
}
