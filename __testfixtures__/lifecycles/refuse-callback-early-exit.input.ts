// expect: reported callback-early-exit
// A `return` leaves with the transaction open (a leak the catch does not cover); a callback would commit
// there instead, which changes what the code does.
import knex from 'knex';

const db = knex({ client: 'pg' });

export async function rename(id: number, name: string): Promise<void> {
  const trx = await db.transaction();
  try {
    if (!name) return;
    await trx('orders').where({ id }).update({ name });
    await trx.commit();
  } catch (err) {
    await trx.rollback();
    throw err;
  }
}
