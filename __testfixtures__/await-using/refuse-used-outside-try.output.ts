// expect: reported used-outside-try
// The client is used in the catch (ROLLBACK), outside the try block that acquires it.
import { Pool, PoolClient } from 'pg';

const pool = new Pool();

export async function swap(a: number, b: number): Promise<void> {
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query('BEGIN');
    await client.query('UPDATE slots SET pos = $2 WHERE pos = $1', [a, b]);
    await client.query('COMMIT');
  } catch (err) {
    await client?.query('ROLLBACK');
    throw err;
  } finally {
    client?.release();
  }
}
