// generic-pool: a resource acquired and released by hand. When the work throws (or the server rejects a
// statement) the release is skipped and the resource stays borrowed for good.
import { createPool } from 'generic-pool';
import { Client } from 'pg';

export type Fault = 'none' | 'throw' | 'sql';

const settings = JSON.parse(process.env.LP_TX_SETTINGS ?? '{}');

async function connectClient(): Promise<Client> {
  const client = new Client(settings.connection);
  await client.connect();
  return client;
}

export const pool = createPool<Client>(
  { create: connectClient, destroy: async (c) => c.end() },
  { max: 1, acquireTimeoutMillis: settings.acquireTimeoutMs },
);

function failHere(fault: Fault): void {
  if (fault === 'throw') throw new Error('boom: the work failed between the two inserts');
}

export async function placeOrder(table: string, id: number, total: number, fault: Fault): Promise<number> {
  const client = await pool.acquire();
  const res = await client.query(`INSERT INTO ${table} (id, total) VALUES ($1, $2) RETURNING id, total`, [id, total]);
  failHere(fault);
  if (fault === 'sql') await client.query('SELECT 1/0');
  await client.query(`INSERT INTO ${table} (id, total) VALUES ($1, $2)`, [id + 1, res.rows[0].total * 2]);
  pool.release(client);
  return res.rows[0].id * 1000 + res.rows[0].total;
}

export async function placePair(table: string, id: number, fault: Fault): Promise<void> {
  const client = await pool.acquire();
  await client.query(`INSERT INTO ${table} (id, total) VALUES ($1, 1)`, [id]);
  failHere(fault);
  if (fault === 'sql') await client.query('SELECT 1/0');
  await client.query(`INSERT INTO ${table} (id, total) VALUES ($1, 2)`, [id + 1]);
  pool.release(client);
}
