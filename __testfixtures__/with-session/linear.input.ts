// options: {"helperImport": "./lib/with-session"}
// Linear: acquire, use, release — the release is skipped when the query throws.
import { Pool } from 'pg';

const pool = new Pool();

export async function getUser(id: number) {
  const client = await pool.connect();
  const res = await client.query('SELECT * FROM users WHERE id = $1', [id]);
  client.release();
  return res.rows[0];
}
