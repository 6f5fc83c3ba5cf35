// A lifecycle per loop iteration: `release(); break` leaves the block at once, `continue` used to leak.
// expect[with-session]: reported callback-return
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
import { Pool } from 'pg';

const pool = new Pool();

export async function firstFree(ids: number[]): Promise<number | null> {
  for (const id of ids) {
    const client = await pool.connect();
    using _releaseClient = { [Symbol.dispose]: () => client.release() };
    const res = await client.query('SELECT free FROM slots WHERE id = $1', [id]);
    if (res.rows[0]?.free) {
      return id;
    }
    if (res.rowCount === 0) continue;
  }
  return null;
}
