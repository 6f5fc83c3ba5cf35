// generic-pool: `pool.use(cb)` releases when the callback resolves and destroys when it rejects, without
// awaiting either: exactly the acquire/release below, which leaked the resource when the work threw.
// expect[await-using]: reported transaction-needs-callback
// expect[try-finally]: reported values-used-after-end
// expect[auto,with-session]: fixed fixed-callback-api
import { createPool } from 'generic-pool';
import { Client } from 'pg';

declare function connectClient(): Promise<Client>;

const pool = createPool<Client>({ create: connectClient, destroy: async (c) => c.end() }, { max: 4 });

export async function countOrders(): Promise<number> {
  const res = await pool.use(async (client) => {
    const res = await client.query('SELECT count(*) AS n FROM orders');
    return res;
  });
  return Number(res.rows[0].n);
}

export async function touch(id: number): Promise<void> {
  const client = await pool.acquire();
  try {
    await client.query('UPDATE orders SET touched = now() WHERE id = $1', [id]);
    pool.release(client);
  } catch (err) {
    pool.destroy(client);
    throw err;
  }
}
