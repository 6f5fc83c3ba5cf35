// expect: reported use-not-awaited
// The update is not awaited: the client goes back to the pool while it may still run, and its failure is
// never seen. Adding a finally would not make that safe; awaiting it would.
import { Pool } from 'pg';

const pool = new Pool();

export async function touch(id: number): Promise<void> {
  const client = await pool.connect();
  client.query('UPDATE users SET seen_at = now() WHERE id = $1', [id]);
  client.release();
}
