// pg-promise: `db.connect()` holds a pool connection until `sco.done()`. `db.task(cb)` is the library's own
// callback, which releases on every path: nothing to do there.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import type { IDatabase } from 'pg-promise';

export async function listen(db: IDatabase<object>, channel: string): Promise<number> {
  const sco = await db.connect();
  using _releaseSco = { [Symbol.dispose]: () => void sco.done() };
  const rows = await sco.any('SELECT count(*) AS n FROM pg_listening_channels() WHERE 1 = $1', [channel.length]);
  return Number(rows[0].n);
}

export async function countOrders(db: IDatabase<object>): Promise<number> {
  return db.task(async (t) => {
    const row = await t.one('SELECT count(*) AS n FROM orders');
    return Number(row.n);
  });
}
