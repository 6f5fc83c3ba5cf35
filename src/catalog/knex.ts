import type { LibrarySpec } from './types';

// knex: the instance returned by `knex(config)` owns a connection pool for the life of the process;
// `knex.destroy()` closes it. Transactions (`knex.transaction(async trx => …)`) are not resources here.
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
};
