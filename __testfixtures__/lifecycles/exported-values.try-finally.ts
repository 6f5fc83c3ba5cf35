// expect[await-using]: reported values-used-after-release
// expect[try-finally]: fixed fixed-try-finally
// expect[auto,with-session]: fixed fixed-with-session
// `rows` is read after an await that follows the release: it comes out of the callback as its result.
import { Pool } from 'pg';

const pool = new Pool();
declare function cache(key: string, value: unknown): Promise<void>;

export async function cachedUsers() {
  const client = await pool.connect();
  let rows, count;
  try {
    ({ rows } = await client.query('SELECT * FROM users'));
    count = rows.length;
  } finally {
    client.release();
  }
  await cache('users', rows);
  return { rows, count };
}
