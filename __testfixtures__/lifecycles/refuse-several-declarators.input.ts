// expect: reported unsupported-position
// expect: reported unsupported-position
// Two clients in one declaration: a `using` declaration may not be split out without reordering.
import { Pool } from 'pg';

const pool = new Pool();

export async function pair(): Promise<void> {
  const a = await pool.connect(), b = await pool.connect();
  await a.query('SELECT 1');
  await b.query('SELECT 2');
  b.release();
  a.release();
}
