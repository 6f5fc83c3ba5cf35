// expect: reported request-release-conditional
// A handler releases the client only when the query succeeded and destroys it (release(err)) when it
// failed: that choice cannot move to the end of the response.
import express from 'express';
import { Pool } from 'pg';

const pool = new Pool();
export const app = express();

app.use(async (req, res, next) => {
  req.db = await pool.connect();
  next();
});

app.get('/report', async (req, res) => {
  try {
    const { rows } = await req.db!.query('SELECT * FROM report');
    req.db!.release();
    res.json(rows);
  } catch (err) {
    req.db!.release(err as Error);
    res.status(500).end();
  }
});
