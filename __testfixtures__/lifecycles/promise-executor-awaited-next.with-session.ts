// A callback API wrapped in a promise held in a variable that the very next statement awaits: the executor's
// work is over by then, so the close can go in a finally like any other. A promise awaited only after the
// close keeps its report.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// expect: reported used-in-closure
import sqlite3 from 'sqlite3';
import { withSession } from './lib/with-session';

export async function latestName(file: string): Promise<string> {
  return await withSession(() => new sqlite3.Database(file), (db) => db.close(), async (db) => {
    const pending = new Promise<{ name: string }>((resolve, reject) => {
      db.get('SELECT name FROM migrations ORDER BY id DESC LIMIT 1', (err: Error | null, row: { name: string }) => (err ? reject(err) : resolve(row)));
    });
    const row = await pending;
    return row.name;
  });
}

export async function closedTooSoon(file: string): Promise<string> {
  const db = new sqlite3.Database(file);
  const pending = new Promise<{ name: string }>((resolve, reject) => {
    db.get('SELECT name FROM migrations', (err: Error | null, row: { name: string }) => (err ? reject(err) : resolve(row)));
  });
  db.close();
  const row = await pending;
  return row.name;
}
