import type { LibrarySpec } from './types';

// sqlite3 (node-sqlite3; sources: the project's wiki, "API" and "Control Flow", and lib/sqlite3.d.ts):
// `new sqlite3.Database(file[, mode][, cb])` opens at once and queues every call; close() "will wait until
// all pending queries are completed before closing the database" — it runs in exclusive mode, after every
// query already queued and before any queued after it. close(cb?) returns nothing: its error goes to the
// callback, or to an 'error' event. A query's callback (`db.all(sql, cb)`, run, get, exec) is called once,
// with the error or the result; `db.serialize(cb)` / `db.parallelize(cb)` call cb at once. (each()'s last
// function is called once only when it has two: with one, it is the per-row callback.) No native disposer.
// `require('sqlite3').verbose()` returns the module itself (lib/sqlite3.js: `verbose() { … return sqlite3; }`).
export const sqlite3: LibrarySpec = {
  library: 'sqlite3',
  packageName: 'sqlite3',
  modules: {
    sqlite3: { exports: { Database: { class: 'Database' } }, returnsModule: ['verbose'], types: { Database: 'Database' } },
  },
  methods: {},
  resources: [
    {
      kind: 'Database',
      noun: 'database',
      release: [{ method: 'close', async: false }],
      onceCallbacks: ['run', 'get', 'all', 'exec', 'serialize', 'parallelize'],
      syncCallbacks: ['serialize', 'parallelize'],
      queuedRelease: true,
    },
  ],
};
