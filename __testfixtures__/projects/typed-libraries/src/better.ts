// better-sqlite3 called without `new`: the syntactic pass does not follow a class called as a function.
import Database from 'better-sqlite3';

export function countRows(file: string): number {
  const db = Database(file, { readonly: true });
  const row = db.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
  db.close();
  return row.n;
}
