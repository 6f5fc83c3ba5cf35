// expect: reported teardown-arguments
// A per-call function ends the module's pool with a callback that tells its caller it is done. The callback
// carries the program on, so the call is reported and never removed.
import { Pool } from 'pg';

const pool = new Pool();

export async function purgeSessions(done: () => void): Promise<void> {
  await pool.query('DELETE FROM sessions WHERE expires < now()');
  pool.end(() => done());
}
