// A local user, closed on the happy path only: it becomes `await using`, released on every path.
// expect: fixed fixed-caller-using
import { Database } from './database';

export async function countUsers(): Promise<number> {
  const db = new Database();
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  await db.close();
  return rows[0].n;
}
