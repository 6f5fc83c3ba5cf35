// mysql's callback API, more shapes whose every path releases: the error tested as `if (!err)`, a catch
// that releases before rethrowing, a finally, and a run of ifs (followed once after each, not per path).
import mysql from 'mysql';

const pool = mysql.createPool({ host: '127.0.0.1', user: 'root', connectionLimit: 2 });

export function rename(id: number, name: string, done: (err: Error | null) => void): void {
  pool.getConnection((err, conn) => {
    if (!err) {
      conn.query('UPDATE users SET name = ? WHERE id = ?', [name, id], (error) => {
        conn.release();
        done(error);
      });
    } else {
      done(err);
    }
  });
}

export function importRows(raw: string, done: (err: Error | null) => void): void {
  pool.getConnection((err, conn) => {
    if (err) throw err;
    let rows: unknown[];
    try {
      rows = JSON.parse(raw);
    } catch (parseError) {
      conn.release();
      throw parseError;
    }
    conn.query('INSERT INTO imports (body, n) VALUES (?, ?)', [raw, rows.length], (error) => {
      try {
        done(error);
      } finally {
        conn.release();
      }
    });
  });
}

export function page(limit: number, offset: number, done: (err: Error | null, rows?: unknown[]) => void): void {
  pool.getConnection((err, conn) => {
    if (err) return done(err);
    let size = 20;
    if (limit > 0) size = limit;
    if (size > 100) size = 100;
    let start = 0;
    if (offset > 0) start = offset;
    if (start > 10_000) start = 10_000;
    conn.query('SELECT * FROM users LIMIT ? OFFSET ?', [size, start], (error, rows) => {
      conn.release();
      done(error, rows);
    });
  });
}
