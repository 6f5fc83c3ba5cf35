// The pool comes from the project's own module: `export const pool = new Pool()` in ./lib/db.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { pool } from './lib/db';

export async function deleteOrder(id: number): Promise<void> {
  const client = await pool.connect();
  await client.query('DELETE FROM orders WHERE id = $1', [id]);
  client.release();
}
