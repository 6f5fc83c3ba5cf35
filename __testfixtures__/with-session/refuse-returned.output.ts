// options: {"helperImport": "./lib/with-session"}
// expect: reported returned
// The client is handed to the caller, who releases it: not this function's to scope.
import { Pool, PoolClient } from 'pg';

const pool = new Pool();

export async function checkout(): Promise<PoolClient> {
  const client = await pool.connect();
  await client.query("SET statement_timeout = '5s'");
  return client;
}
