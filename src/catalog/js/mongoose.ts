import type { LibrarySpec } from './types';

// mongoose (sources: lib/mongoose.js, lib/connection.js and types/ at 9.13):
// - `mongoose.startSession()` is `mongoose.connection.startSession()`; both resolve to the mongodb driver's
//   ClientSession, ended with endSession() on every path like any mongodb session. Its disposer (mongodb ≥ 7)
//   is endSession({ force: true }), not the plain call, so a session gets an adapter.
// - `mongoose.createConnection(uri)` returns a Connection that owns its own MongoClient pool until close()
//   (async; destroy() closes it for good). Connections are not thenable: `.asPromise()` resolves to the same
//   connection. No native disposer on Connection.
// - `conn.transaction(fn)` runs fn through session.withTransaction(), which may run it again: transactions
//   stay manual.
const transactions = {
  begin: ['startTransaction'],
  commit: ['commitTransaction'],
  rollback: ['abortTransaction'],
  staysManual: 'its callbacks, connection.transaction() and session.withTransaction(), may run the work more than once',
};

export const mongoose: LibrarySpec = {
  library: 'mongoose',
  packageName: 'mongoose',
  modules: {
    mongoose: {
      // `module.exports = mongoose`, the default Mongoose instance (index.js): its methods are the exports.
      exports: { startSession: { factory: 'ClientSession' }, createConnection: { factory: 'Connection' }, connection: { instance: 'Connection' } },
      types: { Connection: 'Connection' },
    },
  },
  methods: {
    'Connection.startSession': 'ClientSession',
    'Connection.asPromise': 'Connection',
    'Connection.openUri': 'Connection',
  },
  resources: [
    {
      kind: 'ClientSession',
      noun: 'session',
      release: [{ method: 'endSession', async: true }],
      native: { since: '7.0.0', package: 'mongodb', dispose: 'async', sameAs: [] },
      transactions,
    },
    {
      kind: 'Connection',
      noun: 'connection',
      release: [
        { method: 'close', async: true },
        { method: 'destroy', async: true },
      ],
    },
  ],
};
