// The pool comes from the project's own module: `export const pool = new Pool()` in ./lib/db.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { pool } from './lib/db';
import { withSession } from './lib/with-session';

export async function deleteOrder(id: number): Promise<void> {
  await withSession(() => pool.connect(), (client) => client.release(), async (client) => {
    await client.query('DELETE FROM orders WHERE id = $1', [id]);
  });
}
