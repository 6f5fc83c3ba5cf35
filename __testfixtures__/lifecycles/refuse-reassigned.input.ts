// expect: reported reassigned
// expect: reported reassigned
// The variable is pointed at a second client before the release.
import { Pool } from 'pg';

const pool = new Pool();

export async function retry(): Promise<void> {
  let client = await pool.connect();
  try {
    await client.query('SELECT 1');
  } catch {
    client = await pool.connect();
  }
  client.release();
}
