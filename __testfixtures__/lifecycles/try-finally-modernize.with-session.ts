// try/finally already releases on every path; `using` says it once, at the acquire.
// options: {"modernize":true}
// options: {"modernize":true}
// expect[auto,await-using]: modernized fixed-adapter
// expect[with-session]: modernized fixed-with-session
import { Pool } from 'pg';
import { withSession } from './lib/with-session';

const pool = new Pool();

export async function countOrders(customerId: string): Promise<number> {
  return await withSession(() => pool.connect(), (client) => client.release(), async (client) => {
    const res = await client.query<{ n: string }>('SELECT count(*) AS n FROM orders WHERE customer_id = $1', [customerId]);
    return Number(res.rows[0].n);
  });
}
