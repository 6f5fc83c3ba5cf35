import type { CallbackApiSpec, LibrarySpec } from './types';

// typeorm ≥ 1.0: QueryRunner dispose COMMITS an active transaction, then releases. A lifecycle that
// drives a transaction must never let the disposer decide it, so it gets the release() adapter.
//
// typeorm 0.2 (sources: 0.2.45's globals.js/d.ts and connection/ConnectionManager.js, Connection.js):
// `await createConnection(options)` makes a Connection, registers it in the global ConnectionManager under
// its name ("default" unless `options.name`) and connects it; `await connection.close()` disconnects it
// (a second close() rejects with CannotExecuteNotConnectedError). A Connection has no disposer. Its name
// stays registered: `getConnection(name)` (and `getConnectionManager().get(name)`) hands the same object
// out again — no new connection, so no acquire: it is the kind 0.3 calls DataSource, an object the process
// keeps. So a connection the code does not keep, or keeps without closing it where it made it, is not lost
// (and making one again under a name still connected throws AlreadyHasActiveConnectionError): only one the
// code closes itself is a lifecycle. `getConnectionManager().create(options)` makes one not yet connected
// (`await connection.connect()`). 0.3 keeps these as deprecated aliases; 1.0 removed them. A 0.2
// Connection has `createQueryRunner()` and `transaction([level,] cb)` as a 0.3 DataSource has.

// `dataSource.transaction([level,] async (manager) => …)` creates a query runner, starts the transaction,
// commits when the callback resolves, rolls back (rethrowing the callback's error) when it rejects, and
// releases the runner: the manual createQueryRunner → startTransaction → commit/rollback → release.
const transactionCallback: Omit<CallbackApiSpec, 'owner'> = {
  acquire: 'createQueryRunner',
  noun: 'transaction',
  begin: { method: 'startTransaction', setup: ['connect'], release: 'release' },
  args: 'before',
  success: { method: 'commitTransaction' },
  failure: { method: 'rollbackTransaction' },
  callback: 'transaction',
  // The callback gets the runner's EntityManager: `queryRunner.manager` is it, `queryRunner.query` is its query.
  handle: { param: 'manager', members: { manager: '', query: 'query' } },
};

export const typeorm: LibrarySpec = {
  library: 'typeorm',
  packageName: 'typeorm',
  modules: {
    typeorm: {
      exports: {
        DataSource: { class: 'DataSource' },
        createConnection: { factory: 'Connection' },
        getConnection: { factory: 'DataSource' },
        getConnectionManager: { factory: 'ConnectionManager' },
      },
      types: { DataSource: 'DataSource', QueryRunner: 'QueryRunner', EntityManager: 'EntityManager', Connection: 'Connection' },
    },
  },
  methods: {
    'DataSource.createQueryRunner': 'QueryRunner',
    'DataSource.initialize': 'DataSource',
    'EntityManager.createQueryRunner': 'QueryRunner',
    'Connection.createQueryRunner': 'QueryRunner',
    'ConnectionManager.create': 'Connection',
    'ConnectionManager.get': 'DataSource',
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
    {
      kind: 'Connection',
      noun: 'connection',
      release: [{ method: 'close', async: true }],
      connect: 'connect',
      registeredByName: "typeorm's ConnectionManager keeps it under its name (`getConnection(name)`)",
    },
  ],
  // typeorm 0.2's Connection has the same `connection.transaction([level,] async (manager) => …)`.
  callbacks: [
    { owner: 'DataSource', ...transactionCallback },
    { owner: 'Connection', ...transactionCallback },
  ],
};
