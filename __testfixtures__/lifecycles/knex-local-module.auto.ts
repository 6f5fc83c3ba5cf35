// The knex instance comes from the project's own module; one transaction per loop turn, two in a row, and
// a transaction handed to a helper typed for it (the callback's `trx` has the same type).
// expect[await-using]: reported transaction-needs-callback
// expect[await-using]: reported transaction-needs-callback
// expect[await-using]: reported transaction-needs-callback
// expect[auto,with-session]: fixed fixed-callback-api
// expect[auto,with-session]: fixed fixed-callback-api
// expect[auto,with-session]: fixed fixed-callback-api
// expect[try-finally]: fixed fixed-try-catch
// expect[try-finally]: fixed fixed-try-catch
// expect[try-finally]: fixed fixed-try-catch
import type { Knex } from 'knex';
import { db } from './lib/knex-db';

async function insertOrder(trx: Knex.Transaction, id: number): Promise<void> {
  await trx('orders').insert({ id });
}

export async function importOrders(ids: number[]): Promise<void> {
  for (const id of ids) {
    await db.transaction(async (trx) => {
      await insertOrder(trx, id);
    });
  }
  await db.transaction(async (first) => {
    await first('imports').insert({ count: ids.length });
  });
  await db.transaction(async (second) => {
    await second('audit').insert({ action: 'import' });
  });
}
