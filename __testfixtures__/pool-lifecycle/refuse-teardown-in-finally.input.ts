// expect: reported teardown-in-finally
// An exported function closes the module's pool in its finally: the second call fails with "Cannot use a
// pool after calling end on the pool". But a release written to run on every path is never removed (it may
// be what another transform put there): reported.
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
