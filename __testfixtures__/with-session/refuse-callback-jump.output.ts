// options: {"helperImport": "./lib/with-session"}
// expect: reported callback-jump
// `continue` leaves the body for the enclosing loop, which a callback cannot do.
import { Pool } from 'pg';

const pool = new Pool();

export async function warm(ids: number[]): Promise<void> {
  for (const id of ids) {
    const client = await pool.connect();
    const res = await client.query('SELECT 1 FROM cache WHERE id = $1', [id]);
    if (res.rowCount) {
      client.release();
      continue;
    }
    await client.query('INSERT INTO cache (id) VALUES ($1)', [id]);
    client.release();
  }
}
