// generic-pool: `pool.use(cb)` releases when the callback resolves and destroys when it rejects, without
// options: {"modernize":true}
// options: {"modernize":true}
// expect[await-using]: reported transaction-needs-callback
// expect[try-finally]: reported values-used-after-end
// expect[auto,with-session]: fixed fixed-callback-api
// expect[auto,with-session]: modernized fixed-callback-api
// awaiting either: exactly the acquire/release below, which leaked the resource when the work threw.
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
  await pool.use(async (client) => {
    await client.query('UPDATE orders SET touched = now() WHERE id = $1', [id]);
  });
}
