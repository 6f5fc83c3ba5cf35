// expect[with-session]: reported callback-return
// expect[await-using]: reported values-used-after-release
// expect[auto,try-finally]: fixed fixed-try-finally
// An early `return` in the body while awaited work follows the release: in a callback it would only leave the callback.
import { Pool } from 'pg';

const pool = new Pool();
declare function notify(what: string): Promise<void>;

export async function publish(id: number) {
  const client = await pool.connect();
  let res;
  try {
    res = await client.query('SELECT body FROM drafts WHERE id = $1', [id]);
    if (res.rowCount === 0) {
      return null;
    }
  } finally {
    client.release();
  }
  await notify(`published ${id}`);
  return res.rows[0].body as string;
}
