// expect[with-session]: reported callback-needs-async
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// A synchronous function cannot await a callback helper.
import Database from 'better-sqlite3';

export function countRows(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const row = db.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}
