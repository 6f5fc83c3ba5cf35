import type { LibrarySpec } from './types';

// fs/promises FileHandle: asyncDispose → close() from Node 20.4 (and 18.18); idempotent. The runtime,
// not a package, decides: the package's `engines.node` lower bound must be at least that.
const promisesModule = {
  exports: { open: { factory: 'FileHandle' } },
  types: { FileHandle: 'FileHandle' },
};

export const fsPromises: LibrarySpec = {
  library: 'fs/promises',
  packageName: 'node',
  modules: {
    'fs/promises': promisesModule,
    'node:fs/promises': promisesModule,
    fs: { exports: { promises: { namespace: 'fs/promises' } } },
    'node:fs': { exports: { promises: { namespace: 'fs/promises' } } },
  },
  methods: {},
  resources: [
    {
      kind: 'FileHandle',
      noun: 'file handle',
      release: [{ method: 'close', async: true }],
      native: { since: '20.4.0', package: 'node', dispose: 'async', sameAs: ['close'] },
    },
  ],
};
