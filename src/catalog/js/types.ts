// The resource catalogue is data: one module per library, all of the same shape. The analysis never names a
// library; it asks the catalogue what an import, a constructor or a method produces.

/** What a module export (or the module object itself) is. */
export type ExportSpec =
  | { class: string; callable?: boolean } // a constructor: `new X()` (and `X()` when callable) yields an instance of kind X
  | { factory: string } // a function: `x()` yields (a promise of) kind X
  | { namespace: string } // another module's namespace: `import { promises } from 'fs'`
  | { instance: string }; // a ready-made instance (a default client)

export interface ModuleSpec {
  /** Named exports. */
  exports: Record<string, ExportSpec>;
  /** What `import x from 'm'` / `require('m')` yields; absent: the module namespace itself. */
  default?: ExportSpec;
  /** What calling the module itself yields (`require('pg-promise')()` is a function making Databases). */
  callReturns?: ExportSpec;
  /** Methods of the module that return the module itself (`require('sqlite3').verbose()`). */
  returnsModule?: string[];
  /** Type names usable in annotations (`client: PoolClient`) → kind. */
  types?: Record<string, string>;
}

export interface ReleaseSpec {
  method: string;
  /** Returns a promise the caller is expected to await. */
  async: boolean;
  /**
   * The release takes the resource as its one argument instead of being one of its methods: a method of
   * the object it came from (`owner`: `pool.releaseConnection(conn)` for `conn = await pool.getConnection()`),
   * or a function of the library's module (`module`: `fs.closeSync(fd)`, or `closeSync(fd)` imported from it).
   */
  argumentOf?: 'owner' | 'module';
}

export interface NativeDispose {
  /** First version of `package` whose instances have the disposer. */
  since: string;
  /** Package whose installed version decides (defaults to the library's package; `node` for the runtime). */
  package?: string;
  dispose: 'async' | 'sync';
  /** Release methods whose effect the disposer reproduces exactly; other releases get an adapter. */
  sameAs: string[];
  /** The disposer decides an open transaction's outcome (commits or rolls back): never native then. */
  decidesTransaction?: boolean;
}

export interface TransactionSpec {
  begin: string[];
  commit: string[];
  rollback: string[];
  /** Transactions driven by SQL text through this method, or these (`client.query('BEGIN')`). */
  sqlMethod?: string | string[];
  /** Transactions driven by SQL text through the resource as a tag (postgres.js: ``reserved`BEGIN` ``). */
  sqlTag?: boolean;
  /**
   * Why a callback rewrite keeps this resource's transaction manual (commit and rollback stay where they
   * are): the library has no transaction callback, or its callback may run the work more than once.
   */
  staysManual?: string;
}

/**
 * One end of a manual handle: `trx.commit()`, `trx.commit().execute()` (kysely), `pool.release(r)`, or SQL
 * sent through the handle as a tagged template (postgres.js: ``reserved`COMMIT` ``).
 */
export type EndSpec = { sql: string } | MethodEnd;

export interface MethodEnd {
  method: string;
  /** Called on the owner with the handle as its argument (`pool.release(resource)`), not on the handle. */
  onOwner?: boolean;
  /** A builder that must still be run: `trx.commit().execute()`. */
  then?: string;
}

/**
 * A library callback that does what a manual acquire → success end / failure end does by hand: it acquires,
 * runs the callback once, and ends the handle one way when the callback's promise resolves and the other
 * way when it rejects (knex `transaction(cb)`: commit / rollback; generic-pool `use(cb)`: release / destroy).
 */
export interface CallbackApiSpec {
  /** Kind of the receiver the manual acquire and the callback method are called on (`Knex`). */
  owner: string;
  /** The manual acquire: `owner.acquire(...)`; with `chain`, the start of a builder chain run by `chain`. */
  acquire: string;
  /** `db.startTransaction().setIsolationLevel(l).execute()`: the builder is run by this method. */
  chain?: string;
  /** What the handle is called in messages ("transaction", "resource"). */
  noun: string;
  /**
   * A resource acquired first and begun separately (typeorm: `createQueryRunner()`, `connect()`,
   * `startTransaction(level)`, …, `release()`): the begin's arguments go to the callback.
   */
  begin?: { method: string; setup: string[]; release: string } | { sql: string; setup: string[]; release: string };
  /** Where the acquire's (or begin's) arguments go in the callback call; `none`: it must have none. */
  args: 'before' | 'after' | 'none';
  success: EndSpec;
  failure: EndSpec;
  /** The callback API: `owner.method(…, cb)`, or for a chain the acquire's name swapped for `method`. */
  callback: string;
  /** The ends run fire-and-forget by the library (generic-pool): an unawaited end in the code is the same. */
  endsUnawaited?: boolean;
  /**
   * The callback receives another object than the manual handle. `param` is its name; `members` maps what
   * the body may use on the handle to the callback object (`manager` → the object itself, `query` → `query`).
   * Without `members`, the handle is used as is but must not be handed to other code (its type differs),
   * except as the argument of a method in `passTo` (kysely: ``sql`…`.execute(trx)`` takes any executor),
   * and `missing` lists its members the callback's object lacks.
   */
  handle?: { param?: string; members?: Record<string, string>; differs?: string; passTo?: string[]; missing?: string[] };
  /**
   * What changes what the callback does (sequelize CLS): a package dependency, or a call of one of `calls`
   * in the file. Either keeps the manual form. `always`: the library's callback always does other work
   * (@sequelize/core), whether or not a package.json declares it (the library's own repository does not).
   */
  refuseWith?: { dependencies: string[]; calls: string[]; why: string; always?: boolean };
}

export interface ResourceSpec {
  kind: string;
  /** A word for messages: "client", "session", "connection". */
  noun: string;
  release: ReleaseSpec[];
  /** Every method returns its result synchronously (nothing can still be pending when it is returned). */
  syncApi?: boolean;
  /**
   * A connect step after the acquire (`await client.connect()`) whose failure must not be followed by the
   * release: redis's close() on a client that never connected throws ClientClosedError, hiding the real error.
   */
  connect?: string;
  /**
   * It opens nothing before that connect step: made and never connected, it holds nothing to release
   * (pg's `new Client(config)` read only for its parsed settings).
   */
  idleUntilConnect?: boolean;
  native?: NativeDispose;
  transactions?: TransactionSpec;
  /**
   * The release hands the connection back to a pool as it is, open transaction included: the next borrower
   * works inside it (or in its aborted state). Set only where the library's pool does not roll back itself.
   */
  releaseKeepsTransaction?: boolean;
  /**
   * The release closes the resource's own database session, and the server rolls back a transaction still
   * open in it: a release added on a failure path leaves nothing half-done (a plain client's `end()`).
   */
  releaseEndsSession?: boolean;
  /**
   * The acquire also takes an error-first callback as its last argument and hands it the resource as this
   * parameter (`pool.getConnection((err, conn) => …)`: 1); there is no resource when the error is set.
   * `releaseParam`: a parameter that releases it when called (pg's `done`).
   */
  callbackParam?: { index: number; releaseParam?: number };
  /**
   * Methods whose last argument, a function, the library calls exactly once when the operation is over,
   * with its error or its result (`conn.query(sql, cb)`), or at once (`db.serialize(cb)`): a release in
   * such a callback runs once the work is done.
   */
  onceCallbacks?: string[];
  /** Of those, the methods that call their function at once, before they return (sqlite3 `db.serialize(cb)`). */
  syncCallbacks?: string[];
  /**
   * The release is queued behind the work already queued (mysql's end(), sqlite3's close()), and the
   * resource's own methods report errors to their callbacks or events instead of throwing: a release reached
   * after nothing but such calls runs on every path (the libraries' README shape is already safe).
   */
  queuedRelease?: boolean;
  /**
   * The resource is a plain value (a file descriptor number), not an object with methods: the library's
   * module functions take it as an argument (`fs.writeSync(fd, …)`), and such a call is a use, not a hand-off
   * (they are synchronous: done when they return). Its type names no library, so in type-aware mode the
   * catalogue, not the checker, says what the acquire made.
   */
  plainValue?: boolean;
  /**
   * The resource is itself a function as well as an object (postgres.js: `sql(rows)` builds a query
   * fragment): calling it is a use.
   */
  callable?: boolean;
  /**
   * A pool as well as a resource (postgres.js `postgres(url)`): made inside a function or a block and ended
   * there it is a lifecycle of its own, like a single client; made at a module's top level it is the
   * process's pool, whose teardowns (a shutdown function, an `end()` per request) are pool-lifecycle's
   * business and never a lifecycle of one call.
   */
  moduleLevelIsPool?: boolean;
  /**
   * The library registers every instance by name and hands it out again (typeorm 0.2's `createConnection()`
   * and `getConnection(name)`): one the code does not keep, or does not close where it made it, is still
   * reachable, and is closed by whoever asks for it by name. Only a lifecycle with a release of its own counts.
   */
  registeredByName?: string;
  /**
   * `auto` writes try/finally for it even where `using` would do, and says why: a plain value (a file
   * descriptor number) has no disposer, and an adapter object would only wrap the call a finally makes.
   */
  autoTryFinally?: string;
}

export interface LibrarySpec {
  /** Name shown in findings. */
  library: string;
  /** npm package whose installed version is read. */
  packageName: string;
  /** Import specifiers → what they export. */
  modules: Record<string, ModuleSpec>;
  /** Project files (absolute path without extension) → what they export; from leakproof.config.json. */
  files?: Record<string, ModuleSpec>;
  /** Packages other than `packageName` that declare this library's types (`neo4j-driver-core`). */
  typePackages?: string[];
  /** `Kind.method` → kind of the (awaited) result. */
  methods: Record<string, string>;
  /** `Class.staticMethod` → kind of the (awaited) result. */
  statics?: Record<string, string>;
  resources: ResourceSpec[];
  /** Manual acquire/end pairs a library callback performs itself (transactions, pool `use`). */
  callbacks?: CallbackApiSpec[];
}
