// better-sqlite3: a synchronous close() in a synchronous function gets a synchronous `using`.
// expect[with-session]: reported callback-needs-async
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
import Database from 'better-sqlite3';

export function countRows(file: string): number {
  const db = new Database(file, { readonly: true });
  const row = db.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
  db.close();
  return row.n;
}
