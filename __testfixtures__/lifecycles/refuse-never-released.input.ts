// expect: reported never-released
// Acquired and never released in this function.
import { Pool } from 'pg';

const pool = new Pool();

export async function leak(): Promise<number> {
  const client = await pool.connect();
  const res = await client.query('SELECT 1 AS one');
  return res.rows[0].one;
}
