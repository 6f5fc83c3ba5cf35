// Linear: acquire, use, release — the release is skipped when the query throws.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';

const pool = new Pool();

export async function getUser(id: number) {
  const client = await pool.connect();
  using _releaseClient = { [Symbol.dispose]: () => client.release() };
  const res = await client.query('SELECT * FROM users WHERE id = $1', [id]);
  return res.rows[0];
}
