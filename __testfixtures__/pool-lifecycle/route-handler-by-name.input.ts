// expect: reported no-shutdown-hook
// expect: fixed fixed-teardown-removed
// again: none
// A route handler, registered by name, ends the module's pool after its query: every request after the
// first fails. Registered as a route, it provably runs once per request, so the end() goes.
import express from 'express';
import { Pool } from 'pg';

const pool = new Pool();

async function listOrders(req: express.Request, res: express.Response): Promise<void> {
  const { rows } = await pool.query('SELECT * FROM orders');
  await pool.end();
  res.json(rows);
}

export const app = express();
app.get('/orders', listOrders);
