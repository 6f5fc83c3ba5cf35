import { getClient } from '../lib/clients';

// Names no driver and calls no acquire method: only the project index finds this lifecycle.
export async function dailyTotals(day) {
  const client = await getClient();
  const res = await client.query('SELECT sum(total) AS total FROM orders WHERE day = $1', [day]);
  client.release();
  return res.rows[0].total;
}
