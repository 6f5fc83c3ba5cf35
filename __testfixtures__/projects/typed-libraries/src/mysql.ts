// mysql's callback API: getConnection() returns nothing the checker can name; the catalogue says the callback
// gets the connection. A failed query returns before the release.
import mysql from 'mysql';

const pool = mysql.createPool({ host: '127.0.0.1', user: 'root' });

export function findUser(id: number, done: (err: Error | null, user?: unknown) => void): void {
  pool.getConnection((err, connection) => {
    if (err) return done(err);
    connection.query('SELECT * FROM users WHERE id = ?', [id], (error, rows) => {
      if (error) return done(error);
      connection.release();
      done(null, rows[0]);
    });
  });
}
