// expect: reported teardown-conditional
// The pool is closed only when the batch is the last one: a decision to make by hand.
import { Pool } from 'pg';

const pool = new Pool();

export async function importBatch(rows: string[], last: boolean): Promise<void> {
  for (const row of rows) await pool.query('INSERT INTO items (name) VALUES ($1)', [row]);
  if (last) await pool.end();
}
