// The same release with the same literal argument on every path (`release(true)` destroys the pg client
// instead of pooling it): the disposer makes that very call. Logging the client keeps nothing, so it is a
// use like any other, not a hand-off.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';

const pool = new Pool();

export async function scratch(sql: string): Promise<number> {
  const client = await pool.connect();
  console.log('scratch client', client);
  const res = await client.query(sql);
  client.release(true);
  return res.rowCount ?? 0;
}
