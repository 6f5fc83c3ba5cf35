// options: {"adapter":"stack"}
// options: {"adapter":"stack"}
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// `--adapter stack`: the release is adopted by an AsyncDisposableStack instead of a disposer object.
import { Pool } from 'pg';

const pool = new Pool();

export async function getSetting(key: string) {
  const client = await pool.connect();
  try {
    const res = await client.query('SELECT value FROM settings WHERE key = $1', [key]);
    return res.rows[0]?.value;
  } finally {
    client.release();
  }
}
