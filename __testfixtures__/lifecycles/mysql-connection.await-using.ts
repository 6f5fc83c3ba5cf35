// mysql: a connection of its own. end() sends its QUIT after every query already queued. Here JSON.parse can
// throw after connect() opened the socket and before anything ends it: a disposer that calls end() when the
// scope ends does what the end() after the queries did, and also on that path.
// expect[with-session]: reported callback-needs-async
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
import mysql from 'mysql';

export function saveSettings(id: number, raw: string, done: (err: Error | null) => void): void {
  const connection = mysql.createConnection({ host: '127.0.0.1', user: 'root' });
  using _releaseConnection = { [Symbol.dispose]: () => connection.end() };
  connection.connect();
  const settings = JSON.stringify(JSON.parse(raw));
  connection.query('UPDATE users SET settings = ? WHERE id = ?', [settings, id], (error) => done(error));
}

// The README shape: end() is queued behind the query, and nothing before it can throw (the connection's own
// calls report errors to their callbacks). Already safe: left as it is.
export function countUsers(done: (err: Error | null, n?: number) => void): void {
  const connection = mysql.createConnection({ host: '127.0.0.1', user: 'root' });
  connection.connect();
  connection.query('SELECT count(*) AS n FROM users', (error, rows) => done(error, rows?.[0]?.n));
  connection.end();
}

// Ended in its query's callback on every path: nothing to do either.
export function version(done: (err: Error | null, v?: string) => void): void {
  const connection = mysql.createConnection({ host: '127.0.0.1', user: 'root' });
  connection.query('SELECT VERSION() AS v', (error, rows) => {
    connection.end();
    if (error) return done(error);
    done(null, rows[0].v);
  });
}
