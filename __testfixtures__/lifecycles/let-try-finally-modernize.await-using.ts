// `let x; try { x = await acquire(); … } finally { x?.release() }` becomes a declaration inside the try.
// options: {"modernize":true}
// options: {"modernize":true}
// expect[auto,await-using]: modernized fixed-adapter
// expect[with-session]: modernized fixed-with-session
import { Pool, PoolClient } from 'pg';

const pool = new Pool();

export async function listTags(): Promise<string[]> {
  const client = await pool.connect();
  using _releaseClient = { [Symbol.dispose]: () => client.release() };
  const res = await client.query<{ name: string }>('SELECT name FROM tags ORDER BY name');
  return res.rows.map((r) => r.name);
}
