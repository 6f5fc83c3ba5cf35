// expect[await-using]: reported values-used-after-release
// expect[try-finally]: fixed fixed-try-finally
// expect[auto,with-session]: fixed fixed-with-session
// The acquire's own comment stays with the statement that replaces it, also when values leave the callback.
import { Pool } from 'pg';
import { withSession } from './lib/with-session';

const pool = new Pool();
declare function cache(key: string, value: unknown): Promise<void>;

export async function cachedUsers() {
  // one client for the read
  const rows = await withSession(() => pool.connect(), (client) => client.release(), async (client) => {
    const { rows } = await client.query('SELECT * FROM users');
    return rows;
  });
  await cache('users', rows);
  return rows;
}
