// Long-lived kinds: objects a process creates once and keeps — a pool, a client that pools, an engine —
// and the calls that tear one down for good. Data for the pool-lifecycle transform, keyed by the
// library's name in the catalogue (the library modules describe how instances are made).

export interface PoolKindSpec {
  library: string;
  /** Kind name as the library's catalogue module yields it (`new Pool()` → `Pool`). */
  kind: string;
  /** A word for messages. */
  noun: string;
  /** Calls that close the whole thing; after them the object cannot serve the next call. */
  teardown: string[];
  /**
   * A single connection, not a pool: its end is the end of one lifecycle and goes on every path (the
   * lifecycles transform's business). pool-lifecycle never removes it.
   */
  single?: boolean;
  /**
   * One made, used and closed by the same call is a lifecycle of its own (the lifecycles transform's
   * business), not a pool misused: a single connection, a MongoClient, a DataSource. Not reported per call.
   */
  perCallLifecycle?: boolean;
  /**
   * Calls that open it for use (`initialize()`, `connect()`): a function that opens and closes the same
   * object runs one whole lifecycle, and its close stays.
   */
  open?: string[];
  /**
   * Where a transaction belongs instead: `BEGIN` sent through the pool itself runs on whichever connection
   * is free, so the queries after it are not in the transaction (the lifecycles transforms report it).
   */
  transaction?: string;
  /**
   * The library keeps this one instance itself and the module's own functions drive it: `sql.connect()`
   * opens it (or returns it, open), `sql.close()` closes it. A teardown may then be called on the module.
   */
  global?: boolean;
}

export const POOL_KINDS: PoolKindSpec[] = [
  // pg: `pool.end()` twice rejects, and a pool that ended refuses `connect()`.
  { library: 'pg', kind: 'Pool', noun: 'pool', teardown: ['end'], transaction: 'one client from `pool.connect()` for the whole transaction' },
  // A pg Client is one connection: closed per call when shared it cannot reconnect ("Client was closed and
  // is not queryable"), but one made per call (LISTEN, a one-off) is the lifecycles transform's business.
  { library: 'pg', kind: 'Client', noun: 'client', teardown: ['end'], single: true, perCallLifecycle: true, open: ['connect'] },
  { library: 'mysql2', kind: 'Pool', noun: 'pool', teardown: ['end'], transaction: 'one connection from `pool.getConnection()` for the whole transaction' },
  { library: 'mysql2', kind: 'CallbackPool', noun: 'pool', teardown: ['end'] },
  { library: 'mysql2', kind: 'PoolCluster', noun: 'pool cluster', teardown: ['end'] },
  { library: 'mariadb', kind: 'Pool', noun: 'pool', teardown: ['end'], transaction: 'one connection from `pool.getConnection()` for the whole transaction' },
  // mongodb: MongoClient pools connections; close() drops the pool (it can reconnect, at full cost).
  { library: 'mongodb', kind: 'MongoClient', noun: 'client', teardown: ['close'], perCallLifecycle: true, open: ['connect'] },
  // typeorm: a destroyed DataSource must be initialize()d again before any query.
  { library: 'typeorm', kind: 'DataSource', noun: 'data source', teardown: ['destroy'], perCallLifecycle: true, open: ['initialize', 'connect'], transaction: '`dataSource.transaction(async (manager) => …)`' },
  // typeorm 0.2's Connection (what 0.3 calls DataSource): a closed one must be connect()ed again.
  { library: 'typeorm', kind: 'Connection', noun: 'connection', teardown: ['close'], perCallLifecycle: true, open: ['connect'], transaction: '`connection.transaction(async (manager) => …)`' },
  { library: 'mssql', kind: 'ConnectionPool', noun: 'pool', teardown: ['close'], open: ['connect'], transaction: '`new sql.Transaction(pool)`' },
  // mssql's global pool: shared by the whole process; after `sql.close()` the next `sql.connect()` makes a new one.
  { library: 'mssql', kind: 'GlobalPool', noun: 'global pool', teardown: ['close'], open: ['connect'], global: true, transaction: '`new sql.Transaction(pool)`' },
  // mysql (callback API): `pool.end()` closes every connection; a pool that ended refuses getConnection().
  { library: 'mysql', kind: 'Pool', noun: 'pool', teardown: ['end'] },
  { library: 'mysql', kind: 'PoolCluster', noun: 'pool cluster', teardown: ['end'] },
  { library: 'mysql', kind: 'Connection', noun: 'connection', teardown: ['end', 'destroy'], single: true, perCallLifecycle: true, open: ['connect'] },
  // promise-mysql: as mysql, with promises (`await pool.end()`); see promise-mysql.ts.
  { library: 'promise-mysql', kind: 'Pool', noun: 'pool', teardown: ['end'], transaction: 'one connection from `pool.getConnection()` for the whole transaction' },
  { library: 'promise-mysql', kind: 'PoolCluster', noun: 'pool cluster', teardown: ['end'] },
  { library: 'promise-mysql', kind: 'Connection', noun: 'connection', teardown: ['end', 'destroy'], single: true, perCallLifecycle: true },
  // mongoose: a connection from createConnection() owns a MongoClient pool; one made and closed per call is its lifecycle.
  { library: 'mongoose', kind: 'Connection', noun: 'connection', teardown: ['close', 'destroy'], perCallLifecycle: true, open: ['openUri', 'asPromise'] },
  { library: '@sequelize/core', kind: 'Sequelize', noun: 'Sequelize instance', teardown: ['close'], transaction: '`sequelize.transaction(async (t) => …)`' },
  { library: 'oracledb', kind: 'Pool', noun: 'pool', teardown: ['close'] },
  { library: 'neo4j-driver', kind: 'Driver', noun: 'driver', teardown: ['close'] },
  { library: 'knex', kind: 'Knex', noun: 'knex instance', teardown: ['destroy'], transaction: '`knex.transaction(async (trx) => …)`' },
  { library: 'sequelize', kind: 'Sequelize', noun: 'Sequelize instance', teardown: ['close'], transaction: '`sequelize.transaction(async (t) => …)`' },
  // postgres.js: `postgres(url)` is a pool; `sql.end()` closes it for good. One made, used and ended by the
  // same call (a script's block, a one-off) is the lifecycles transform's, like a pg Client.
  { library: 'postgres', kind: 'Sql', noun: 'pool', teardown: ['end'], perCallLifecycle: true, transaction: '`sql.begin(async (sql) => …)`' },
  { library: 'prisma', kind: 'PrismaClient', noun: 'Prisma client', teardown: ['$disconnect'], open: ['$connect'], transaction: '`prisma.$transaction(async (tx) => …)`' },
];

export function poolKind(library: string, kind: string): PoolKindSpec | undefined {
  return POOL_KINDS.find((p) => p.library === library && p.kind === kind);
}
