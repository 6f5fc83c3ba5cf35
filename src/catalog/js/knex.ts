import type { LibrarySpec } from './types';

// knex: the instance returned by `knex(config)` owns a connection pool for the life of the process;
// `knex.destroy()` closes it. A manual transaction (`const trx = await knex.transaction()`) holds a
// connection until commit() or rollback(); `knex.transaction(async (trx) => …)` commits when the callback's
// promise resolves and rolls back (rejecting with the same error) when it rejects.
export const knex: LibrarySpec = {
  library: 'knex',
  packageName: 'knex',
  modules: {
    knex: {
      exports: { knex: { factory: 'Knex' } },
      default: { factory: 'Knex' },
      types: { Knex: 'Knex' },
    },
  },
  methods: {},
  resources: [],
  callbacks: [
    {
      owner: 'Knex',
      acquire: 'transaction',
      noun: 'transaction',
      // `knex.transaction(config)` → `knex.transaction(cb, config)`
      args: 'after',
      success: { method: 'commit' },
      failure: { method: 'rollback' },
      callback: 'transaction',
    },
  ],
};
