// An early return that releases first, and the normal release at the end.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';

const pool = new Pool();

export async function loadProfile(userId: number) {
  const client = await pool.connect();
  try {
    const user = await client.query('SELECT * FROM users WHERE id = $1', [userId]);
    if (user.rowCount === 0) {
      return null;
    }
    const prefs = await client.query('SELECT * FROM prefs WHERE user_id = $1', [userId]);
    return { user: user.rows[0], prefs: prefs.rows };
  } finally {
    client.release();
  }
}
