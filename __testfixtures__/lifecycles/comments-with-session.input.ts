// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// The comment above the acquire stays, now above the call that replaces it.
import { Pool } from 'pg';

const pool = new Pool();

export async function touch(id: number): Promise<void> {
  // borrow a client from the pool
  const client = await pool.connect();
  await client.query('UPDATE t SET seen = now() WHERE id = $1', [id]); // mark it
  client.release();
  await notifyLater();
}

declare function notifyLater(): Promise<void>;
