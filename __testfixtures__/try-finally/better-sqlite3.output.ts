// better-sqlite3: a synchronous close() in a synchronous function gets a synchronous `using`.
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
