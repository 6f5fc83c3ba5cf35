// DBAPI drivers. Their context managers disagree: psycopg2's and sqlite3's end a transaction and leave
// the connection open, psycopg 3's commits and closes, PyMySQL's closed only from 1.0 (0.x returned a
// cursor and committed). A `with` on the connection itself would change what commits, so every driver
// connection is scoped with `contextlib.closing(...)`, which only calls close() — exactly the release the
// code already makes.
import type { ConstructorFact, ResourceFact, Source } from './types';

export const PSYCOPG2_CONTEXT: Source = {
  url: 'https://www.psycopg.org/docs/connection.html',
  says: 'a connection used as a context manager commits the transaction on success and rolls it back on an exception; the connection is not closed by the context.',
};

export const PSYCOPG3_CONTEXT: Source = {
  url: 'https://www.psycopg.org/psycopg3/docs/api/connections.html',
  says: 'on block exit the current transaction is committed (or rolled back, in case of exception) and the connection is closed.',
};

export const SQLITE3_CONTEXT: Source = {
  url: 'https://docs.python.org/3/library/sqlite3.html#how-to-use-the-connection-context-manager',
  says: 'the connection context manager commits or rolls back the open transaction; it neither opens a new transaction nor closes the connection.',
};

export const PYMYSQL_CONTEXT: Source = {
  url: 'https://github.com/PyMySQL/PyMySQL/pull/763',
  says: 'from PyMySQL 1.0 Connection.__exit__ only calls close() (pymysql/connections.py 1.0.2); before, __enter__ returned a cursor and __exit__ committed. close() raises "Already closed" when called twice.',
};

export const MYSQLDB_CONTEXT: Source = {
  url: 'https://github.com/PyMySQL/mysqlclient/pull/413',
  says: 'mysqlclient 2.0 added a Connection context manager that closes; 1.4 had removed the old one, which returned a cursor and committed (PyMySQL/mysqlclient#295), so what `with conn:` does depends on the installed version.',
};

export const DBAPI_CONSTRUCTORS: ConstructorFact[] = [
  { names: ['psycopg2.connect', 'psycopg2.extensions.connection'], produces: 'dbapi-connection', library: 'psycopg2', source: PSYCOPG2_CONTEXT },
  { names: ['psycopg.connect', 'psycopg.Connection.connect'], produces: 'dbapi-connection', library: 'psycopg', source: PSYCOPG3_CONTEXT },
  { names: ['sqlite3.connect', 'sqlite3.dbapi2.connect'], produces: 'dbapi-connection', library: 'sqlite3', source: SQLITE3_CONTEXT },
  { names: ['MySQLdb.connect', 'MySQLdb.Connect', 'MySQLdb.connections.Connection'], produces: 'dbapi-connection', library: 'mysqlclient', source: MYSQLDB_CONTEXT },
  { names: ['pymysql.connect', 'pymysql.Connect', 'pymysql.Connection', 'pymysql.connections.Connection'], produces: 'dbapi-connection', library: 'pymysql', source: PYMYSQL_CONTEXT },
];

// What a cursor hands back as plain data: the fetch methods' rows, and the attributes set once a statement has
// run (PEP 249: `description` is a sequence of 7-item sequences, `rowcount` and `lastrowid` numbers).
const FETCH = ['fetchall', 'fetchone', 'fetchmany', 'rowcount', 'lastrowid', 'description'];

function dbapi(library: string, contextManager: Source, closeIdempotent: boolean): ResourceFact {
  return {
    kind: 'dbapi-connection',
    library,
    noun: 'connection',
    release: 'close',
    releaseAwaited: false,
    withForm: 'closing',
    contextManager,
    closeIdempotent,
    attachedResults: false,
    materialisers: FETCH,
  };
}

/** Keyed by library: the constructor that made the connection says which driver's facts apply. */
export const DBAPI_RESOURCES: Record<string, ResourceFact> = {
  psycopg2: dbapi('psycopg2', PSYCOPG2_CONTEXT, true),
  psycopg: dbapi('psycopg', PSYCOPG3_CONTEXT, true),
  sqlite3: dbapi('sqlite3', SQLITE3_CONTEXT, true),
  pymysql: dbapi('pymysql', PYMYSQL_CONTEXT, false),
  mysqlclient: dbapi('mysqlclient', MYSQLDB_CONTEXT, true),
};

/** Drivers whose `with conn:` ends a transaction and leaves the connection open (a with-block that never closes). */
export const WITH_KEEPS_OPEN = ['psycopg2', 'sqlite3'];

export const CLOSING: Source = {
  url: 'https://docs.python.org/3/library/contextlib.html#contextlib.closing',
  says: 'closing(thing) returns a context manager that calls thing.close() at the end of the block, and does nothing else.',
};
