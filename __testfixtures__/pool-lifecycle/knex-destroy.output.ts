// expect: reported no-shutdown-hook
// expect: fixed fixed-teardown-removed
// again: none
// knex: `db.destroy()` closes the whole pool; the next call gets "Unable to acquire a connection".
import knex from 'knex';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });

export async function listOrders() {
  const rows = await db('orders').select('*');
  return rows;
}
