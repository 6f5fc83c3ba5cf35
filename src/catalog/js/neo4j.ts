import type { LibrarySpec } from './types';

// neo4j-driver ≥ 5.28.3 / 6.0.0: Driver and Session dispose → close(). (Transaction dispose rolls back:
// transactions are not treated as per-call resources.) neo4j-driver 1.x exported its API under `v1`
// (`require('neo4j-driver').v1`, also `neo4j-driver/lib/v1`), with the same driver() → session() → close();
// 4.0 dropped the namespace. Which version is installed still decides native disposal.
const driverExports = { driver: { factory: 'Driver' } } as const;

export const neo4j: LibrarySpec = {
  library: 'neo4j-driver',
  packageName: 'neo4j-driver',
  typePackages: ['neo4j-driver-core'],
  modules: {
    'neo4j-driver': { exports: { ...driverExports, v1: { namespace: 'neo4j-driver/lib/v1' } }, types: { Driver: 'Driver', Session: 'Session' } },
    'neo4j-driver/lib/v1': { exports: driverExports },
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
