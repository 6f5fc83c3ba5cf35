// options: {"helperImport": "./lib/with-session"}
// expect: reported callback-needs-async
// A synchronous function cannot await a callback helper.
import Database from 'better-sqlite3';

export function countRows(file: string): number {
  const db = new Database(file, { readonly: true });
  const row = db.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
  db.close();
  return row.n;
}
