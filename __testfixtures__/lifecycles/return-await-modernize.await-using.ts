// `return client.query(…)` in the scope would release before the query settles: it becomes `return await`.
// options: {"modernize":true}
// options: {"modernize":true}
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-return-await
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';

const pool = new Pool();

export async function findUser(id: number) {
  const client = await pool.connect();
  using _releaseClient = { [Symbol.dispose]: () => client.release() };
  return await client.query('SELECT * FROM users WHERE id = $1', [id]);
}
