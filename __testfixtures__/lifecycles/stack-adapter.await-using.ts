// options: {"adapter":"stack"}
// options: {"adapter":"stack"}
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// `--adapter stack`: the release is adopted by an AsyncDisposableStack instead of a disposer object.
import { Pool } from 'pg';

const pool = new Pool();

export async function getSetting(key: string) {
  using _clientStack = new DisposableStack();
  const client = _clientStack.adopt(await pool.connect(), (client) => client.release());
  const res = await client.query('SELECT value FROM settings WHERE key = $1', [key]);
  return res.rows[0]?.value;
}
