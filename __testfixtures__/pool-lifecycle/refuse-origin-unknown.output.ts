// expect: reported pool-origin-unknown
// The pool comes from a function that may hand out a shared one or a fresh one: cannot tell.
import { Pool } from 'pg';

declare function pickPool(region: string): Pool;

export async function ping(region: string): Promise<void> {
  const pool: Pool = pickPool(region);
  await pool.query('SELECT 1');
  await pool.end();
}
