// SQLAlchemy (1.4 and 2.x): engines, ORM sessions, factories and scoped registries, Core connections,
// asyncio. Facts checked against the 1.4 documentation and the 1.4.46 source installed for the e2e tests.
import type { AttributeFact, ConstructorFact, MethodFact, ResourceFact, Source } from './types';

const DOCS = 'https://docs.sqlalchemy.org/en/14';

export const SESSION_CONTEXT: Source = {
  url: `${DOCS}/orm/session_basics.html#opening-and-closing-a-session`,
  says: '`with Session(engine) as session:` calls Session.close() at the end of the block (sqlalchemy/orm/session.py, Session.__exit__); close() ends the transaction with a rollback and releases the connection to the pool; it does not commit.',
};

export const SESSION_BEGIN: Source = {
  url: `${DOCS}/orm/session_basics.html#framing-out-a-begin-commit-rollback-block`,
  says: '`with Session(engine) as session, session.begin():` commits when the block completes and rolls back when it raises, then closes the session.',
};

export const ENGINE_BEGIN: Source = {
  url: `${DOCS}/core/connections.html#using-transactions`,
  says: '`with engine.begin() as conn:` commits when the block completes, rolls back when it raises, and returns the connection to the pool (sqlalchemy/engine/base.py, Engine._trans_ctx.__exit__).',
};

export const ENGINE_DISPOSAL: Source = {
  url: `${DOCS}/core/connections.html#engine-disposal`,
  says: 'Engine.dispose() closes the checked-in connections of the pool and replaces the pool with a new one; the Engine is meant to be created once per process, and disposing it per operation throws the pool away.',
};

export const SCOPED_SESSION: Source = {
  url: `${DOCS}/orm/contextual.html#using-thread-local-scope-with-web-applications`,
  says: 'a scoped_session registry is created once; scoped_session.remove() at the end of each request or thread closes the current session and discards it. `with Registry.begin():` commits but does not remove (sqlalchemy/sqlalchemy#6519).',
};

export const SQLALCHEMY_CONSTRUCTORS: ConstructorFact[] = [
  {
    names: ['sqlalchemy.create_engine', 'sqlalchemy.engine.create_engine', 'sqlalchemy.engine.create.create_engine', 'sqlalchemy.engine_from_config', 'sqlmodel.create_engine'],
    produces: 'engine',
    library: 'sqlalchemy',
    source: ENGINE_DISPOSAL,
  },
  {
    names: ['sqlalchemy.ext.asyncio.create_async_engine', 'sqlalchemy.ext.asyncio.engine.create_async_engine', 'sqlalchemy.ext.asyncio.async_engine_from_config'],
    produces: 'async-engine',
    library: 'sqlalchemy',
    source: { url: `${DOCS}/orm/extensions/asyncio.html`, says: 'AsyncEngine.dispose() is a coroutine (sqlalchemy/ext/asyncio/engine.py).' },
  },
  { names: ['sqlalchemy.orm.sessionmaker', 'sqlalchemy.orm.session.sessionmaker'], produces: 'session-factory', library: 'sqlalchemy' },
  { names: ['sqlalchemy.ext.asyncio.async_sessionmaker'], produces: 'async-session-factory', library: 'sqlalchemy' },
  { names: ['sqlalchemy.orm.scoped_session', 'sqlalchemy.orm.scoping.scoped_session'], produces: 'scoped-registry', library: 'sqlalchemy', source: SCOPED_SESSION },
  { names: ['sqlalchemy.ext.asyncio.async_scoped_session'], produces: 'async-scoped-registry', library: 'sqlalchemy', source: SCOPED_SESSION },
  { names: ['sqlalchemy.orm.Session', 'sqlalchemy.orm.session.Session', 'sqlmodel.Session', 'sqlmodel.orm.session.Session'], produces: 'session', library: 'sqlalchemy', source: SESSION_CONTEXT },
  { names: ['sqlalchemy.ext.asyncio.AsyncSession', 'sqlalchemy.ext.asyncio.session.AsyncSession', 'sqlmodel.ext.asyncio.session.AsyncSession'], produces: 'async-session', library: 'sqlalchemy' },
];

export const SQLALCHEMY_METHODS: MethodFact[] = [
  { on: ['engine'], method: 'connect', produces: 'connection', library: 'sqlalchemy' },
  { on: ['engine'], method: 'raw_connection', produces: 'raw-connection', library: 'sqlalchemy' },
  { on: ['async-engine'], method: 'connect', produces: 'async-connection', awaited: true, library: 'sqlalchemy' },
  { on: ['session', 'scoped-session', 'scoped-registry'], method: 'get_bind', produces: 'engine', library: 'sqlalchemy' },
];

export const SQLALCHEMY_ATTRIBUTES: AttributeFact[] = [
  { on: ['session', 'scoped-session', 'scoped-registry'], attribute: 'bind', produces: 'engine', library: 'sqlalchemy' },
  { on: ['connection'], attribute: 'engine', produces: 'engine', library: 'sqlalchemy' },
  { on: ['async-session'], attribute: 'bind', produces: 'async-engine', library: 'sqlalchemy' },
];

/** `sessionmaker(class_=AsyncSession)` makes an async factory. */
export const ASYNC_SESSION_CLASSES = ['AsyncSession'];

// (Alembic's MigrationContext.configure(conn) reads the version table when asked: get_current_revision()
// returns the revision as a string, get_current_heads() a tuple of them — alembic.runtime.migration.)
const CONNECTION_RESULTS = ['fetchall', 'fetchone', 'fetchmany', 'all', 'first', 'one', 'one_or_none', 'scalar', 'scalar_one', 'scalar_one_or_none', 'rowcount', 'get_current_revision', 'get_current_heads'];

export const SQLALCHEMY_RESOURCES: ResourceFact[] = [
  {
    kind: 'session',
    library: 'sqlalchemy',
    noun: 'session',
    release: 'close',
    releaseAwaited: false,
    withForm: 'native',
    contextManager: SESSION_CONTEXT,
    closeIdempotent: true,
    attachedResults: true,
    materialisers: [],
  },
  {
    // A scoped registry's call returns the thread's session; its own close() is the session's close().
    kind: 'scoped-session',
    library: 'sqlalchemy',
    noun: 'scoped session',
    release: 'close',
    releaseAwaited: false,
    withForm: 'native',
    contextManager: SESSION_CONTEXT,
    closeIdempotent: true,
    attachedResults: true,
    materialisers: [],
  },
  {
    kind: 'async-session',
    library: 'sqlalchemy',
    noun: 'session',
    release: 'close',
    releaseAwaited: true,
    withForm: 'async-native',
    contextManager: {
      url: `${DOCS}/orm/extensions/asyncio.html#synopsis-orm`,
      says: '`async with AsyncSession(engine) as session:` awaits AsyncSession.close() at the end of the block (sqlalchemy/ext/asyncio/session.py, __aexit__).',
    },
    closeIdempotent: true,
    attachedResults: true,
    materialisers: [],
  },
  {
    kind: 'connection',
    library: 'sqlalchemy',
    noun: 'connection',
    release: 'close',
    releaseAwaited: false,
    withForm: 'native',
    contextManager: {
      url: `${DOCS}/core/connections.html#basic-usage`,
      says: '`with engine.connect() as conn:` calls Connection.close() at the end of the block (sqlalchemy/engine/base.py, Connection.__exit__): the connection goes back to the pool and a transaction still open is rolled back.',
    },
    closeIdempotent: true,
    attachedResults: false,
    materialisers: CONNECTION_RESULTS,
  },
  {
    kind: 'async-connection',
    library: 'sqlalchemy',
    noun: 'connection',
    release: 'close',
    releaseAwaited: true,
    withForm: 'async-native',
    contextManager: {
      url: `${DOCS}/orm/extensions/asyncio.html#synopsis-core`,
      says: '`async with engine.connect() as conn:` awaits AsyncConnection.close() at the end of the block.',
    },
    closeIdempotent: true,
    attachedResults: false,
    materialisers: CONNECTION_RESULTS,
  },
  {
    kind: 'raw-connection',
    library: 'sqlalchemy',
    noun: 'DBAPI connection',
    release: 'close',
    releaseAwaited: false,
    // The pool's proxy forwards attributes to the driver's connection but has no __enter__ of its own
    // (sqlalchemy/pool/base.py, 1.4.46), so `with` on it would be the driver's transaction scope at best.
    withForm: 'closing',
    contextManager: {
      url: `${DOCS}/core/connections.html#working-with-the-dbapi-cursor-directly`,
      says: 'Engine.raw_connection() returns a pool-proxied DBAPI connection; its close() returns the connection to the pool. The proxy class defines no context manager.',
    },
    closeIdempotent: true,
    attachedResults: false,
    materialisers: CONNECTION_RESULTS,
  },
];
