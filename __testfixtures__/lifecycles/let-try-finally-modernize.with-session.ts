// `let x; try { x = await acquire(); … } finally { x?.release() }` becomes a declaration inside the try.
// options: {"modernize":true}
// options: {"modernize":true}
// expect[auto,await-using]: modernized fixed-adapter
// expect[with-session]: modernized fixed-with-session
import { Pool, PoolClient } from 'pg';
import { withSession } from './lib/with-session';

const pool = new Pool();

export async function listTags(): Promise<string[]> {
  return await withSession(() => pool.connect(), (client) => client.release(), async (client) => {
    const res = await client.query<{ name: string }>('SELECT name FROM tags ORDER BY name');
    return res.rows.map((r) => r.name);
  });
}
