// The resource catalogue is data: one module per library, all of the same shape. The analysis never names a
// library; it asks the catalogue what an import, a constructor or a method produces.

/** What a module export (or the module object itself) is. */
export type ExportSpec =
  | { class: string } // a constructor: `new X()` yields an instance of kind X
  | { factory: string } // a function: `x()` yields (a promise of) kind X
  | { namespace: string } // another module's namespace: `import { promises } from 'fs'`
  | { instance: string }; // a ready-made instance (a default client)

export interface ModuleSpec {
  /** Named exports. */
  exports: Record<string, ExportSpec>;
  /** What `import x from 'm'` / `require('m')` yields; absent: the module namespace itself. */
  default?: ExportSpec;
  /** Type names usable in annotations (`client: PoolClient`) → kind. */
  types?: Record<string, string>;
}

export interface ReleaseSpec {
  method: string;
  /** Returns a promise the caller is expected to await. */
  async: boolean;
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
  /** Transactions driven by SQL text through this method (`client.query('BEGIN')`). */
  sqlMethod?: string;
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
  native?: NativeDispose;
  transactions?: TransactionSpec;
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
}
