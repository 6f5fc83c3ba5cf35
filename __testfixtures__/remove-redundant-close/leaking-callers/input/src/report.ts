// A local user, closed on the happy path only: an adapter disposer releases it on every path.
// expect: fixed fixed-adapter
import { Database } from './database';

export async function countUsers(): Promise<number> {
  const db = new Database();
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  await db.close();
  return rows[0].n;
}
