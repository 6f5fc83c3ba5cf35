// expect: reported passed-to-function
// The client is handed to a function whose result is not awaited: it may keep the client.
import { Pool, PoolClient } from 'pg';

const pool = new Pool();
declare function startHeartbeat(client: PoolClient): void;

export async function watch(): Promise<void> {
  const client = await pool.connect();
  startHeartbeat(client);
  await client.query('LISTEN jobs');
  client.release();
}
