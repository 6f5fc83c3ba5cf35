// postgres.js: a reserved connection (``reserved`…` `` queries) released by a sync release() adapter.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import postgres from 'postgres';

const sql = postgres('postgres://postgres@127.0.0.1/test');

export async function countOrders(): Promise<number> {
  const reserved = await sql.reserve();
  try {
    const [row] = await reserved`SELECT count(*)::int AS n FROM orders`;
    return row.n;
  } finally {
    reserved.release();
  }
}
