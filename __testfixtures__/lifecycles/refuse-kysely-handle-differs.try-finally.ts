// expect[auto,with-session]: reported handle-differs
// expect[await-using]: reported transaction-needs-callback
// expect[try-finally]: fixed fixed-try-catch
// The controlled transaction is handed to code typed for it; the callback's `trx` is a plain Transaction.
import { ControlledTransaction, Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';

interface DB {
  orders: { id: number; total: number };
}

const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new Pool() }) });

async function reprice(trx: ControlledTransaction<DB>, factor: number): Promise<void> {
  await trx.savepoint('before_reprice').execute();
  await trx.updateTable('orders').set((eb) => ({ total: eb('total', '*', factor) })).execute();
}

export async function repriceAll(factor: number): Promise<void> {
  const trx = await db.startTransaction().execute();
  try {
    await reprice(trx, factor);
    await trx.commit().execute();
  } catch (err) {
    await trx.rollback().execute();
    throw err;
  }
}
