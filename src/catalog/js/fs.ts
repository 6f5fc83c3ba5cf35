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

// fs (the synchronous file descriptor API; source: the Node.js `fs` docs, "fs.openSync(path[, flags[,
// mode]])" and "fs.closeSync(fd)"): `fs.openSync()` returns an integer file descriptor, which stays open
// until `fs.closeSync(fd)` (or `fs.close(fd, cb)`) closes it — nothing closes a descriptor when its number
// is dropped (docs, "File descriptors": "it is critical to close the descriptor when operations are
// completed. Failure to do so will result in a memory leak that will eventually cause an application to crash").
// `fs.writeSync(fd, …)`, `fs.readSync(fd, …)`, `fs.fstatSync(fd)` and the other `*Sync` functions take
// it as an argument and return when done. A number has no disposer (`using fd = …` throws a TypeError),
// so every fix is a try/finally around the calls with `fs.closeSync(fd)` in the finally. The callback
// `fs.open(path, cb)` and its `fs.close(fd, cb)` are not followed. `fs.promises` is the other library.
const fsModule = {
  exports: { promises: { namespace: 'fs/promises' }, openSync: { factory: 'FileDescriptor' } },
};

export const fsSync: LibrarySpec = {
  library: 'fs',
  packageName: 'node',
  modules: { fs: fsModule, 'node:fs': fsModule },
  methods: {},
  resources: [
    {
      kind: 'FileDescriptor',
      noun: 'file descriptor',
      release: [{ method: 'closeSync', async: false, argumentOf: 'module' }],
      syncApi: true,
      plainValue: true,
      autoTryFinally: 'a file descriptor is a number, with no disposer of its own',
    },
  ],
};
