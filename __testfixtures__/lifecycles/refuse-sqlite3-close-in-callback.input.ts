// expect: reported callback-path-unreleased
// sqlite3: the database is closed in its query's callback, but a failed query returns first and keeps it
// open. The close cannot move out of the callback (the query is still running when the function returns),
// nor to the callback's start (the success path still writes through the database before it).
import sqlite3 from 'sqlite3';

export function lastEvent(file: string, done: (err: Error | null, row?: unknown) => void): void {
  const db = new sqlite3.Database(file);
  db.get('SELECT * FROM events ORDER BY at DESC LIMIT 1', (err, row) => {
    if (err) return done(err);
    db.run('UPDATE events SET seen = 1');
    db.close();
    done(null, row);
  });
}
