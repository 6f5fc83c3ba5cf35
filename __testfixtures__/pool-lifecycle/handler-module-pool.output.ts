// expect: reported no-shutdown-hook
// expect: fixed fixed-teardown-removed
// again: none
// An exported function of a library module closes the module's pool after its query: the second call fails
// with "Cannot use a pool after calling end on the pool". The teardown goes; nothing closes the pool at
// shutdown, so that is reported at its creation.
import { Pool } from 'pg';

const pool = new Pool();

export async function getUser(id: number) {
  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
  return rows[0];
}
