// expect: reported catch-does-more
// The catch logs but never rolls back: the transaction stays open when the work throws. Moving the catch
// around a callback would also log failures to start the transaction.
import knex from 'knex';

const db = knex({ client: 'pg' });

export async function rename(id: number, name: string): Promise<void> {
  const trx = await db.transaction();
  try {
    await trx('orders').where({ id }).update({ name });
    await trx.commit();
  } catch (err) {
    console.error('rename failed', err);
    throw err;
  }
}
