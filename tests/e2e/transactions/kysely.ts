// kysely: a controlled transaction (`startTransaction()…execute()`) that only commits on the happy path.
// When the work throws (or the server rejects a statement) the transaction stays open and its connection
// stays checked out of the pg pool.
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';

export type Fault = 'none' | 'throw' | 'sql';

interface Tables {
  [table: string]: { id: number; total: number };
}

const settings = JSON.parse(process.env.LP_TX_SETTINGS ?? '{}');

export const pool = new Pool({ ...settings.connection, max: 1, connectionTimeoutMillis: settings.acquireTimeoutMs });
export const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });

function failHere(fault: Fault): void {
  if (fault === 'throw') throw new Error('boom: the work failed between the two inserts');
}

export async function placeOrder(table: string, id: number, total: number, fault: Fault): Promise<number> {
  const trx = await db.startTransaction().setIsolationLevel('serializable').execute();
  const row = await trx.insertInto(table).values({ id, total }).returning(['id', 'total']).executeTakeFirstOrThrow();
  failHere(fault);
  if (fault === 'sql') await trx.selectNoFrom(sql<number>`1 / 0`.as('x')).execute();
  await trx.insertInto(table).values({ id: id + 1, total: row.total * 2 }).execute();
  await trx.commit().execute();
  return row.id * 1000 + row.total;
}
