// expect: reported request-next-not-awaited
// The middleware calls next() without awaiting it, so there is no point at which the downstream work is done.
import Koa from 'koa';
import { Pool } from 'pg';

const pool = new Pool();
export const app = new Koa();

app.use(async (ctx, next) => {
  ctx.state.db = await pool.connect();
  void next();
});

app.use(async (ctx) => {
  ctx.body = (await ctx.state.db.query('SELECT 1')).rows;
  ctx.state.db.release();
});
