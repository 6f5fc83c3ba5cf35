// expect: reported no-shutdown-hook
// expect: fixed fixed-teardown-removed
// again: none
// postgres.js: `postgres(url)` is a pool and `sql.end()` closes it for good; per call, the next one fails.
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1/test');

export async function countOrders(): Promise<number> {
  const [row] = await sql`SELECT count(*)::int AS n FROM orders`;
  await sql.end();
  return row.n;
}
