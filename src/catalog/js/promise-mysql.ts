import type { LibrarySpec } from './types';

// promise-mysql (Bluebird promises around `mysql`; sources: the package's index.js, lib/ and README at 3.3.2,
// 4.1.4 and 5.2.0):
// - `mysql.createPool(cfg)` returns the Pool itself in 3.x and a promise of it from 4.0 ("Upgrading from v3
//   to v4: the main difference is that mysql.createPool now returns a promise"); `await` takes either.
//   `createConnection(cfg)` is a promise of a connected Connection in every version.
// - `await pool.getConnection()` is a PoolConnection wrapping mysql's; `connection.release()` is mysql's
//   release(), synchronous: the connection goes back to the pool's free list as it is, an open transaction
//   included (lib/poolConnection.js → mysql lib/PoolConnection.js). `pool.releaseConnection(connection)`
//   does the same through the pool (3.x/4.x lib/pool.js: `this.pool.releaseConnection(connection.connection)`),
//   synchronous too; 5.0 removed it ("Upgrading from v4 to v5: pool.releaseConnection has been removed,
//   please use poolConnection.release instead"). `connection.destroy()` closes it and takes it out of the pool.
//   A pooled connection's end() is mysql's deprecated end-as-release, whose callback is never called: the
//   promise never settles, so it is no release here.
// - A Connection's `end()` returns a promise settled after COM_QUIT, behind the queries already queued;
//   `destroy()` drops the socket at once. `pool.end()` closes the pool for good.
// - Every query is a promise: an awaited failure throws, so nothing like mysql's queued end() makes the
//   README shape safe. No transaction callback (beginTransaction/commit/rollback are plain promises), no
//   disposer.
const transactions = {
  begin: ['beginTransaction'],
  commit: ['commit'],
  rollback: ['rollback'],
  sqlMethod: 'query',
  staysManual: 'promise-mysql has no transaction callback',
};

export const promiseMysql: LibrarySpec = {
  library: 'promise-mysql',
  packageName: 'promise-mysql',
  modules: {
    'promise-mysql': {
      exports: {
        createPool: { factory: 'Pool' },
        createConnection: { factory: 'Connection' },
        createPoolCluster: { factory: 'PoolCluster' },
      },
      types: { Pool: 'Pool', PoolConnection: 'PoolConnection', Connection: 'Connection', PoolCluster: 'PoolCluster' },
    },
  },
  methods: { 'Pool.getConnection': 'PoolConnection', 'PoolCluster.getConnection': 'PoolConnection', 'PoolCluster.of': 'Pool' },
  resources: [
    {
      kind: 'PoolConnection',
      noun: 'connection',
      release: [
        { method: 'release', async: false },
        { method: 'releaseConnection', async: false, argumentOf: 'owner' },
        { method: 'destroy', async: false },
      ],
      releaseKeepsTransaction: true,
      transactions,
    },
    {
      kind: 'Connection',
      noun: 'connection',
      release: [
        { method: 'end', async: true },
        { method: 'destroy', async: false },
      ],
      transactions,
    },
  ],
};
