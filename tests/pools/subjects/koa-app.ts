// Subject of the runtime test, Koa flavour: a middleware parks a pooled client on ctx.state; the route
// releases it when it gets to the end, so a failing query keeps it.
import Koa from 'koa';
import type { Pool } from 'pg';

export function createApp(pool: Pool) {
  const app = new Koa();

  app.use(async (ctx, next) => {
    ctx.state.db = await pool.connect();
    await next();
  });

  // `/items/42` answers; `/items/oops` makes PostgreSQL reject the cast, so the route throws.
  app.use(async (ctx) => {
    const { rows } = await ctx.state.db.query('SELECT $1::int AS id', [ctx.path.replace('/items/', '')]);
    ctx.body = rows[0];
    ctx.state.db.release();
  });

  return app;
}
