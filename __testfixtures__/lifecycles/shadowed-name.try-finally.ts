// Names are resolved by binding, not by text: `rows` after the release is a callback's own parameter, not
// the value computed while the client was held, so the release can be scoped to a block of its own.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';

const pool = new Pool();
declare function audit(what: string): Promise<void>;

export async function doubled(ids: number[]): Promise<number[]> {
  const client = await pool.connect();
  try {
    const rows = (await client.query('SELECT id FROM users WHERE id = ANY($1)', [ids])).rows;
  } finally {
    client.release();
  }
  await audit('users read');
  return ids.map((rows) => rows * 2);
}
