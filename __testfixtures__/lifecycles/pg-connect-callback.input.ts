// expect: reported callback-path-unreleased
// pg's callback form: `pool.connect((err, client, done) => …)`; done() releases the client (and there is no
// client when err is set). The first function releases on every path; the second keeps the client when its
// query fails.
import { Pool } from 'pg';

const pool = new Pool();

export function countOrders(cb: (err: Error | null, n?: number) => void): void {
  pool.connect((err, client, done) => {
    if (err) return cb(err);
    client!.query('SELECT count(*) AS n FROM orders', (qerr, res) => {
      done();
      cb(qerr, qerr ? undefined : Number(res.rows[0].n));
    });
  });
}

export function lastOrder(cb: (err: Error | null, row?: unknown) => void): void {
  pool.connect((err, client, release) => {
    if (err) return cb(err);
    client!.query('SELECT * FROM orders ORDER BY id DESC LIMIT 1', (qerr, res) => {
      if (qerr) return cb(qerr);
      release();
      cb(null, res.rows[0]);
    });
  });
}
