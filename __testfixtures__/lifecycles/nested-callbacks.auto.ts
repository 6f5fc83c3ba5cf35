// expect[await-using]: reported transaction-needs-callback
// expect[await-using]: reported transaction-needs-callback
// expect[try-finally]: reported values-used-after-end
// expect[auto,await-using]: fixed fixed-adapter
// expect[auto,with-session]: fixed fixed-callback-api
// expect[auto,with-session]: fixed fixed-callback-api
// expect[try-finally]: fixed fixed-try-catch
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// again[try-finally]: reported ends-not-understood
// A pooled resource holding a knex transaction and a pg client: each becomes its own callback, outermost
// first, and the value read after the last release comes out of both.
import knex from 'knex';
import { createPool } from 'generic-pool';
import { Pool } from 'pg';

const db = knex({ client: 'pg' });
const pg = new Pool();
const tokens = createPool({ create: async () => ({ quota: 10 }), destroy: async () => {} });

export async function spend(amount: number): Promise<number> {
  const res = await tokens.use(async (token) => {
    await db.transaction(async (trx) => {
      await trx('spend').insert({ amount, quota: token.quota });
    });
    const client = await pg.connect();
    using _releaseClient = { [Symbol.dispose]: () => client.release() };
    const res = await client.query('SELECT count(*) FROM spend');
    client.release();
    return res;
  });
  return res.rowCount ?? 0;
}
