import type { LibrarySpec } from './types';

// pg: `client.release(err?)` is synchronous; any truthy argument DESTROYS the client, so only a bare
// `release()` may move into a disposer. Releasing twice throws. No version has a native disposer.
const pgExports = {
  Pool: { class: 'Pool' },
  Client: { class: 'Client' },
} as const;

export const pg: LibrarySpec = {
  library: 'pg',
  packageName: 'pg',
  modules: {
    pg: { exports: pgExports, types: { Pool: 'Pool', PoolClient: 'PoolClient', Client: 'Client' } },
    'pg-pool': { exports: {}, default: { class: 'Pool' } },
  },
  methods: { 'Pool.connect': 'PoolClient' },
  resources: [
    {
      kind: 'PoolClient',
      noun: 'client',
      release: [{ method: 'release', async: false }],
      // pg-pool's release() puts the client back in the idle list without a ROLLBACK (pg-pool/index.js).
      releaseKeepsTransaction: true,
      // `pool.connect((err, client, done) => …)`: on error no client and a no-op done; done() is
      // client.release (pg-pool/index.js connect). `client.query(sql, cb)` calls cb once.
      callbackParam: { index: 1, releaseParam: 2 },
      onceCallbacks: ['query'],
      transactions: { begin: [], commit: [], rollback: [], sqlMethod: 'query', staysManual: 'pg has no transaction callback' },
    },
    {
      kind: 'Client',
      noun: 'client',
      release: [{ method: 'end', async: true }],
      connect: 'connect',
      // The constructor only reads the configuration; the socket opens in connect() (lib/client.js).
      idleUntilConnect: true,
      // end() closes the connection; PostgreSQL rolls back a transaction whose session ends (docs, "BEGIN":
      // "if the session ends without COMMIT, the transaction is rolled back"; lib/client.js end()).
      releaseEndsSession: true,
      transactions: { begin: [], commit: [], rollback: [], sqlMethod: 'query', staysManual: 'pg has no transaction callback' },
    },
  ],
};
