// knex: a manual transaction that only commits on the happy path. When the work throws (or the server
// rejects a statement) the transaction stays open and its connection stays checked out of the pool.
import knex from 'knex';

export type Fault = 'none' | 'throw' | 'sql';

const settings = JSON.parse(process.env.LP_TX_SETTINGS ?? '{}');

export const db = knex({
  client: 'pg',
  connection: settings.connection,
  pool: { min: 0, max: 1 },
  acquireConnectionTimeout: settings.acquireTimeoutMs,
});

function failHere(fault: Fault): void {
  if (fault === 'throw') throw new Error('boom: the work failed between the two inserts');
}

export async function placeOrder(table: string, id: number, total: number, fault: Fault): Promise<number> {
  const trx = await db.transaction();
  const [row] = await trx(table).insert({ id, total }).returning(['id', 'total']);
  failHere(fault);
  if (fault === 'sql') await trx.raw('SELECT 1/0');
  await trx(table).insert({ id: id + 1, total: row.total * 2 });
  await trx.commit();
  return row.id * 1000 + row.total;
}

export async function placePair(table: string, id: number, fault: Fault): Promise<void> {
  const trx = await db.transaction({ isolationLevel: 'serializable' });
  await trx(table).insert({ id, total: 1 });
  failHere(fault);
  if (fault === 'sql') await trx.raw('SELECT 1/0');
  await trx(table).insert({ id: id + 1, total: 2 });
  await trx.commit();
}
