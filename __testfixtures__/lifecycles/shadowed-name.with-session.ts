// Names are resolved by binding, not by text: `rows` after the release is a callback's own parameter, not
// the value computed while the client was held, so the release can be scoped to a block of its own.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';
import { withSession } from './lib/with-session';

const pool = new Pool();
declare function audit(what: string): Promise<void>;

export async function doubled(ids: number[]): Promise<number[]> {
  await withSession(() => pool.connect(), (client) => client.release(), async (client) => {
    const rows = (await client.query('SELECT id FROM users WHERE id = ANY($1)', [ids])).rows;
  });
  await audit('users read');
  return ids.map((rows) => rows * 2);
}
