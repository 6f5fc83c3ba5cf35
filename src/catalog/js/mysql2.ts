import type { LibrarySpec } from './types';

// mysql2 ≥ 3.18.0: promise Connection and PoolConnection dispose natively (asyncDispose → end() /
// release()), safe after a manual end(). The callback API (`mysql2`) is reached through `.promise()`, or
// used as it is: `pool.getConnection((err, conn) => …)` as in mysql (lib/pool.js getConnection; a pooled
// end() is release() with a warning, lib/pool_connection.js), its query callbacks called once.
const transactions = {
  begin: ['beginTransaction'],
  commit: ['commit'],
  rollback: ['rollback'],
  sqlMethod: 'query',
  staysManual: 'mysql2 has no transaction callback',
};

export const mysql2: LibrarySpec = {
  library: 'mysql2',
  packageName: 'mysql2',
  modules: {
    'mysql2/promise': {
      exports: {
        createPool: { factory: 'Pool' },
        createConnection: { factory: 'Connection' },
        createPoolCluster: { factory: 'PoolCluster' },
      },
      types: { Pool: 'Pool', PoolConnection: 'PoolConnection', Connection: 'Connection' },
    },
    mysql2: {
      exports: {
        createPool: { factory: 'CallbackPool' },
        createConnection: { factory: 'CallbackConnection' },
      },
    },
  },
  methods: {
    'Pool.getConnection': 'PoolConnection',
    'PoolCluster.getConnection': 'PoolConnection',
    'CallbackPool.promise': 'Pool',
    'CallbackPool.getConnection': 'CallbackPoolConnection',
    'CallbackConnection.promise': 'Connection',
  },
  resources: [
    {
      kind: 'PoolConnection',
      noun: 'connection',
      release: [{ method: 'release', async: false }],
      // Pool#releaseConnection resets the session only with the `resetOnRelease` option (lib/base/pool.js).
      releaseKeepsTransaction: true,
      native: { since: '3.18.0', dispose: 'async', sameAs: ['release'] },
      transactions,
    },
    {
      kind: 'Connection',
      noun: 'connection',
      release: [{ method: 'end', async: true }],
      native: { since: '3.18.0', dispose: 'async', sameAs: ['end'] },
      transactions,
    },
    {
      kind: 'CallbackPoolConnection',
      noun: 'connection',
      release: [
        { method: 'release', async: false },
        { method: 'destroy', async: false },
        { method: 'end', async: false },
      ],
      releaseKeepsTransaction: true,
      callbackParam: { index: 1 },
      onceCallbacks: ['query', 'execute', 'beginTransaction', 'commit', 'rollback', 'ping', 'changeUser'],
    },
  ],
};
