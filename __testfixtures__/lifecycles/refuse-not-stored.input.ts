// expect: reported not-stored
// The connection is used without ever being kept in a variable: nothing can release it.
import { Pool } from 'pg';

const pool = new Pool();

export async function now(): Promise<Date> {
  const res = await (await pool.connect()).query<{ now: Date }>('SELECT now()');
  return res.rows[0].now;
}
