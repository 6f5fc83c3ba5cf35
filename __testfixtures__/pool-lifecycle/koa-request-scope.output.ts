// Koa: the middleware parks a client on ctx.state and the route releases it only when it gets to the end.
// The release moves into a finally around `await next()`, which resolves when everything downstream is done.
// expect: fixed fixed-request-scope
import Koa from 'koa';
import { Pool } from 'pg';

const pool = new Pool();
export const app = new Koa();

app.use(async (ctx, next) => {
  const db = await pool.connect();
  ctx.state.db = db;
  try {
    await next();
  } finally {
    db.release();
  }
});

app.use(async (ctx) => {
  const { rows } = await ctx.state.db.query('SELECT * FROM orders');
  ctx.body = rows;
});
