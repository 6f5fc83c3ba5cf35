// expect: reported release-with-argument
// release(err) DESTROYS the pg client; a disposer cannot choose between release() and release(err).
import { Pool } from 'pg';

const pool = new Pool();

export async function ping(): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
    client.release();
    return true;
  } catch (err) {
    client.release(err as Error);
    return false;
  }
}
