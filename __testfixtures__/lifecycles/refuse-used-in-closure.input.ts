// expect: reported used-in-closure
// A timer callback uses the client: it may run after the scope has released it.
import { Pool } from 'pg';

const pool = new Pool();

export async function keepAlive(): Promise<void> {
  const client = await pool.connect();
  setTimeout(() => void client.query('SELECT 1'), 1000);
  await client.query('SELECT 2');
  client.release();
}
