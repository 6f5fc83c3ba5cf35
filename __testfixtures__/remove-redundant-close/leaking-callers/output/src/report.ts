// A local user, closed on the happy path only: an adapter disposer releases it on every path.
// expect: fixed fixed-adapter
import { Database } from './database';

export async function countUsers(): Promise<number> {
  const db = new Database();
  await using _releaseDb = { [Symbol.asyncDispose]: async () => { await db.close(); } };
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return rows[0].n;
}
