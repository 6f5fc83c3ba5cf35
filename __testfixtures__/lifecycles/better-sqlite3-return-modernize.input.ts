// A synchronous library's result is complete when returned from a synchronous function: no pending use.
// options: {"modernize":true}
// options: {"modernize":true}
// expect[with-session]: reported callback-needs-async
// expect[auto,await-using]: modernized fixed-adapter
import Database from 'better-sqlite3';

export function names(file: string): string[] {
  const db = new Database(file);
  try {
    return db.prepare('SELECT name FROM people').pluck().all() as string[];
  } finally {
    db.close();
  }
}
