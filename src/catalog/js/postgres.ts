import type { LibrarySpec } from './types';

// postgres.js 3.4: `postgres(url)` is a pool. `await sql.reserve()` takes one connection out of it until
// `reserved.release()` (sync). `sql.begin([options,] async (sql) => …)` runs `BEGIN options` on a connection,
// commits when the callback resolves, sends ROLLBACK and rethrows when it rejects, and gives the connection
// back: the manual reserve → BEGIN → COMMIT / ROLLBACK → release. Its callback gets a TransactionSql (no
// release()). (Only a synchronous callback's array result is awaited element-wise; ours are async.)
// `sql.end()` (src/index.js `end({ timeout })`, README "Teardown / Cleanup") "will reject new queries and
// return a Promise which resolves when all queries are finished and the underlying connections are closed";
// calling it again returns the same promise. A `postgres(url)` made inside a function or a block and ended
// there is one lifecycle, like pg's `new Client()` … `end()`: a failed query before the end leaves its
// connections open, and the process waits on them. Made at a module's top level it is the process's pool
// (pools.ts): never a lifecycle, whatever ends it. `sql` is also a function (`sql(rows)`, `sql(name)` build
// fragments of a query): a call of it is a use.
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
      kind: 'Sql',
      noun: 'connection pool',
      release: [{ method: 'end', async: true }],
      callable: true,
      moduleLevelIsPool: true,
    },
    {
      kind: 'ReservedSql',
      noun: 'reserved connection',
      release: [{ method: 'release', async: false }],
      callable: true,
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
