// expect: reported ends-not-understood
// commit() happens only inside a branch, and nothing rolls back: no callback says that.
import knex from 'knex';

const db = knex({ client: 'pg' });

export async function maybeSave(msg: string, keep: boolean): Promise<void> {
  const trx = await db.transaction();
  await trx('log').insert({ msg });
  if (keep) {
    await trx.commit();
  }
}
