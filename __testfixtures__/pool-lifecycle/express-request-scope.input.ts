// Express: the middleware parks a client on the request and each handler releases it on its happy path
// only, so every request whose handler throws keeps its client and the pool runs dry. The release moves to
// the response's 'close' event (after 'finish', and on abort) and the handlers' releases go.
// expect: fixed fixed-request-scope
import express from 'express';
import { Pool } from 'pg';

const pool = new Pool({ max: 3 });
export const app = express();

app.use(async (req, res, next) => {
  req.db = await pool.connect();
  next();
});

app.get('/users/:id', async (req, res) => {
  const { rows } = await req.db!.query('SELECT * FROM users WHERE id = $1', [req.params.id]);
  if (rows.length === 0) throw new Error('no such user');
  req.db!.release();
  res.json(rows[0]);
});

app.get('/health', async (req, res) => {
  await req.db!.query('SELECT 1');
  req.db!.release();
  res.send('ok');
});
