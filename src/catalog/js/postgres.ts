import type { LibrarySpec } from './types';

// postgres.js 3.4: `postgres(url)` is a pool. `await sql.reserve()` takes one connection out of it until
// `reserved.release()` (sync). `sql.begin([options,] async (sql) => …)` runs `BEGIN options` on a connection,
// commits when the callback resolves, sends ROLLBACK and rethrows when it rejects, and gives the connection
// back: the manual reserve → BEGIN → COMMIT / ROLLBACK → release. Its callback gets a TransactionSql (no
// release()). (Only a synchronous callback's array result is awaited element-wise; ours are async.)
export const postgresJs: LibrarySpec = {
  library: 'postgres',
  packageName: 'postgres',
  modules: {
    postgres: {
      exports: {},
      default: { factory: 'Sql' },
      types: { Sql: 'Sql', ReservedSql: 'ReservedSql' },
    },
  },
  methods: { 'Sql.reserve': 'ReservedSql' },
  resources: [
    {
      kind: 'ReservedSql',
      noun: 'reserved connection',
      release: [{ method: 'release', async: false }],
      transactions: { begin: [], commit: [], rollback: [], sqlTag: true },
    },
  ],
  callbacks: [
    {
      owner: 'Sql',
      acquire: 'reserve',
      noun: 'transaction',
      begin: { sql: 'BEGIN', setup: [], release: 'release' },
      // ``reserved`BEGIN ISOLATION LEVEL SERIALIZABLE` `` → `sql.begin('ISOLATION LEVEL SERIALIZABLE', cb)`
      args: 'before',
      success: { sql: 'COMMIT' },
      failure: { sql: 'ROLLBACK' },
      callback: 'begin',
      handle: { differs: 'a TransactionSql, which has no release()', missing: ['release', 'reserve', 'end', 'begin'] },
    },
  ],
};
