import type { LibrarySpec } from './types';

// mssql: `new ConnectionPool(cfg)` (connected with `.connect()`, which resolves to the same pool) is
// closed with close(). No native disposer.
export const mssql: LibrarySpec = {
  library: 'mssql',
  packageName: 'mssql',
  modules: {
    mssql: { exports: { ConnectionPool: { class: 'ConnectionPool' } }, types: { ConnectionPool: 'ConnectionPool' } },
  },
  methods: { 'ConnectionPool.connect': 'ConnectionPool' },
  resources: [{ kind: 'ConnectionPool', noun: 'pool', release: [{ method: 'close', async: true }], connect: 'connect' }],
};
