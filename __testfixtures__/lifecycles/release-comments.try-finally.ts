// Comments on a release that goes move with the disposal that now does its work: none is lost.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';

const pool = new Pool();

export async function userNames(): Promise<string[]> {
  // one client for both queries
  const client = await pool.connect(); // from the shared pool
  try {
    const res = await client.query<{ name: string }>('SELECT name FROM users');
    return res.rows.map((r) => r.name);
  } finally {
    // give the client back before mapping
    client.release(); // must happen exactly once
  }
}
