import type { LibrarySpec } from './types';

// mongodb: public disposer types from 7.0. MongoClient dispose = close(). ClientSession dispose is
// endSession({ force: true }), not the plain endSession() callers write, so sessions get an adapter.
export const mongodb: LibrarySpec = {
  library: 'mongodb',
  packageName: 'mongodb',
  modules: {
    mongodb: {
      exports: { MongoClient: { class: 'MongoClient' } },
      types: { MongoClient: 'MongoClient', ClientSession: 'ClientSession' },
    },
  },
  methods: { 'MongoClient.startSession': 'ClientSession', 'MongoClient.connect': 'MongoClient' },
  statics: { 'MongoClient.connect': 'MongoClient' },
  resources: [
    {
      kind: 'ClientSession',
      noun: 'session',
      release: [{ method: 'endSession', async: true }],
      native: { since: '7.0.0', dispose: 'async', sameAs: [] },
      transactions: {
        begin: ['startTransaction'],
        commit: ['commitTransaction'],
        rollback: ['abortTransaction'],
        staysManual: 'its callback, session.withTransaction(), may run the work more than once',
      },
    },
    {
      kind: 'MongoClient',
      noun: 'client',
      release: [{ method: 'close', async: true }],
      native: { since: '7.0.0', dispose: 'async', sameAs: ['close'] },
    },
  ],
};
