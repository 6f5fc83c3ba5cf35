// The catch rolls back before it releases: the one release must come after the catch, never before it.
import { Pool } from 'pg';
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session

const pool = new Pool();

export async function move(from: string, to: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE stock SET n = n - 1 WHERE id = $1', [from]);
    await client.query('UPDATE stock SET n = n + 1 WHERE id = $1', [to]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}
