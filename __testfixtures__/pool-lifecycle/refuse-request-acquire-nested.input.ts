// expect: reported request-acquire-position
// The client is acquired only for some paths (inside an if), not as a statement of the middleware's body.
import express from 'express';
import { Pool } from 'pg';

const pool = new Pool();
export const app = express();

app.use(async (req, res, next) => {
  if (req.path.startsWith('/api')) {
    req.db = await pool.connect();
  }
  next();
});

app.get('/api/ping', async (req, res) => {
  await req.db!.query('SELECT 1');
  req.db!.release();
  res.send('pong');
});
