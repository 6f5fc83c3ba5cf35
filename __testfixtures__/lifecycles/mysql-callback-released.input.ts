// mysql's callback API: `pool.getConnection((err, conn) => …)` hands the connection to a callback, and the
// work goes on in the callbacks of its queries. Every path below releases it (there is no connection when
// err is set), so there is nothing to report and nothing to rewrite.
import mysql from 'mysql';

const pool = mysql.createPool({ host: '127.0.0.1', user: 'root', connectionLimit: 2 });

export function findUser(id: number, done: (err: Error | null, user?: unknown) => void): void {
  pool.getConnection((err, connection) => {
    if (err) return done(err);
    connection.query('SELECT * FROM users WHERE id = ?', [id], (error, rows) => {
      connection.release();
      if (error) return done(error);
      done(null, rows[0]);
    });
  });
}

export function transfer(from: number, to: number, done: (err: Error | null) => void): void {
  pool.getConnection(function (err, conn) {
    if (err) {
      done(err);
      return;
    }
    conn.beginTransaction((err) => {
      if (err) {
        conn.release();
        return done(err);
      }
      conn.query('UPDATE accounts SET balance = balance - 1 WHERE id = ?', [from], (err) => {
        if (err) return conn.rollback(() => { conn.release(); done(err); });
        conn.query('UPDATE accounts SET balance = balance + 1 WHERE id = ?', [to], (err) => {
          if (err) return conn.rollback(() => { conn.release(); done(err); });
          conn.commit((err) => {
            conn.release();
            done(err);
          });
        });
      });
    });
  });
}

// Handed to the caller's callback: the caller owns it from there.
export function borrow(done: (err: Error | null, conn?: mysql.PoolConnection) => void): void {
  pool.getConnection((err, conn) => {
    if (err) return done(err);
    done(null, conn);
  });
}

// An async callback whose finally releases.
export function touch(id: number): void {
  pool.getConnection(async (err, conn) => {
    if (err) throw err;
    try {
      await new Promise((resolve, reject) => conn.query('UPDATE users SET seen = NOW() WHERE id = ?', [id], (e) => (e ? reject(e) : resolve(null))));
    } finally {
      conn.release();
    }
  });
}
