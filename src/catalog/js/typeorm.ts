import type { LibrarySpec } from './types';

// typeorm ≥ 1.0: QueryRunner dispose COMMITS an active transaction, then releases. A lifecycle that
// drives a transaction must never let the disposer decide it, so it gets the release() adapter.
export const typeorm: LibrarySpec = {
  library: 'typeorm',
  packageName: 'typeorm',
  modules: {
    typeorm: {
      exports: { DataSource: { class: 'DataSource' } },
      types: { DataSource: 'DataSource', QueryRunner: 'QueryRunner', EntityManager: 'EntityManager' },
    },
  },
  methods: {
    'DataSource.createQueryRunner': 'QueryRunner',
    'DataSource.initialize': 'DataSource',
    'EntityManager.createQueryRunner': 'QueryRunner',
  },
  resources: [
    {
      kind: 'QueryRunner',
      noun: 'query runner',
      release: [{ method: 'release', async: true }],
      // release() hands the driver's pooled connection back through the pool's release callback, with no
      // rollback (driver/postgres/PostgresQueryRunner.js releasePostgresConnection).
      releaseKeepsTransaction: true,
      native: { since: '1.0.0', dispose: 'async', sameAs: ['release'], decidesTransaction: true },
      transactions: {
        begin: ['startTransaction'],
        commit: ['commitTransaction'],
        rollback: ['rollbackTransaction'],
        sqlMethod: 'query',
      },
    },
  ],
  // `dataSource.transaction([level,] async (manager) => …)` creates a query runner, starts the transaction,
  // commits when the callback resolves, rolls back (rethrowing the callback's error) when it rejects, and
  // releases the runner: the manual createQueryRunner → startTransaction → commit/rollback → release.
  callbacks: [
    {
      owner: 'DataSource',
      acquire: 'createQueryRunner',
      noun: 'transaction',
      begin: { method: 'startTransaction', setup: ['connect'], release: 'release' },
      args: 'before',
      success: { method: 'commitTransaction' },
      failure: { method: 'rollbackTransaction' },
      callback: 'transaction',
      // The callback gets the runner's EntityManager: `queryRunner.manager` is it, `queryRunner.query` is its query.
      handle: { param: 'manager', members: { manager: '', query: 'query' } },
    },
  ],
};
