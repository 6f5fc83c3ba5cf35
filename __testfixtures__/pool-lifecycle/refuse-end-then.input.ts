// expect: reported teardown-in-expression
// The program carries on from end()'s promise: a log line once the pool is closed. Never removed.
import { Pool } from 'pg';

const pool = new Pool();

export async function checkpoint(): Promise<void> {
  await pool.query('CHECKPOINT');
  pool.end().then(() => console.log('pool closed'));
}
