import type { LibrarySpec } from './types';

// mysql (the callback API; sources: the package's README and lib/ at 2.18.1):
// - `pool.getConnection((err, conn) => …)` hands a PoolConnection to an error-first callback, and no
//   connection when err is set (lib/Pool.js getConnection). conn.release() puts it back in the pool's free
//   list at once, queries still queued on it included (lib/PoolConnection.js → Pool#releaseConnection);
//   conn.destroy() closes the socket and takes it out of the pool; a pooled conn.end() is release() with a
//   deprecation warning. Nothing resets the session: an open transaction goes back with it.
// - `mysql.createConnection(cfg)` is one connection: end() sends COM_QUIT after every query already queued
//   ("Terminating connections": end() "will make sure all previously enqueued queries are still executed"),
//   destroy() drops it at once. Neither returns a promise.
// - A query's callback (`conn.query(sql, cb)`, beginTransaction/commit/rollback, connect, ping, changeUser)
//   is called once, with the error or the result; a query enqueued on a dead connection gets its error there.
// No promises anywhere, so no native disposer and no transaction callback.
const onceCallbacks = ['query', 'beginTransaction', 'commit', 'rollback', 'connect', 'ping', 'changeUser', 'statistics'];
const transactions = {
  begin: ['beginTransaction'],
  commit: ['commit'],
  rollback: ['rollback'],
  sqlMethod: 'query',
  staysManual: 'mysql has no transaction callback',
};

export const mysql: LibrarySpec = {
  library: 'mysql',
  packageName: 'mysql',
  modules: {
    mysql: {
      exports: {
        createPool: { factory: 'Pool' },
        createConnection: { factory: 'Connection' },
        createPoolCluster: { factory: 'PoolCluster' },
      },
      types: { Pool: 'Pool', PoolConnection: 'PoolConnection', Connection: 'Connection', PoolCluster: 'PoolCluster' },
    },
  },
  methods: { 'Pool.getConnection': 'PoolConnection', 'PoolCluster.getConnection': 'PoolConnection' },
  resources: [
    {
      kind: 'PoolConnection',
      noun: 'connection',
      release: [
        { method: 'release', async: false },
        { method: 'destroy', async: false },
        { method: 'end', async: false },
      ],
      releaseKeepsTransaction: true,
      callbackParam: { index: 1 },
      onceCallbacks,
      transactions,
    },
    {
      kind: 'Connection',
      noun: 'connection',
      release: [
        { method: 'end', async: false },
        { method: 'destroy', async: false },
      ],
      onceCallbacks,
      queuedRelease: true,
      transactions,
    },
  ],
};
