// expect: reported ended-early
// The work rolls back on one path itself; the callback would end the transaction a second time.
import knex from 'knex';

const db = knex({ client: 'pg' });

export async function reserve(sku: string): Promise<boolean> {
  const trx = await db.transaction();
  const stock = await trx('stock').where({ sku }).first();
  if (!stock || stock.count === 0) {
    await trx.rollback();
    return false;
  }
  await trx('stock').where({ sku }).decrement('count', 1);
  await trx.commit();
  return true;
}
