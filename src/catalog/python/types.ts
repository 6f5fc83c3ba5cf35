// The shape of the Python catalogue: which calls make which kind of value, and what each resource's
// release and context manager really do. Data, one module per library family, each fact with its source.

/** What a value is, as far as leaks go. */
export type ValueKind =
  | 'engine'
  | 'async-engine'
  | 'session-factory'
  | 'async-session-factory'
  | 'scoped-registry'
  | 'async-scoped-registry'
  | 'flask-app'
  | 'flask-g'
  | 'flask-sqlalchemy'
  | ResourceKind;

/** Values that hold a connection until released. */
export type ResourceKind = 'session' | 'async-session' | 'scoped-session' | 'connection' | 'async-connection' | 'raw-connection' | 'dbapi-connection';

export interface Source {
  /** The library's own documentation (or source / issue) the fact comes from. */
  url: string;
  /** The fact in a sentence, as the source states it. */
  says: string;
}

/** A callable that makes a value: `create_engine`, `sessionmaker`, `psycopg2.connect`. */
export interface ConstructorFact {
  /** Qualified names it is importable under (`sqlalchemy.orm.Session`, `sqlalchemy.orm.session.Session`). */
  names: string[];
  produces: ValueKind;
  library: string;
  source?: Source;
}

/** A method that, called on a value of kind `on`, makes a value: `engine.connect()`, `session.get_bind()`. */
export interface MethodFact {
  on: ValueKind[];
  method: string;
  produces: ValueKind;
  /** The call must be awaited (`await async_engine.connect()`). */
  awaited?: boolean;
  library: string;
  source?: Source;
}

/** An attribute that, read on a value of kind `on`, is a value: `session.bind`, `db.engine`. */
export interface AttributeFact {
  on: ValueKind[];
  attribute: string;
  produces: ValueKind;
  library: string;
}

/** How a `with` statement can scope the resource without changing what commits or rolls back. */
export type WithForm =
  /** `with ACQ as x:` — the object's own context manager only closes. */
  | 'native'
  /** `async with ACQ as x:` (the acquire's `await` goes: the object is its own async context manager). */
  | 'async-native'
  /** `with closing(ACQ) as x:` — the object's own context manager does something else (or does not exist). */
  | 'closing';

export interface ResourceFact {
  kind: ResourceKind;
  library: string;
  noun: string;
  /** The release call (`close`). */
  release: string;
  releaseAwaited: boolean;
  withForm: WithForm;
  /** What the object's context manager does on exit, per the source. */
  contextManager: Source;
  /** A second close() is a no-op (so a close left inside a `with` does no harm, and one can be dropped). */
  closeIdempotent: boolean;
  /**
   * Results may be ORM objects that stay attached to the open resource: a value computed from it and
   * returned while it is open must not be handed out after a close the original never did.
   */
  attachedResults: boolean;
  /** Methods whose result is plain data, not a live cursor or result bound to the connection. */
  materialisers: string[];
}
