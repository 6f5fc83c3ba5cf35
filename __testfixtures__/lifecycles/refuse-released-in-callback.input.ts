// expect: reported released-in-callback
// The release happens in a promise callback.
import { Pool } from 'pg';

const pool = new Pool();

export async function fireAndForget(sql: string): Promise<void> {
  const client = await pool.connect();
  client.query(sql).finally(() => client.release());
}
