// expect: reported callback-path-unreleased
// expect: reported callback-path-unreleased
// expect: reported callback-path-unreleased
// expect: reported callback-path-unreleased
// expect: reported never-released
// expect: reported callback-path-unreleased
// mysql's callback API, where some path out of the callbacks keeps the connection: each is reported with the
// first such path. No rewrite: a try/finally around a callback's body would release the connection before the
// query it started has run, and no release here can simply go first in its callback (callback-release-first.js).
import mysql from 'mysql';

const pool = mysql.createPool({ host: '127.0.0.1', user: 'root', connectionLimit: 2 });

// A failed query returns before the release, and the success path still uses the connection before it: the
// release cannot move to the callback's start.
export function findUser(id: number, done: (err: Error | null, user?: unknown) => void): void {
  pool.getConnection((err, connection) => {
    if (err) return done(err);
    connection.query('SELECT * FROM users WHERE id = ?', [id], (error, rows) => {
      if (error) return done(error);
      connection.query('UPDATE users SET seen = now() WHERE id = ?', [id]);
      connection.release();
      done(null, rows[0]);
    });
  });
}

// JSON.parse can throw before the query is queued, and then its callback never runs.
export function saveSettings(id: number, raw: string, done: (err: Error | null) => void): void {
  pool.getConnection((err, connection) => {
    if (err) return done(err);
    const settings = JSON.parse(raw);
    connection.query('UPDATE users SET settings = ? WHERE id = ?', [JSON.stringify(settings), id], (error) => {
      connection.release();
      done(error);
    });
  });
}

// Released only when the response is done, if it ever is.
export function streamUsers(out: NodeJS.EventEmitter): void {
  pool.getConnection((err, connection) => {
    if (err) throw err;
    connection.query('SELECT * FROM users').on('result', (row) => out.emit('row', row));
    out.once('finish', () => connection.release());
  });
}

// Released in one branch only.
export function ping(verbose: boolean): void {
  pool.getConnection((err, connection) => {
    if (err) throw err;
    if (verbose) {
      connection.ping(() => connection.release());
    }
  });
}

// Never released at all.
export function leak(): void {
  pool.getConnection((err, connection) => {
    if (err) throw err;
    connection.query('SELECT 1');
  });
}

// Released inside a loop: its paths are not followed, so it is reported rather than trusted.
export function renameAll(names: string[], done: (err: Error | null) => void): void {
  pool.getConnection((err, conn) => {
    if (err) return done(err);
    for (const [i, name] of names.entries()) {
      conn.query('UPDATE users SET name = ? WHERE id = ?', [name, i], (error) => {
        if (i === names.length - 1) {
          conn.release();
          done(error);
        }
      });
    }
  });
}
