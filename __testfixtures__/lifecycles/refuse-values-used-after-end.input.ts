// expect[await-using]: reported transaction-needs-callback
// expect[try-finally]: reported values-used-after-end
// expect[auto,with-session]: fixed fixed-callback-api
// `row` is read after commit(): a try block would scope it away.
import knex from 'knex';

const db = knex({ client: 'pg' });

export async function placeOrder(customerId: number): Promise<number> {
  const trx = await db.transaction();
  const [row] = await trx('orders').insert({ customer_id: customerId }).returning('id');
  await trx.commit();
  return row.id;
}
