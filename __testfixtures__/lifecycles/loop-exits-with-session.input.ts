// expect[with-session]: reported callback-return
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// A `return` inside a loop body: in a callback it would only leave the callback.
import { Pool } from 'pg';

const pool = new Pool();

export async function firstFree(ids: number[]): Promise<number | null> {
  for (const id of ids) {
    const client = await pool.connect();
    const res = await client.query('SELECT free FROM slots WHERE id = $1', [id]);
    if (res.rows[0]?.free) {
      client.release();
      return id;
    }
    if (res.rowCount === 0) continue;
    client.release();
  }
  return null;
}
