import type { LibrarySpec } from './types';

// pg-promise (sources: lib/database.js Database#connect, lib/connect.js, typescript/pg-promise.d.ts at 12.7):
// `db.connect()` resolves to a shared connection object that holds one pool client until `sco.done()`;
// done() hands the client back to the pool (client.release(kill)) and returns nothing, except for
// `db.connect({ direct: true })`, whose done() ends a stand-alone client and returns that promise. A second
// done() throws. The library's own callbacks, `db.task(cb)` and `db.tx(cb)`, acquire, run cb once and release
// when its promise settles: code written with them holds nothing by hand. The Database object comes from
// `pgp(cn)`, where `pgp = require('pg-promise')(options)` (lib/main.js exports the initialisation function).
// It is also found by its type (`db: IDatabase<…>`) or, in type-aware mode, by what connect() returns.
export const pgPromise: LibrarySpec = {
  library: 'pg-promise',
  packageName: 'pg-promise',
  modules: {
    'pg-promise': { exports: {}, callReturns: { factory: 'Database' }, types: { IDatabase: 'Database', IConnected: 'Connected' } },
  },
  methods: { 'Database.connect': 'Connected' },
  resources: [
    {
      kind: 'Connected',
      noun: 'connection',
      release: [{ method: 'done', async: true }],
      // done() is the pool client's release(), which rolls nothing back (pg-pool).
      releaseKeepsTransaction: true,
      transactions: { begin: [], commit: [], rollback: [], sqlMethod: ['none', 'query', 'result', 'multi'], staysManual: 'its transaction callback, db.tx(), takes a connection of its own' },
    },
  ],
};
