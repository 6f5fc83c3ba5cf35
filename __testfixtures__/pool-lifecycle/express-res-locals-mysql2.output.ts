// Express's own place for request data, `res.locals`, with a mysql2 pool. A handler takes the connection
// out by destructuring and releases it after the work: a failing query skips that release.
// expect: fixed fixed-request-scope
import express from 'express';
import mysql from 'mysql2/promise';

const pool = mysql.createPool({ host: '127.0.0.1', user: 'root', database: 'test', connectionLimit: 4 });
export const app = express();

async function attachConnection(req: express.Request, res: express.Response, next: express.NextFunction) {
  const db = await pool.getConnection();
  if (res.closed) {
    db.release();
    return;
  }
  res.locals.db = db;
  res.on('close', () => db.release());
  next();
}

app.use(attachConnection);

app.get('/products', async (req, res) => {
  const { db } = res.locals;
  const [rows] = await db.query('SELECT * FROM products');
  res.json(rows);
});
