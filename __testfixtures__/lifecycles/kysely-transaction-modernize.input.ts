// kysely: a controlled transaction (`startTransaction()…execute()`) becomes `transaction()…execute(cb)`,
// options: {"modernize":true}
// options: {"modernize":true}
// expect[await-using]: reported transaction-needs-callback
// expect[try-finally]: reported values-used-after-end
// expect[auto,with-session]: fixed fixed-callback-api
// expect[auto,with-session]: modernized fixed-callback-api
// keeping the builder's settings. Raw SQL run on the transaction (`sql`…`.execute(trx)`) takes either.
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';

interface DB {
  orders: { id: number; customer_id: number; total: number };
  audit: { order_id: number; action: string };
}

const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new Pool() }) });

export async function placeOrder(customerId: number, total: number): Promise<number> {
  const trx = await db.startTransaction().setIsolationLevel('serializable').execute();
  const row = await trx.insertInto('orders').values({ id: Date.now(), customer_id: customerId, total }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('audit').values({ order_id: row.id, action: 'placed' }).execute();
  await trx.commit().execute();
  return row.id;
}

export async function cancelOrder(id: number): Promise<void> {
  const trx = await db.startTransaction().execute();
  try {
    await trx.deleteFrom('orders').where('id', '=', id).execute();
    await sql`NOTIFY orders_changed`.execute(trx);
    await trx.commit().execute();
  } catch (err) {
    await trx.rollback().execute();
    throw err;
  }
}
