// expect: reported used-after-end
// The transaction is still consulted after commit(): a callback's handle does not outlive the callback.
import knex from 'knex';

const db = knex({ client: 'pg' });

export async function touch(id: number): Promise<boolean> {
  const trx = await db.transaction();
  await trx('orders').where({ id }).update({ touched_at: db.fn.now() });
  await trx.commit();
  return trx.isCompleted();
}
