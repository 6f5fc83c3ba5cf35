// expect: reported released-conditionally
// Acquired before a loop and released inside it on one iteration only: a loop that ends without a hit keeps the client.
import { Pool } from 'pg';

const pool = new Pool();

export async function findSlot(ids: number[]): Promise<number | null> {
  const client = await pool.connect();
  let found: number | null = null;
  for (const id of ids) {
    const res = await client.query('SELECT free FROM slots WHERE id = $1', [id]);
    if (res.rows[0]?.free) {
      found = id;
      client.release();
      break;
    }
  }
  return found;
}
