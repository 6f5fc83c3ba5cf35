// postgres.js: a reserved connection (``reserved`…` `` queries) released by a sync release() adapter.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import postgres from 'postgres';
import { withSession } from './lib/with-session';

const sql = postgres('postgres://postgres@127.0.0.1/test');

export async function countOrders(): Promise<number> {
  return await withSession(
    () => sql.reserve(),
    (reserved) => reserved.release(),
    async (reserved) => {
      const [row] = await reserved`SELECT count(*)::int AS n FROM orders`;
      return row.n;
    }
  );
}
