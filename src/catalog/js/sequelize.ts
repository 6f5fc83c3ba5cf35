import type { LibrarySpec } from './types';

// sequelize: one `new Sequelize(…)` per process holds the pool; `sequelize.close()` closes it for good
// (a closed instance cannot reconnect). An unmanaged transaction (`await sequelize.transaction(opts)`)
// holds a connection until commit() or rollback(); the managed form `sequelize.transaction(opts, async (t)
// => …)` commits when the callback resolves and rolls back, rethrowing, when it rejects. With CLS on
// (`Sequelize.useCLS`, v6) the managed form also hands `t` to every query inside that names no transaction.
export const sequelize: LibrarySpec = {
  library: 'sequelize',
  packageName: 'sequelize',
  modules: {
    sequelize: {
      exports: { Sequelize: { class: 'Sequelize' } },
      default: { class: 'Sequelize' },
      types: { Sequelize: 'Sequelize', Transaction: 'Transaction' },
    },
  },
  methods: {},
  resources: [],
  callbacks: [
    {
      owner: 'Sequelize',
      acquire: 'transaction',
      noun: 'transaction',
      args: 'before',
      success: { method: 'commit' },
      failure: { method: 'rollback' },
      callback: 'transaction',
      refuseWith: {
        dependencies: ['cls-hooked', 'continuation-local-storage'],
        calls: ['useCLS'],
        why: 'with CLS on, a managed transaction is also used by every query in the callback that names none',
      },
    },
  ],
};
