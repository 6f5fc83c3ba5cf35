import type { LibrarySpec } from './types';

// neo4j-driver ≥ 5.28.3 / 6.0.0: Driver and Session dispose → close(). (Transaction dispose rolls back:
// transactions are not treated as per-call resources.)
const driverExports = { driver: { factory: 'Driver' } } as const;

export const neo4j: LibrarySpec = {
  library: 'neo4j-driver',
  packageName: 'neo4j-driver',
  typePackages: ['neo4j-driver-core'],
  modules: {
    'neo4j-driver': { exports: driverExports, types: { Driver: 'Driver', Session: 'Session' } },
  },
  methods: { 'Driver.session': 'Session' },
  resources: [
    {
      kind: 'Session',
      noun: 'session',
      release: [{ method: 'close', async: true }],
      native: { since: '5.28.3', dispose: 'async', sameAs: ['close'] },
    },
    {
      kind: 'Driver',
      noun: 'driver',
      release: [{ method: 'close', async: true }],
      native: { since: '5.28.3', dispose: 'async', sameAs: ['close'] },
    },
  ],
};
