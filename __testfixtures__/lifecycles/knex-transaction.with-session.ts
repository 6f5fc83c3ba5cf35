// The leaking manual transaction in place: try/catch rolls back when the work throws. (Already-safe
// try/catch code is left as it is.)
// expect[await-using]: reported transaction-needs-callback
// expect[auto,with-session]: fixed fixed-callback-api
// expect[try-finally]: fixed fixed-try-catch
import knex from 'knex';

const db = knex({ client: 'pg' });

export async function placeOrder(customerId: number, total: number): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('orders').insert({ customer_id: customerId, total });
    await trx('audit').insert({ action: 'placed' });
  });
}

export async function cancelOrder(id: number): Promise<void> {
  const trx = await db.transaction();
  try {
    await trx('orders').where({ id }).del();
    await trx.commit();
  } catch (err) {
    await trx.rollback();
    throw err;
  }
}
