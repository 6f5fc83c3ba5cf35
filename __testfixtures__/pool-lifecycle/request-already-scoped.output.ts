// Already scoped to the response by hand: the middleware releases the client when the response closes.
// Nothing to do, nothing to report.
import express from 'express';
import { Pool } from 'pg';

const pool = new Pool();
export const app = express();

app.use(async (req, res, next) => {
  req.db = await pool.connect();
  res.on('close', () => req.db!.release());
  next();
});

app.get('/', async (req, res) => {
  res.json((await req.db!.query('SELECT 1')).rows);
});
