// expect[await-using]: reported values-used-after-release
// expect[try-finally]: fixed fixed-try-finally
// expect[auto,with-session]: fixed fixed-with-session
// `rows` is used after an await that follows the release: bounding the scope would hide it, moving it would delay the release.
import { Pool } from 'pg';
import { withSession } from './lib/with-session';

const pool = new Pool();
declare function cache(key: string, value: unknown): Promise<void>;

export async function cachedUsers() {
  const rows = await withSession(() => pool.connect(), (client) => client.release(), async (client) => {
    const { rows } = await client.query('SELECT * FROM users');
    return rows;
  });
  await cache('users', rows);
  return rows;
}
