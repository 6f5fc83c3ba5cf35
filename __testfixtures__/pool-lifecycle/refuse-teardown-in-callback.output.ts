// expect: reported teardown-in-callback
// A route handler ends the module's pool inside the query's callback. The handler runs per request, but
// when (and how often) the callback runs is the driver's business: reported, not removed.
import express from 'express';
import { Pool } from 'pg';

const pool = new Pool();
export const app = express();

app.get('/orders', (req, res) => {
  pool.query('SELECT * FROM orders', (err, result) => {
    pool.end();
    if (err) res.status(500).end();
    else res.json(result.rows);
  });
});
