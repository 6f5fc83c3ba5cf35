// expect: reported request-released-elsewhere
// The routes that release the client live in another module: rewriting only this file would release it
// twice, so it is reported.
import express from 'express';
import { Pool } from 'pg';
import { users } from './lib/users-router';

const pool = new Pool();
export const app = express();

app.use(async (req, res, next) => {
  req.db = await pool.connect();
  next();
});
app.use(users);
