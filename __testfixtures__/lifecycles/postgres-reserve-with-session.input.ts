// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// postgres.js without a transaction: a reserved connection is a plain resource; the helper releases it.
import postgres from 'postgres';

const sql = postgres('postgres://postgres@127.0.0.1/test');

export async function lockAndRead(key: number): Promise<number> {
  const reserved = await sql.reserve();
  await reserved`SELECT pg_advisory_lock(${key})`;
  const [row] = await reserved`SELECT count(*)::int AS n FROM orders`;
  await reserved`SELECT pg_advisory_unlock(${key})`;
  reserved.release();
  return row.n;
}
