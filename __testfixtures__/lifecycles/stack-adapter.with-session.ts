// options: {"adapter":"stack"}
// options: {"adapter":"stack"}
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// `--adapter stack`: the release is adopted by an AsyncDisposableStack instead of a disposer object.
import { Pool } from 'pg';
import { withSession } from './lib/with-session';

const pool = new Pool();

export async function getSetting(key: string) {
  return await withSession(() => pool.connect(), (client) => client.release(), async (client) => {
    const res = await client.query('SELECT value FROM settings WHERE key = $1', [key]);
    return res.rows[0]?.value;
  });
}
