// pg-promise: a shared connection object released with done() only on the happy path. The await-using and
// try-finally rewrites must return the same value and the same error, and give the connection back.
import type { IDatabase } from 'pg-promise';

export async function answer(db: IDatabase<object>, sql: string): Promise<number> {
  const sco = await db.connect();
  const row = await sco.one(sql);
  sco.done();
  return Number(row.n);
}
