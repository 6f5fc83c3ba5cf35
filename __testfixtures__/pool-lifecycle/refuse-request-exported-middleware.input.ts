// expect: reported request-handed-off
// Middleware exported for the app module to register: the client it parks on the request goes to route
// handlers in other modules, which release it (or not). Nothing in this file can scope it to the response.
import type { NextFunction, Request, Response } from 'express';
import { Pool } from 'pg';

const pool = new Pool();

export async function withTenant(req: Request, res: Response, next: NextFunction) {
  const tenant = req.header('x-tenant');
  if (!tenant) return res.status(400).end();
  try {
    req.db = await pool.connect();
    await req.db.query('SELECT set_config($1, $2, false)', ['app.tenant', tenant]);
    next();
  } catch (err) {
    next(err);
  }
}
