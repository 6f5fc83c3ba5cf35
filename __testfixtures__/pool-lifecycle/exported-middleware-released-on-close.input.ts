// Exported middleware that already releases the client when the response closes, on every path the
// request takes after it: nothing to do, nothing to report.
import type { NextFunction, Request, Response } from 'express';
import { Pool } from 'pg';

const pool = new Pool();

const attachClient = async (req: Request, res: Response, next: NextFunction) => {
  req.db = await pool.connect();
  res.on('close', () => req.db?.release());
  next();
};

export default attachClient;
