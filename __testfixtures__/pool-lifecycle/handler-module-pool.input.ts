// expect: reported no-shutdown-hook
// A handler closes the module's pool in its finally: the second call fails with "Cannot use a pool after
// calling end on the pool". The teardown goes (with the finally it leaves empty); nothing closes the pool at
// shutdown, so that is reported at its creation.
import { Pool } from 'pg';

const pool = new Pool();

export async function getUser(id: number) {
  try {
    const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0];
  } finally {
    await pool.end();
  }
}
