// Routes of the request-released-elsewhere fixture: they release the request's client themselves.
import { Router } from 'express';

export const users = Router();

users.get('/users', async (req, res) => {
  const { rows } = await req.db!.query('SELECT * FROM users');
  req.db!.release();
  res.json(rows);
});
