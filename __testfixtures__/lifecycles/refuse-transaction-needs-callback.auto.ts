// expect[await-using]: reported transaction-needs-callback
// expect[auto,with-session]: fixed fixed-callback-api
// expect[try-finally]: fixed fixed-try-catch
// A disposer cannot tell success from failure, so no `using` can commit or roll back: reported, and the
// with-session style maps it to knex.transaction(cb).
import knex from 'knex';

const db = knex({ client: 'pg' });

export async function placeOrder(customerId: number): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('orders').insert({ customer_id: customerId });
  });
}
