// `return client.query(…)` in the scope would release before the query settles: it becomes `return await`.
// expect: fixed fixed-return-await
import { Pool } from 'pg';

const pool = new Pool();

export async function findUser(id: number) {
  const client = await pool.connect();
  try {
    return client.query('SELECT * FROM users WHERE id = $1', [id]);
  } finally {
    client.release();
  }
}
