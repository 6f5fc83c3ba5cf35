// A helper with three parameters that never calls the third one: not middleware. What it does with the
// request object is the lifecycle analysis's business, not a request-scoped session.
import type { Request } from 'express';
import { Pool } from 'pg';

const pool = new Pool();

export async function preload(req: Request, table: string, done: boolean) {
  req.db = await pool.connect();
  if (done) return table;
  return null;
}
