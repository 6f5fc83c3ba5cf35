// mysql's callback API: a connection handed to getConnection's callback. `findLeaky` returns before the release
// when its query fails; `findSafe` releases first thing in the query callback. leakproof moves the first one's
// release to the start of that callback and leaves the second alone; callbacks.test.ts checks the pool after
// real calls to the original and the rewrite.
import mysql from 'mysql';

export function makePool(config: mysql.PoolConfig): mysql.Pool {
  return mysql.createPool({ ...config, connectionLimit: 2 });
}

type Done = (err: Error | null, value?: number) => void;

export function findLeaky(pool: mysql.Pool, sql: string, done: Done): void {
  pool.getConnection((err, connection) => {
    if (err) return done(err);
    connection.query(sql, (error, rows) => {
      if (error) return done(error);
      connection.release();
      done(null, rows[0].n);
    });
  });
}

export function findSafe(pool: mysql.Pool, sql: string, done: Done): void {
  pool.getConnection((err, connection) => {
    if (err) return done(err);
    connection.query(sql, (error, rows) => {
      connection.release();
      if (error) return done(error);
      done(null, rows[0].n);
    });
  });
}
