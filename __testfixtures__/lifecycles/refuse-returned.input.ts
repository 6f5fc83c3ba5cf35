// expect: reported returned-after-work
// expect: reported returned
// Handing the client to the caller is no leak of this function (factory: no finding), unless work before the
// hand-off can throw (nobody would release it then) or the function also releases it on another path.
import { Pool, PoolClient } from 'pg';

const pool = new Pool();

export async function checkout(): Promise<PoolClient> {
  const client = await pool.connect();
  await client.query("SET statement_timeout = '5s'");
  return client;
}

export async function plainCheckout(): Promise<PoolClient> {
  const client = await pool.connect();
  client.on('error', (err) => console.error(err));
  return client;
}

export function connectLater(): Promise<PoolClient> {
  return pool.connect();
}

export async function maybeKeep(keep: boolean): Promise<PoolClient | null> {
  const client = await pool.connect();
  if (keep) return client;
  client.release();
  return null;
}
