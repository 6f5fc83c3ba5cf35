// sqlite3: close() waits for every query already queued. Here JSON.parse can throw before the query and the
// close: the close moves into a disposer, which closes on that path too and after the query otherwise.
// expect[with-session]: reported callback-needs-async
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
import sqlite3 from 'sqlite3';

export function eventsOf(file: string, filter: string, done: (err: Error | null, rows?: unknown[]) => void): void {
  const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
  using _releaseDb = { [Symbol.dispose]: () => db.close() };
  const { name } = JSON.parse(filter);
  db.all('SELECT * FROM events WHERE name = ? ORDER BY at', [name], done);
}

// The README shape: nothing before the close can throw, so it runs on every path. Left as it is.
export function listEvents(file: string, done: (err: Error | null, rows?: unknown[]) => void): void {
  const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
  db.serialize(() => {
    db.run('PRAGMA query_only = 1');
    db.all('SELECT * FROM events ORDER BY at', done);
  });
  db.close();
}

// Closed in its own queries' callbacks on every path: nothing to do.
export function migrate(file: string, done: (err: Error | null) => void): void {
  const db = new sqlite3.Database(file);
  db.serialize(() => {
    db.run('CREATE TABLE IF NOT EXISTS events (at INTEGER, name TEXT)');
    db.run('CREATE INDEX IF NOT EXISTS events_at ON events (at)', (err) => {
      db.close();
      done(err);
    });
  });
}
