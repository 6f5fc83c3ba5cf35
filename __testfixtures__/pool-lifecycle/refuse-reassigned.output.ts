// expect: reported pool-reassigned
// The pool variable is replaced after the teardown: removing end() would leave the old pool open.
import { Pool } from 'pg';

let pool = new Pool();

export async function rotate(): Promise<void> {
  await pool.query('SELECT 1');
  await pool.end();
  pool = new Pool();
}
