// expect: reported end-not-awaited
// commit() is fired and forgotten; the callback would wait for it (and surface its failure).
import knex from 'knex';

const db = knex({ client: 'pg' });

export async function log(msg: string): Promise<void> {
  const trx = await db.transaction();
  await trx('log').insert({ msg });
  trx.commit();
}
