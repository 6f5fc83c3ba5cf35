// expect: reported teardown-conditional
// The pool is ended only when a user was found: an early return skips it. A teardown on some paths only is
// a decision to make by hand.
import { Pool } from 'pg';

const pool = new Pool();

export async function findUser(id: number) {
  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
  if (rows.length === 0) return null;
  await pool.end();
  return rows[0];
}
