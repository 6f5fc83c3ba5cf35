// expect: reported ends-not-understood
// The work declares a function that code before the transaction already calls (it is hoisted): moved into
// a callback, that earlier call would find nothing.
import knex from 'knex';

const db = knex({ client: 'pg' });

export async function record(msg: string): Promise<string> {
  const label = format(msg);
  const trx = await db.transaction();
  function format(m: string): string {
    return `[log] ${m}`;
  }
  await trx('log').insert({ msg: label });
  await trx.commit();
  return label;
}
