// `return client.query(…)` in the scope would release before the query settles: it becomes `return await`.
// options: {"modernize":true}
// options: {"modernize":true}
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-return-await
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';
import { withSession } from './lib/with-session';

const pool = new Pool();

export async function findUser(id: number) {
  return await withSession(() => pool.connect(), (client) => client.release(), async (client) => {
    return await client.query('SELECT * FROM users WHERE id = $1', [id]);
  });
}
