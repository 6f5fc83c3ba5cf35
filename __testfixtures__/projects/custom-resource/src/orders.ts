import { getConn, pool } from './db';

export async function listOrders(): Promise<unknown[]> {
  const conn = await getConn();
  const rows = await conn.query('SELECT * FROM orders');
  await conn.free();
  return rows;
}

export function countOrders(): number {
  const lease = pool.checkout();
  const n = lease.run('SELECT count(*) FROM orders');
  lease.checkin();
  return n;
}
