// expect[with-session]: reported callback-jump
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// `continue` leaves the body for the enclosing loop, which a callback cannot do.
import { Pool } from 'pg';

const pool = new Pool();

export async function warm(ids: number[]): Promise<void> {
  for (const id of ids) {
    const client = await pool.connect();
    using _releaseClient = { [Symbol.dispose]: () => client.release() };
    const res = await client.query('SELECT 1 FROM cache WHERE id = $1', [id]);
    if (res.rowCount) {
      continue;
    }
    await client.query('INSERT INTO cache (id) VALUES ($1)', [id]);
  }
}
