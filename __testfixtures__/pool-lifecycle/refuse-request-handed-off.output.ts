// expect: reported request-handed-off
// The handler answers at once and hands the client to background work that releases it later: releasing
// it when the response closes would pull it out from under that work.
import express from 'express';
import { Pool, type PoolClient } from 'pg';

const pool = new Pool();
export const app = express();

declare function auditLater(client: PoolClient): void;

app.use(async (req, res, next) => {
  req.db = await pool.connect();
  next();
});

app.post('/orders', async (req, res) => {
  await req.db!.query('INSERT INTO orders DEFAULT VALUES');
  auditLater(req.db!);
  res.status(201).end();
});
