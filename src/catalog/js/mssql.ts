import type { LibrarySpec } from './types';

// mssql: `new ConnectionPool(cfg)` (connected with `.connect()`, which resolves to the same pool) is
// closed with close(). No native disposer.
// `sql.connect(cfg)` opens the library's one global pool, or resolves to it when it is already open, and
// `sql.close()` (or close() on what connect() gave) closes it; the next `sql.connect()` makes a new one
// (lib/global-connection.js). Every caller in the process shares it, so closing it is pool-lifecycle's
// business (POOL_KINDS: GlobalPool), never the end of one call's lifecycle — although its type is a
// ConnectionPool, it is no per-call resource.
export const mssql: LibrarySpec = {
  library: 'mssql',
  packageName: 'mssql',
  modules: {
    mssql: {
      exports: { ConnectionPool: { class: 'ConnectionPool' }, connect: { factory: 'GlobalPool' } },
      types: { ConnectionPool: 'ConnectionPool' },
    },
  },
  methods: { 'ConnectionPool.connect': 'ConnectionPool' },
  resources: [{ kind: 'ConnectionPool', noun: 'pool', release: [{ method: 'close', async: true }], connect: 'connect' }],
};
