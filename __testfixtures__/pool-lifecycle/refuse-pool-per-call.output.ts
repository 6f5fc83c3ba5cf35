// expect: reported pool-per-call
// The inverse: a pool made and ended by every call. It should be made once, but moving it changes its
// lifetime, so it is reported at its creation, not moved.
import { Pool } from 'pg';

export async function handler(id: number) {
  const pool = new Pool({ max: 5 });
  try {
    const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0];
  } finally {
    await pool.end();
  }
}
