// A pooled client released before an early return inside the try, and again by the finally, which runs
// after that return: the "not found" path releases it twice (pg throws on the second). Reported: whether the
// early release or the finally should go is the author's call.
// expect: reported double-release
import { Pool } from 'pg';

const pool = new Pool();

export async function findOrder(id: number) {
  const client = await pool.connect();
  try {
    const res = await client.query('SELECT * FROM orders WHERE id = $1', [id]);
    if (res.rowCount === 0) {
      client.release();
      return null;
    }
    return res.rows[0];
  } finally {
    client.release();
  }
}
