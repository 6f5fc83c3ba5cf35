// postgres.js: `postgres(url)` is typed Sql; one made and ended by the function is its lifecycle, the module's
// own instance is the process's pool.
import postgres from 'postgres';

const shared = postgres('postgres://postgres@127.0.0.1/test');

export async function count(url: string): Promise<number> {
  const sql = postgres(url);
  const [row] = await sql`SELECT count(*)::int AS n FROM users`;
  await sql.end();
  return row.n;
}

export async function closeShared(): Promise<void> {
  await shared.end();
}
