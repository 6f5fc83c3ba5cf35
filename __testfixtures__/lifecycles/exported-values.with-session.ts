// expect[await-using]: reported values-used-after-release
// expect[try-finally]: fixed fixed-try-finally
// expect[auto,with-session]: fixed fixed-with-session
// `rows` is read after an await that follows the release: it comes out of the callback as its result.
import { Pool } from 'pg';
import { withSession } from './lib/with-session';

const pool = new Pool();
declare function cache(key: string, value: unknown): Promise<void>;

export async function cachedUsers() {
  const { rows, count } = await withSession(() => pool.connect(), (client) => client.release(), async (client) => {
    const { rows } = await client.query('SELECT * FROM users');
    const count = rows.length;
    return { rows, count };
  });
  await cache('users', rows);
  return { rows, count };
}
