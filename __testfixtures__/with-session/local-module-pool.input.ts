// options: {"helperImport": "./lib/with-session"}
// The pool comes from the project's own module: `export const pool = new Pool()` in ./lib/db.
import { pool } from './lib/db';

export async function deleteOrder(id: number): Promise<void> {
  const client = await pool.connect();
  await client.query('DELETE FROM orders WHERE id = $1', [id]);
  client.release();
}
