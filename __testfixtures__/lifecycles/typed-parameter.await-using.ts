// The pool is a parameter typed with pg's Pool: recognised by its type annotation.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import type { Pool } from 'pg';

export async function touch(pool: Pool, id: number): Promise<void> {
  const client = await pool.connect();
  using _releaseClient = { [Symbol.dispose]: () => client.release() };
  await client.query('UPDATE sessions SET seen_at = now() WHERE id = $1', [id]);
}
