// A manual knex transaction that only commits on the happy path leaves its connection checked out when a
// query throws; `knex.transaction(cb)` rolls back there. The already-safe try/catch maps onto it too.
// expect[await-using]: reported transaction-needs-callback
// expect[try-finally]: reported values-used-after-end
// expect[auto,with-session]: fixed fixed-callback-api
import knex from 'knex';

const db = knex({ client: 'pg', connection: 'postgres://postgres@127.0.0.1/test' });

export async function placeOrder(customerId: number, total: number): Promise<number> {
  // one transaction per order
  const trx = await db.transaction();
  const [row] = await trx('orders').insert({ customer_id: customerId, total }).returning('id');
  await trx('audit').insert({ order_id: row.id, action: 'placed' });
  await trx.commit();
  return row.id;
}

export async function cancelOrder(id: number): Promise<number> {
  const trx = await db.transaction({ isolationLevel: 'serializable' });
  try {
    const removed = await trx('orders').where({ id }).del();
    await trx('audit').insert({ order_id: id, action: 'cancelled' });
    await trx.commit();
    return removed;
  } catch (err) {
    await trx.rollback();
    throw err;
  }
}
