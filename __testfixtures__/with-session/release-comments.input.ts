// Comments on a release that goes move with the disposal that now does its work: none is lost.
// options: {"helperImport": "./lib/with-session"}
import { Pool } from 'pg';

const pool = new Pool();

export async function userNames(): Promise<string[]> {
  // one client for both queries
  const client = await pool.connect(); // from the shared pool
  const res = await client.query<{ name: string }>('SELECT name FROM users');
  // give the client back before mapping
  client.release(); // must happen exactly once
  return res.rows.map((r) => r.name);
}
