// expect: reported request-no-response
// The middleware takes its response and next() as a rest parameter: there is no response variable to
// listen on.
import express, { type NextFunction, type Request, type Response } from 'express';
import { Pool } from 'pg';

const pool = new Pool();
export const app = express();

app.use(async (req: Request, ...rest: [Response, NextFunction]) => {
  req.db = await pool.connect();
  rest[1]();
});

app.get('/', async (req, res) => {
  await req.db!.query('SELECT 1');
  req.db!.release();
  res.send('ok');
});
