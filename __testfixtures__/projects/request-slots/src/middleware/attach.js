import { pool } from '../db/pool.js';

// Parks a client per request; the handlers release it.
export async function attachClient(req, res, next) {
  try {
    req.pg = await pool.connect();
    next();
  } catch (err) {
    next(err);
  }
}

// Parks the pool itself: shared, nothing to release per request.
export function attachPool(req, res, next) {
  req.shared = pool;
  next();
}
