import type { LibrarySpec } from './types';

// kysely ≥ 0.28: `db.startTransaction()…execute()` gives a ControlledTransaction that holds a connection
// until `trx.commit().execute()` or `trx.rollback().execute()`. `db.transaction()…execute(async (trx) => …)`
// commits when the callback resolves and rolls back, rethrowing, when it rejects. Its `trx` is a
// Transaction: the savepoint methods of a ControlledTransaction are not there.
export const kysely: LibrarySpec = {
  library: 'kysely',
  packageName: 'kysely',
  modules: {
    kysely: {
      exports: { Kysely: { class: 'Kysely' } },
      types: { Kysely: 'Kysely' },
    },
  },
  methods: {},
  resources: [],
  callbacks: [
    {
      owner: 'Kysely',
      acquire: 'startTransaction',
      // `startTransaction().setIsolationLevel(l).execute()` → `transaction().setIsolationLevel(l).execute(cb)`
      chain: 'execute',
      noun: 'transaction',
      args: 'none',
      success: { method: 'commit', then: 'execute' },
      failure: { method: 'rollback', then: 'execute' },
      callback: 'transaction',
      handle: {
        differs: 'a Transaction, which has no savepoint methods',
        passTo: ['execute', 'executeTakeFirst', 'executeTakeFirstOrThrow'],
        missing: ['savepoint', 'rollbackToSavepoint', 'releaseSavepoint', 'isCommitted', 'isRolledBack'],
      },
    },
  ],
};
