// options: {"adapter":"stack"}
// `--adapter stack`: the release is adopted by an AsyncDisposableStack instead of a disposer object.
import { Pool } from 'pg';

const pool = new Pool();

export async function getSetting(key: string) {
  const client = await pool.connect();
  const res = await client.query('SELECT value FROM settings WHERE key = $1', [key]);
  client.release();
  return res.rows[0]?.value;
}
