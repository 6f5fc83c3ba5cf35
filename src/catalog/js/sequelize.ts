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

// @sequelize/core (v7; sources: lib/sequelize-typescript.js and the v7 transactions guide): `transaction()`
// only runs managed transactions and throws without a callback; the manual form is
// `await sequelize.startUnmanagedTransaction(opts)`, held until commit() or rollback(), and never bound to
// CLS. The managed `transaction(opts, cb)` runs cb in an AsyncLocalStorage scope unless the instance was made
// with `disableClsTransactions: true` (CLS is on by default), so queries inside that name no transaction join
// it; and with the default nestMode 'reuse', called inside another managed transaction, it reuses that one
// instead of committing its own. So the manual form never becomes the callback; the try/catch form is fine.
export const sequelizeCore: LibrarySpec = {
  library: '@sequelize/core',
  packageName: '@sequelize/core',
  modules: {
    '@sequelize/core': {
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
      acquire: 'startUnmanagedTransaction',
      noun: 'transaction',
      args: 'before',
      success: { method: 'commit' },
      failure: { method: 'rollback' },
      callback: 'transaction',
      refuseWith: {
        dependencies: ['@sequelize/core'],
        calls: [],
        always: true,
        why: 'its managed transaction() binds the transaction to every query in the callback that names none (CLS is on by default), and inside another managed transaction reuses that one instead of committing',
      },
    },
  ],
};
