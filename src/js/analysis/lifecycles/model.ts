// The lifecycle model the finder builds and the emitters rewrite: one record per acquire, with its releases,
// its shape and a verdict. Reports and rewrites come from the same model, so a finding's reason can never
// disagree with what the rewrite did.
import jscodeshift from 'jscodeshift';
import type { Catalog, Kind, ReleaseSpec, ResourceSpec } from '../../../catalog/js';
import { type FileTypeFacts } from '../../checker/typeFacts';
import { lineColumn, type Node, type Path } from '../ast';
import { Provenance } from '../../provenance/values';
import type { ReasonId } from '../reasons';

const j = jscodeshift;
export interface ReleaseSite {
  /** The statement that is removed: the call's statement, or an `if (x)` guard around it. */
  statement: Path;
  call: Path;
  method: string;
  awaited: boolean;
  /** `catch`: one of the releases around a try/catch (tryCatch.ts), replaced by one release after it. */
  role: 'final' | 'finally' | 'exit' | 'catch';
  /** `await client.close().catch(() => {})`: its failure is swallowed there, which a release made elsewhere would not do. */
  caught?: boolean;
}
export interface Lifecycle {
  /** Used after its one release (the line of the first use): only a try/finally keeps that use after the release. */
  usedAfterRelease?: number;
  kind: Kind;
  resource: ResourceSpec;
  library: string;
  /** Variable name, or the acquire's source text when it has none. */
  name: string;
  line: number;
  column: number;
  acquire: Path;
  /**
   * `const x = acquire()` (declaration), `let x; try { x = acquire() … } finally { … }`, or a module's
   * client made once and connected in one function, which ends it (connected-here: the connect statement
   * starts the lifecycle, `statement` and `connectStatement` are both that statement).
   */
  form: 'declaration' | 'assigned-in-try' | 'connected-here';
  /** The statement that declares the resource after the rewrite (the declaration, or the assignment). */
  statement: Path;
  /** For `assigned-in-try`: the outer `let x;` statement and the try statement. */
  letStatement?: Path;
  tryStatement?: Path;
  /** The block whose end disposes the resource. */
  block: Path;
  releases: ReleaseSite[];
  release: ReleaseSpec;
  releaseAwaited: boolean;
  /** The literal arguments every release passes (`true` in `release(true)`): a disposer makes the same call. */
  releaseArgs: string;
  returnsToAwait: Path[];
  hasTransaction: boolean;
  isAsyncContext: boolean;
  /** From the checker: the resource type's own disposer (`null`: none); undefined without types. */
  typeDispose?: 'async' | 'sync' | null;
  /** Passed to other code or reached through a property: a transaction may be opened out of sight. */
  handedOut?: boolean;
  /** The acquire itself begins a transaction (a project helper that hands the resource out inside one). */
  begunAtAcquire?: boolean;
  /** `await x.connect()` right after the acquire: release is guaranteed only once it succeeded. */
  connectStatement?: Node;
  /**
   * The code already releases on every path: the acquire (or its connect step) is followed at once by a try
   * whose finally releases, or it is `let x; try { x = acquire() … } finally { release }`.
   */
  alreadySafe: boolean;
  /** A release inside a callback of its own work that moves to the callback's start (releaseFirst.ts): the whole fix. */
  releaseFirst?: import('./releaseFirst').ReleaseFirst[];
  verdict: { fix: true } | { fix: false; reasonId: ReasonId; detail?: string; method?: string };
}
type Refusal = { reasonId: ReasonId; detail?: string; method?: string; at?: Node };
class Refuse extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reasonId);
  }
}
export function refuse(reasonId: ReasonId, extra: Omit<Refusal, 'reasonId'> = {}): never {
  throw new Refuse({ reasonId, ...extra });
}
/** Not a per-call lifecycle at all (a resource the process keeps until it shuts down): no finding. */
export class NotALifecycle extends Error {}
export interface FinderContext {
  catalog: Catalog;
  file: string;
  provenance: Provenance;
  /** What the checker said about calls in this file (type-aware mode), keyed by start offset. */
  typeFacts?: FileTypeFacts;
}
export interface Candidate {
  acquire: Path;
  kind: Kind;
  resource: ResourceSpec;
  /** From the checker: the result's own disposer (`null`: type known, none). Undefined without types. */
  typeDispose?: 'async' | 'sync' | null;
  /** A project helper hands it out with a transaction already begun on it. */
  begun?: boolean;
}
export function baseLifecycle(c: Candidate, name: string): Lifecycle {
  const { line, column } = lineColumn(c.acquire.node);
  return {
    kind: c.kind,
    resource: c.resource,
    library: c.kind.lib.library,
    name,
    line,
    column,
    acquire: c.acquire,
    form: 'declaration',
    statement: c.acquire,
    block: c.acquire,
    releases: [],
    release: c.resource.release[0],
    releaseAwaited: false,
    releaseArgs: '',
    returnsToAwait: [],
    hasTransaction: false,
    isAsyncContext: false,
    alreadySafe: false,
    typeDispose: c.typeDispose,
    ...(c.begun ? { begunAtAcquire: true } : {}),
    verdict: { fix: true },
  };
}
// The text an analysis-only tree was parsed from (--report-only): that tree has no printer of its own, and
// printing it anew would change quotes and spacing from what the file says (and a baseline's resource key).
let analysedText: string | null = null;
export function analysingText(text: string | null): void {
  analysedText = text;
}

export function sourceText(node: Node): string {
  const written = analysedText !== null && typeof node.start === 'number' && typeof node.end === 'number' && node.end <= analysedText.length ? analysedText.slice(node.start, node.end) : null;
  try {
    return (written ?? j(node).toSource()).replace(/\s+/g, ' ').slice(0, 60);
  } catch {
    return 'resource';
  }
}
/**
 * The release as a disposer or a helper makes it: `client.release()`, or for a release that takes the
 * resource the call as the code wrote it (`pool.releaseConnection(conn)`, `fs.closeSync(fd)`).
 */
export function releaseCallText(lc: Lifecycle): string {
  const site = lc.release.argumentOf ? lc.releases.find((r) => r.method === lc.release.method) : undefined;
  if (!site) return `${lc.name}.${lc.release.method}(${lc.releaseArgs})`;
  return `${j(site.call.node.callee).toSource()}(${lc.name})`;
}
export function refused(lc: Lifecycle, r: Refusal): Lifecycle {
  lc.verdict = { fix: false, reasonId: r.reasonId, detail: r.detail, method: r.method };
  if (r.at) {
    const { line, column } = lineColumn(r.at);
    if (line) {
      lc.line = line;
      lc.column = column;
    }
  }
  return lc;
}
export function withVerdict(lc: Lifecycle, run: () => boolean | void): Lifecycle | null {
  try {
    const keep = run();
    if (keep === false) return null;
    return lc;
  } catch (e) {
    if (e instanceof Refuse) return refused(lc, { ...e.refusal, at: undefined });
    if (e instanceof NotALifecycle) return null;
    throw e;
  }
}
export interface Classified {
  releases: ReleaseSite[];
  uses: Path[];
  transactionBegins: Path[];
  rollbacks: Path[];
  guardRefs: Set<Node>;
  /** Given to other code (an awaited call's argument) or read as a property (`qr.manager`): what that code
   * does with it (start a transaction, say) is not visible here. */
  handedOut: boolean;
}
