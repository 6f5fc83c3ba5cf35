import type { LibrarySpec } from './types';

// oracledb ≥ 7.0.0: Connection dispose → close(). Not idempotent (dispose after a manual close throws
// NJS-003), which is why every manual close of a rewritten lifecycle must go. `release()` is the same
// function under another name (lib/connection.js: `Connection.prototype.release = Connection.prototype.close`).
export const oracledb: LibrarySpec = {
  library: 'oracledb',
  packageName: 'oracledb',
  modules: {
    oracledb: {
      exports: { getConnection: { factory: 'Connection' }, createPool: { factory: 'Pool' } },
      types: { Connection: 'Connection', Pool: 'Pool' },
    },
  },
  methods: { 'Pool.getConnection': 'Connection' },
  resources: [
    {
      kind: 'Connection',
      noun: 'connection',
      release: [
        { method: 'close', async: true },
        { method: 'release', async: true },
      ],
      native: { since: '7.0.0', dispose: 'async', sameAs: ['close', 'release'] },
      // Every method also takes a node-style callback (lib/util.js callbackify): `pool.getConnection((err,
      // conn) => …)`, `conn.execute(sql, binds, opts, cb)`, called once.
      callbackParam: { index: 1 },
      onceCallbacks: ['execute', 'executeMany', 'commit', 'rollback', 'ping'],
      transactions: { begin: [], commit: ['commit'], rollback: ['rollback'], staysManual: 'oracledb has no transaction callback' },
    },
  ],
};
