// expect: reported release-not-last
// The finally does more after the release; moving the release to scope end would reorder them.
import { Pool } from 'pg';

const pool = new Pool();
declare const metrics: { released(): void };

export async function measured(): Promise<void> {
  const client = await pool.connect();
  await client.query("SET statement_timeout = '1s'"); // can throw before the try: the client leaks
  try {
    await client.query('SELECT 1');
  } finally {
    client.release();
    metrics.released();
  }
}
