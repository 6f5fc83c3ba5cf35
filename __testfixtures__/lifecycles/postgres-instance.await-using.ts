// postgres.js: an instance made by the function (or a block of it) that ends it, like pg's Client. A failed
// query skips `await sql.end()` and its connections stay open; `sql(ids)` (a fragment) is a use like a query.
// expect[auto,await-using]: fixed fixed-adapter
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// expect[with-session]: fixed fixed-with-session
import postgres from 'postgres';

export async function countActive(url: string, ids: number[]): Promise<number> {
  const sql = postgres(url, { max: 1 });
  await using _releaseSql = { [Symbol.asyncDispose]: async () => { await sql.end(); } };
  const [row] = await sql`SELECT count(*)::int AS n FROM users WHERE active AND id IN ${sql(ids)}`;
  return row.n;
}

export async function seed(url: string, names: string[]): Promise<void> {
  if (names.length > 0) {
    const db = postgres(url);
    await using _releaseDb = { [Symbol.asyncDispose]: async () => { await db.end(); } };
    await db`INSERT INTO tags ${db(names.map((name) => ({ name })))}`;
    console.log(`seeded ${names.length} tags`);
  }
}
