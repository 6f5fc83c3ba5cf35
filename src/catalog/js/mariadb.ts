import type { LibrarySpec } from './types';

// A pooled connection's release() rolls back an open transaction before the pool takes it back (unless the
// pool has `noControlAfterUse`; lib/pool.js _handleRelease), so a missing rollback costs no correctness.
// mariadb ≥ 3.5.1: Connection → end(), pooled connection → release() on asyncDispose. Both calls return
// promises. (Pool dispose after a manual end() rejects, but pools are not per-call resources here.)
const transactions = {
  begin: ['beginTransaction'],
  commit: ['commit'],
  rollback: ['rollback'],
  sqlMethod: 'query',
  staysManual: 'mariadb has no transaction callback',
};

export const mariadb: LibrarySpec = {
  library: 'mariadb',
  packageName: 'mariadb',
  modules: {
    mariadb: {
      exports: { createPool: { factory: 'Pool' }, createConnection: { factory: 'Connection' } },
      types: { Pool: 'Pool', PoolConnection: 'PoolConnection', Connection: 'Connection' },
    },
  },
  methods: { 'Pool.getConnection': 'PoolConnection' },
  resources: [
    {
      kind: 'PoolConnection',
      noun: 'connection',
      // A pooled connection's end() is its release() (lib/pool.js: `conn.end = conn.release`).
      release: [
        { method: 'release', async: true },
        { method: 'end', async: true },
      ],
      native: { since: '3.5.1', dispose: 'async', sameAs: ['release', 'end'] },
      transactions,
    },
    {
      kind: 'Connection',
      noun: 'connection',
      release: [{ method: 'end', async: true }],
      native: { since: '3.5.1', dispose: 'async', sameAs: ['end'] },
      transactions,
    },
  ],
};
