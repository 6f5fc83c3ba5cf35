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
      native: { since: '1.0.0', dispose: 'async', sameAs: ['release'], decidesTransaction: true },
      transactions: {
        begin: ['startTransaction'],
        commit: ['commitTransaction'],
        rollback: ['rollbackTransaction'],
        sqlMethod: 'query',
      },
    },
  ],
};
