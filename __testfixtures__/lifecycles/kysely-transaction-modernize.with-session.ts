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
  const row = await db.transaction().setIsolationLevel('serializable').execute(async (trx) => {
    const row = await trx.insertInto('orders').values({ id: Date.now(), customer_id: customerId, total }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('audit').values({ order_id: row.id, action: 'placed' }).execute();
    return row;
  });
  return row.id;
}

export async function cancelOrder(id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('orders').where('id', '=', id).execute();
    await sql`NOTIFY orders_changed`.execute(trx);
  });
}
