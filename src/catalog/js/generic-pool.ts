import type { LibrarySpec } from './types';

// generic-pool 3: `pool.acquire()` lends a resource until `pool.release(r)` (or `pool.destroy(r)`).
// `pool.use(async (r) => …)` acquires, runs the callback once, releases when its promise resolves and
// DESTROYS the resource when it rejects; neither end is awaited. So it is exactly a manual acquire whose
// success path releases and whose failure path destroys (or, in leaking code, does nothing).
export const genericPool: LibrarySpec = {
  library: 'generic-pool',
  packageName: 'generic-pool',
  modules: {
    'generic-pool': {
      exports: { createPool: { factory: 'Pool' }, Pool: { class: 'Pool' } },
      types: { Pool: 'Pool' },
    },
  },
  methods: {},
  resources: [],
  callbacks: [
    {
      owner: 'Pool',
      acquire: 'acquire',
      noun: 'resource',
      args: 'none',
      success: { method: 'release', onOwner: true },
      failure: { method: 'destroy', onOwner: true },
      callback: 'use',
      endsUnawaited: true,
    },
  ],
};
