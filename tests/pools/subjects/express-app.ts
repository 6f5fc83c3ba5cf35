// Subject of the runtime test (tests/pools/express-runtime.test.ts): the request-scoped session leak as
// people write it. A middleware parks a pooled client on the request; each handler releases it when it gets
// to the end. A handler whose query fails throws first, Express answers 500, and the client never goes back.
// The test runs this file as written and as pool-lifecycle rewrites it.
import express from 'express';
import type { Pool, PoolClient } from 'pg';

declare global {
  namespace Express {
    interface Request {
      db?: PoolClient;
    }
  }
}

export function createApp(pool: Pool) {
  const app = express();

  app.use(async (req, res, next) => {
    req.db = await pool.connect();
    next();
  });

  // `/items/42` answers; `/items/oops` makes PostgreSQL reject the cast, so the handler throws.
  app.get('/items/:id', async (req, res) => {
    const { rows } = await req.db!.query('SELECT $1::int AS id', [req.params.id]);
    req.db!.release();
    res.json(rows[0]);
  });

  return app;
}
