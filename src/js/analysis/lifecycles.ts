// The lifecycle finder: one model of every acquire → use → release it sees, with a verdict. Emitters turn
// fixable lifecycles into edits; reports come from the same model, so a finding's reason can never
// disagree with what the rewrite did.
import jscodeshift from 'jscodeshift';
import type { Catalog, Kind, LibrarySpec, ReleaseSpec, ResourceSpec } from '../../catalog/js';
import { LIBRARIES } from '../../catalog/js';
import { factKey, type FileTypeFacts, type TypeFact } from '../checker/typeFacts';
import {
  bindingOwner,
  bindingOwnerPath,
  collectPaths,
  containsAwait,
  declaredNames,
  enclosingFunction,
  isFunction,
  isInside,
  isPure,
  isValueReference,
  lineColumn,
  type Node,
  type Path,
  unwrapExpression,
  walk,
} from './ast';
import { Provenance } from './provenance';
import type { ReasonId } from './reasons';

const j = jscodeshift;

export interface ReleaseSite {
  /** The statement that is removed: the call's statement, or an `if (x)` guard around it. */
  statement: Path;
  call: Path;
  method: string;
  awaited: boolean;
  role: 'final' | 'finally' | 'exit';
}

export interface Lifecycle {
  kind: Kind;
  resource: ResourceSpec;
  library: string;
  /** Variable name, or the acquire's source text when it has none. */
  name: string;
  line: number;
  column: number;
  acquire: Path;
  /** `const x = acquire()` (declaration) or `let x; try { x = acquire() … } finally { … }`. */
  form: 'declaration' | 'assigned-in-try';
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
  /** `await x.connect()` right after the acquire: release is guaranteed only once it succeeded. */
  connectStatement?: Node;
  /**
   * The code already releases on every path: the acquire (or its connect step) is followed at once by a try
   * whose finally releases, or it is `let x; try { x = acquire() … } finally { release }`.
   */
  alreadySafe: boolean;
  verdict: { fix: true } | { fix: false; reasonId: ReasonId; detail?: string; method?: string };
}

type Refusal = { reasonId: ReasonId; detail?: string; method?: string; at?: Node };

class Refuse extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reasonId);
  }
}

function refuse(reasonId: ReasonId, extra: Omit<Refusal, 'reasonId'> = {}): never {
  throw new Refuse({ reasonId, ...extra });
}

/** Not a per-call lifecycle at all (a resource the process keeps until it shuts down): no finding. */
class NotALifecycle extends Error {}

const STATEMENT_LIST_OWNERS = new Set(['BlockStatement', 'Program', 'StaticBlock']);
const LOOP_TYPES = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);
const PASS_THROUGH = new Set([
  'AwaitExpression',
  'TSAsExpression',
  'TSNonNullExpression',
  'TSSatisfiesExpression',
  'TSTypeAssertion',
  'ParenthesizedExpression',
]);

/** Climb through `await`, parentheses and casts. */
function outermost(p: Path): Path {
  let cur = p;
  while (cur.parent && PASS_THROUGH.has(cur.parent.node.type)) cur = cur.parent;
  return cur;
}

function isAsyncContext(block: Path): boolean {
  const fn = enclosingFunction(block);
  if (!fn) return false;
  if (fn.node.type === 'Program') return true; // top-level await: checked separately
  return !!fn.node.async;
}

/** Index of the statement of `block` that contains `p`, or -1. */
function topIndex(p: Path, block: Path): number {
  let cur: Path | null = p;
  while (cur && cur.parent && cur.parent.node !== block.node) cur = cur.parent;
  if (!cur || !cur.parent) return -1;
  return typeof cur.name === 'number' ? cur.name : -1;
}

/** The nearest function between `p` and `stop` (exclusive), outermost first. */
function closureBetween(p: Path, stop: Node): Path | null {
  let found: Path | null = null;
  for (let cur: Path | null = p.parent; cur && cur.node !== stop; cur = cur.parent) {
    if (isFunction(cur.node)) found = cur;
  }
  return found;
}

/**
 * A closure that cannot outlive the scope: an argument of a call that is awaited right there
 * (`await Promise.all(rows.map(r => client.query(...)))`).
 */
function closureIsAwaitedArgument(fn: Path): boolean {
  let cur: Path | null = fn.parent;
  let sawCall = false;
  while (cur) {
    const t = cur.node.type;
    if (t === 'AwaitExpression') return sawCall;
    if (t === 'CallExpression' || t === 'OptionalCallExpression') sawCall = true;
    // `await new Promise((resolve) => …)`: the executor runs at once, and the await waits for it to settle.
    else if (t === 'NewExpression' && cur.node.callee.type === 'Identifier' && cur.node.callee.name === 'Promise') sawCall = true;
    else if (!['MemberExpression', 'OptionalMemberExpression', 'ArrayExpression', 'SpreadElement', ...PASS_THROUGH].includes(t)) return false;
    cur = cur.parent;
  }
  return false;
}

/** `x`, `x != null`, `x !== undefined`, `x !== null`, `x != undefined` */
function isPresenceGuard(test: Node, name: string): boolean {
  const t = unwrapExpression(test);
  if (t.type === 'Identifier') return t.name === name;
  if (t.type === 'BinaryExpression' && (t.operator === '!=' || t.operator === '!==')) {
    const [a, b] = [unwrapExpression(t.left), unwrapExpression(t.right)];
    const isNullish = (n: Node) => n.type === 'NullLiteral' || (n.type === 'Identifier' && n.name === 'undefined');
    return (a.type === 'Identifier' && a.name === name && isNullish(b)) || (b.type === 'Identifier' && b.name === name && isNullish(a));
  }
  return false;
}

/** Statement that consists of nothing but this release call (possibly awaited, possibly guarded). */
function releaseStatement(call: Path, name: string): { statement: Path; awaited: boolean } | null {
  let cur = call;
  let awaited = false;
  while (cur.parent && PASS_THROUGH.has(cur.parent.node.type)) {
    if (cur.parent.node.type === 'AwaitExpression') awaited = true;
    cur = cur.parent;
  }
  if (!cur.parent || cur.parent.node.type !== 'ExpressionStatement') return null;
  let statement: Path = cur.parent;
  // `if (x) x.release();` / `if (x) { x.release(); }`
  const parent = statement.parent;
  if (parent?.node.type === 'BlockStatement' && parent.node.body.length === 1) {
    const ifPath = parent.parent;
    if (ifPath?.node.type === 'IfStatement' && ifPath.node.consequent === parent.node && !ifPath.node.alternate && isPresenceGuard(ifPath.node.test, name)) {
      statement = ifPath;
    }
  } else if (parent?.node.type === 'IfStatement' && parent.node.consequent === statement.node && !parent.node.alternate && isPresenceGuard(parent.node.test, name)) {
    statement = parent;
  }
  return { statement, awaited };
}

function isStatementList(p: Path): boolean {
  return Array.isArray(p.parentPath?.value) && (STATEMENT_LIST_OWNERS.has(p.parent?.node.type) || p.parent?.node.type === 'SwitchCase');
}

function sqlText(arg: Node): string | null {
  if (!arg) return null;
  if (arg.type === 'StringLiteral') return arg.value;
  if (arg.type === 'TemplateLiteral' && arg.expressions.length === 0) return arg.quasis[0].value.cooked;
  return null;
}

/** SQL text that opens a transaction (also what pooledBegin looks for on a pool). */
export const BEGIN_SQL = /^\s*(BEGIN|START\s+TRANSACTION)\b/i;
const ROLLBACK_SQL = /^\s*ROLLBACK\b/i;

function callInfo(ref: Path): { member: Path; call: Path | null; method: string | null } | null {
  const parent = ref.parent;
  if (!parent) return null;
  const t = parent.node.type;
  if ((t === 'MemberExpression' || t === 'OptionalMemberExpression') && ref.name === 'object') {
    const method = !parent.node.computed && parent.node.property.type === 'Identifier' ? parent.node.property.name : null;
    const gp = parent.parent;
    const call = gp && (gp.node.type === 'CallExpression' || gp.node.type === 'OptionalCallExpression') && gp.node.callee === parent.node ? gp : null;
    return { member: parent, call, method };
  }
  return null;
}

/** Can control reach the end of this statement? (Only simple, certain cases say no.) */
function alwaysExits(s: Node): boolean {
  if (!s) return false;
  switch (s.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
      return true;
    case 'BlockStatement':
      return s.body.length > 0 && s.body.some(alwaysExits);
    case 'IfStatement':
      return !!s.alternate && alwaysExits(s.consequent) && alwaysExits(s.alternate);
    case 'TryStatement':
      return (s.finalizer && alwaysExits(s.finalizer)) || (alwaysExits(s.block) && (!s.handler || alwaysExits(s.handler.body)));
    default:
      return false;
  }
}

/** Would a `return`/`throw`/`break`/`continue` at `exit` leave `block` without running anything else first? */
function exitLeaves(exit: Path, block: Node): boolean {
  const node = exit.node;
  const isThrow = node.type === 'ThrowStatement';
  let target: Node | null = null;
  if (node.type === 'BreakStatement' || node.type === 'ContinueStatement') {
    for (let cur: Path | null = exit.parent; cur; cur = cur.parent) {
      const t = cur.node.type;
      if (node.label) {
        if (t === 'LabeledStatement' && cur.node.label.name === node.label.name) {
          target = cur.node;
          break;
        }
      } else if (LOOP_TYPES.has(t) || (node.type === 'BreakStatement' && t === 'SwitchStatement')) {
        target = cur.node;
        break;
      }
      if (isFunction(cur.node)) break;
    }
    if (!target) return false;
  }
  let child: Path = exit;
  for (let cur: Path | null = exit.parent; cur; cur = cur.parent) {
    if (cur.node === block) return true;
    if (target && cur.node === target) return false; // the jump lands inside the block
    if (cur.node.type === 'TryStatement') {
      const fromBlock = child.node === cur.node.block;
      const fromHandler = !!cur.node.handler && child.node === cur.node.handler;
      if (cur.node.finalizer && (fromBlock || fromHandler)) return false; // a finally would run in between
      if (fromBlock && isThrow && cur.node.handler) return false; // caught before leaving
    }
    if (isFunction(cur.node)) return false;
    child = cur;
  }
  return false;
}

export interface FinderContext {
  catalog: Catalog;
  file: string;
  provenance: Provenance;
  /** What the checker said about calls in this file (type-aware mode), keyed by start offset. */
  typeFacts?: FileTypeFacts;
}

const GENERIC_RELEASES = ['close', 'end', 'release', 'dispose', 'destroy', 'disconnect', 'quit'];

/** A resource known only by its type's disposer (a library the catalogue does not list). */
function disposableResource(fact: TypeFact, typeName: string): { kind: Kind; resource: ResourceSpec } {
  const pkg = fact.package ?? 'unknown';
  const lib = { library: pkg, packageName: pkg, modules: {}, methods: {}, resources: [] } as LibrarySpec;
  const resource: ResourceSpec = {
    kind: typeName,
    noun: 'resource',
    release: GENERIC_RELEASES.map((method) => ({ method, async: fact.dispose === 'async' })),
    native: { since: '0.0.0', dispose: fact.dispose!, sameAs: GENERIC_RELEASES },
  };
  lib.resources.push(resource);
  return { kind: { lib, name: typeName }, resource };
}

interface Candidate {
  acquire: Path;
  kind: Kind;
  resource: ResourceSpec;
  /** From the checker: the result's own disposer (`null`: type known, none). Undefined without types. */
  typeDispose?: 'async' | 'sync' | null;
}

/** A readable name for what an unknown-library call makes: `new Foo()` → Foo, `openFoo()` → openFoo. */
function sourceTypeName(node: Node): string {
  const callee = unwrapExpression(node.callee);
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed) return callee.property.name;
  return 'resource';
}

/** Can this call acquire at all? A method call only when the catalogue lists its name (method, static, export). */
function mayAcquire(node: Node, catalog: Catalog): boolean {
  const callee = unwrapExpression(node.callee);
  // A plain name may be a local alias (`import Sqlite from 'better-sqlite3'`): always look it up.
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return true;
  return callee.computed || catalog.acquireNames().has(callee.property.name);
}

/** Every acquire expression of a catalogue resource in the file. */
function findAcquires(root: Path, ctx: FinderContext): Candidate[] {
  const out: Candidate[] = [];
  const consider = (p: Path) => {
    const node = p.node;
    // In a chain (`createClient().connect()`), the outer call is the acquire.
    const parent = p.parent?.node;
    if ((parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.object === node) {
      const gp = p.parent.parent?.node;
      if (gp && (gp.type === 'CallExpression' || gp.type === 'OptionalCallExpression') && gp.callee === parent) {
        const outer = ctx.provenance.expr(p.parent.parent);
        const inner = ctx.provenance.expr(p);
        if (outer?.t === 'instance' && inner?.t === 'instance' && outer.kind.name === inner.kind.name && outer.kind.lib === inner.kind.lib) return;
      }
    }
    const fact = ctx.typeFacts?.calls[factKey(node)];
    if (fact) {
      // The checker's word wins: a wrapper's PoolClient is found, a look-alike `.release()` is dropped.
      if (fact.selfReturn) return;
      if (fact.kind && fact.library) {
        const lib = ctx.catalog.libraries.find((l) => l.library === fact.library) ?? LIBRARIES.find((l) => l.library === fact.library);
        const kind = lib ? { lib, name: fact.kind } : null;
        const resource = kind ? ctx.catalog.resource(kind) : undefined;
        if (kind && resource) out.push({ acquire: p, kind, resource, typeDispose: fact.dispose ?? null });
        return;
      }
      if (fact.dispose && fact.package) {
        const calleeName = sourceTypeName(node);
        out.push({ acquire: p, ...disposableResource(fact, calleeName), typeDispose: fact.dispose });
      }
      return;
    }
    const value = ctx.provenance.expr(p);
    if (value?.t !== 'instance') return;
    const resource = ctx.catalog.resource(value.kind);
    if (!resource) return;
    if (node.type !== 'NewExpression') {
      // `client.connect()` returning the client itself is not a new acquisition.
      const callee = unwrapExpression(node.callee);
      if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
        const recv = unwrapExpression(callee.object);
        if (recv.type !== 'CallExpression' && recv.type !== 'NewExpression' && recv.type !== 'AwaitExpression') {
          const rv = ctx.provenance.expr(p.get('callee').get('object'));
          if (rv?.t === 'instance' && rv.kind.name === value.kind.name && rv.kind.lib === value.kind.lib) return;
        }
      }
    }
    out.push({ acquire: p, kind: value.kind, resource });
  };
  // One traversal for both kinds, and only calls whose callee could name an acquire get a provenance query.
  const calls = collectPaths(
    root,
    (n: Node) => (n.type === 'CallExpression' || n.type === 'NewExpression') && (!!ctx.typeFacts?.calls[factKey(n)] || mayAcquire(n, ctx.catalog)),
  );
  for (const p of calls) consider(p);
  return out.sort((a, b) => (a.acquire.node.start ?? 0) - (b.acquire.node.start ?? 0));
}

/** Build the lifecycle model for every acquire in the file. Already-managed resources are skipped. */
export function findLifecycles(root: Path, ctx: FinderContext): Lifecycle[] {
  const result: Lifecycle[] = [];
  for (const c of findAcquires(root, ctx)) {
    const lc = analyse(c, ctx);
    if (lc) result.push(lc);
  }
  return result;
}

function baseLifecycle(c: Candidate, name: string): Lifecycle {
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
    verdict: { fix: true },
  };
}

function sourceText(node: Node): string {
  try {
    return j(node).toSource().replace(/\s+/g, ' ').slice(0, 60);
  } catch {
    return 'resource';
  }
}

function analyse(c: Candidate, ctx: FinderContext): Lifecycle | null {
  const lc = analyseCandidate(c, ctx);
  // Code that already releases in a finally around all its work leaks nothing: if no style can restate it,
  // there is nothing to report either (a report would fail `--check` on correct code).
  if (lc && !lc.verdict.fix && releasedInFinally(c, lc.name)) {
    // …except that a pooled connection goes back with a transaction the failure path never rolled back.
    if (lc.verdict.reasonId === 'transaction-unprotected' && lc.resource.releaseKeepsTransaction) {
      return refused(lc, { reasonId: 'transaction-no-rollback' });
    }
    return null;
  }
  // A value known only by its type's disposer (a Node timer, a library the catalogue does not list) is a
  // lifecycle only when the code releases it by hand: anything else is no leak of ours to report.
  if (lc && c.kind.lib.resources.length === 1 && Object.keys(c.kind.lib.modules).length === 0) {
    if (lc.verdict.fix || lc.releases.length > 0 || lc.verdict.reasonId === 'release-with-argument') return lc;
    return hasReleaseCall(c, lc) ? lc : null;
  }
  return lc;
}

/**
 * The classic safe shapes: `const x = acquire(); [await x.connect();] try { … } finally { x.release() }` or
 * `let x; try { x = acquire(); … } finally { if (x) x.release() }` (an unconditional release in the finally).
 */
function releasedInFinally(c: Candidate, name: string): boolean {
  const top = outermost(c.acquire);
  let tryNode: Node | null = null;
  const holder = top.parent?.node.type === 'VariableDeclarator' ? top.parent.parent : top.parent?.node.type === 'AssignmentExpression' ? top.parent.parent : null;
  if (!holder || !Array.isArray(holder.parentPath?.value)) return false;
  const list: Node[] = holder.parentPath.value;
  const i = list.indexOf(holder.node);
  if (holder.node.type === 'VariableDeclaration') {
    let next = list[i + 1];
    if (next && isConnectStatement(next, name)) next = list[i + 2];
    if (next?.type === 'TryStatement') tryNode = next;
  } else {
    const block = holder.parent;
    if (block?.parent?.node.type === 'TryStatement' && block.parent.node.block === block.node) tryNode = block.parent.node;
  }
  if (!tryNode?.finalizer) return false;
  const methods = new Set(c.resource.release.map((r) => r.method));
  return tryNode.finalizer.body.some((st: Node) => isReleaseOf(st, name, methods));
}

/**
 * `await x.connect()` after the acquire, with only synchronous setup calls on `x` before it
 * (`client.on('error', …)`): the release is owed only once that succeeded.
 */
function connectStep(lc: Lifecycle): Node | null {
  const body: Node[] = lc.block.node.body;
  for (let i = body.indexOf(lc.statement.node) + 1; i < body.length; i++) {
    const st = body[i];
    if (isConnectStatement(st, lc.name, lc.resource.connect)) return st;
    const e = st.type === 'ExpressionStatement' ? st.expression : null;
    const setup =
      e?.type === 'CallExpression' &&
      e.callee.type === 'MemberExpression' &&
      e.callee.object.type === 'Identifier' &&
      e.callee.object.name === lc.name &&
      !lc.resource.release.some((r) => r.method === e.callee.property.name);
    if (!setup) return null;
  }
  return null;
}

/** `await x.connect(…);` */
function isConnectStatement(s: Node, name: string, method = 'connect'): boolean {
  if (s?.type !== 'ExpressionStatement' || s.expression.type !== 'AwaitExpression') return false;
  const e = s.expression.argument;
  return e.type === 'CallExpression' && e.callee.type === 'MemberExpression' && e.callee.object.type === 'Identifier' && e.callee.object.name === name && e.callee.property.name === method;
}

/**
 * `x.release();`, `await x.end();`, `x?.release();`, `if (x) x.release();` with no arguments — also inside a
 * `try { … } catch { … }` of its own that only guards the release's own failure.
 */
function isReleaseOf(s: Node, name: string, methods: Set<string>): boolean {
  if (s?.type === 'IfStatement' && !s.alternate && isPresenceGuard(s.test, name)) {
    const inner = s.consequent.type === 'BlockStatement' && s.consequent.body.length === 1 ? s.consequent.body[0] : s.consequent;
    return isReleaseOf(inner, name, methods);
  }
  if (s?.type === 'TryStatement' && s.block.body.length === 1 && !s.finalizer) return isReleaseOf(s.block.body[0], name, methods);
  if (s?.type !== 'ExpressionStatement') return false;
  const e = s.expression.type === 'AwaitExpression' ? s.expression.argument : s.expression;
  if ((e.type !== 'CallExpression' && e.type !== 'OptionalCallExpression') || e.arguments.length > 0) return false;
  const callee = e.callee;
  return (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && callee.object.type === 'Identifier' && callee.object.name === name && methods.has(callee.property?.name);
}

/** Is any release-named method called on the resource's variable in its function? */
function hasReleaseCall(c: Candidate, lc: Lifecycle): boolean {
  const methods = new Set(c.resource.release.map((r) => r.method));
  const fn = enclosingFunction(c.acquire);
  return collectPaths(fn, (n: Node) => {
    const callee = n.type === 'CallExpression' ? unwrapExpression(n.callee) : null;
    return !!callee && (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && callee.object.type === 'Identifier' && callee.object.name === lc.name && methods.has(callee.property?.name);
  }).length > 0;
}

function analyseCandidate(c: Candidate, ctx: FinderContext): Lifecycle | null {
  const top = outermost(c.acquire);
  const parent = top.parent;
  const pn = parent?.node;
  // Our own output, or a stack adapter: already managed.
  if (pn?.type === 'CallExpression' && pn.callee.type === 'MemberExpression' && ['adopt', 'use'].includes(pn.callee.property?.name)) return null;
  if (pn?.type === 'ArrowFunctionExpression' && top.name === 'body' && isHelperThunk(parent)) return null;
  // `withSession(async () => { const c = new Client(); await c.connect(); return c; }, …)`: our thunk too.
  const fn = enclosingFunction(c.acquire);
  if (fn.node.type === 'ArrowFunctionExpression' && isHelperThunk(fn)) return null;

  if (pn?.type === 'VariableDeclarator' && top.name === 'init') {
    const declaration = parent.parent;
    if (declaration.node.kind === 'using' || declaration.node.kind === 'await using') return null;
    if (pn.id.type !== 'Identifier') {
      return refused(baseLifecycle(c, sourceText(pn.id)), { reasonId: 'unsupported-position', detail: 'a destructuring declaration' });
    }
    const lc = baseLifecycle(c, pn.id.name);
    if (declaration.node.declarations.length !== 1) return refused(lc, { reasonId: 'unsupported-position', detail: 'a declaration of several variables' });
    if (!isStatementList(declaration) || declaration.parent.node.type === 'SwitchCase') {
      const where = declaration.parent?.node.type === 'ExportNamedDeclaration' ? 'an exported declaration' : declaration.parent?.node.type === 'SwitchCase' ? 'a switch case' : 'a declaration outside a block';
      // A module-level export lives as long as the process: not a per-call lifecycle.
      if (declaration.parent?.node.type === 'ExportNamedDeclaration') return null;
      return refused(lc, { reasonId: 'unsupported-position', detail: where });
    }
    lc.statement = declaration;
    lc.block = declaration.parent;
    return withVerdict(lc, () => analyseDeclared(lc, ctx));
  }
  if (pn?.type === 'AssignmentExpression' && top.name === 'right') {
    if (pn.left.type === 'Identifier') {
      const lc = baseLifecycle(c, pn.left.name);
      return withVerdict(lc, () => analyseAssignedInTry(lc, parent, ctx));
    }
    // `req.db = await pool.connect()`: a request-scoped session, which pool-lifecycle handles.
    if (isRequestScoped(pn.left)) return null;
    // `global.cache = createClient()` while the module loads: kept for the process.
    if (runsOnceAtLoad(parent)) return null;
    const lc = baseLifecycle(c, sourceText(pn.left));
    return refused(lc, { reasonId: 'stored-in-field' });
  }
  const lc = baseLifecycle(c, sourceText(c.acquire.node));
  // `pool.connect((err, client, done) => …)`, `pool.getConnection().then((conn) => …)`: the resource lives in
  // a callback's parameter, a lifecycle of its own shape that this finder does not follow: no finding.
  const last = c.acquire.node.arguments?.[c.acquire.node.arguments.length - 1];
  if (last && isFunction(last)) return null;
  if ((pn?.type === 'MemberExpression' || pn?.type === 'OptionalMemberExpression') && pn.object === top.node && !pn.computed && pn.property.name === 'then') return null;
  // `return pool.connect()`, `() => createConnection(…)`: a factory hands the resource to its caller.
  if (pn?.type === 'ReturnStatement' || (pn?.type === 'ArrowFunctionExpression' && top.name === 'body')) return null;
  if (pn?.type === 'CallExpression' || pn?.type === 'NewExpression') return refused(lc, { reasonId: 'passed-to-function' });
  if (pn?.type === 'ObjectProperty' || pn?.type === 'ArrayExpression') return refused(lc, { reasonId: 'stored-in-object' });
  if (pn?.type === 'ClassProperty' || pn?.type === 'PropertyDefinition') return null; // a long-lived field: other transforms
  return refused(lc, { reasonId: 'not-stored' });
}

const REQUEST_OBJECTS = new Set(['req', 'request', 'ctx', 'context', 'res', 'reply']);

/** `req.db`, `res.locals.db`, `ctx.state.db`, `request.db`: per-request state of a web framework. */
function isRequestScoped(target: Node): boolean {
  let n = target;
  while (n.type === 'MemberExpression' || n.type === 'TSNonNullExpression') n = n.type === 'MemberExpression' ? n.object : n.expression;
  return n !== target && n.type === 'Identifier' && REQUEST_OBJECTS.has(n.name);
}

function isInUsingDeclaration(ref: Path): boolean {
  for (let p: Path | null = ref.parent; p; p = p.parent) {
    // The first declaration around the reference decides (an adapter's disposer is a closure inside it).
    if (p.node.type === 'VariableDeclaration') return p.node.kind === 'using' || p.node.kind === 'await using';
  }
  return false;
}

/** `withSession(() => acquire(), (x) => release, async (x) => …)`: the thunk of a callback helper. */
function isHelperThunk(arrow: Path): boolean {
  const call = arrow.parent?.node;
  if (!call || call.type !== 'CallExpression' || arrow.name !== 0) return false;
  const callee = unwrapExpression(call.callee);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? callee.property?.name : '';
  if (/withSession/i.test(name ?? '')) return true;
  return call.arguments.length === 3 && call.arguments.slice(1).every((a: Node) => isFunction(a));
}

function refused(lc: Lifecycle, r: Refusal): Lifecycle {
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

function withVerdict(lc: Lifecycle, run: () => boolean | void): Lifecycle | null {
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

/** References to the variable declared in `owner` (a block) within `scopeRoot`. */
function referencesOf(name: string, owner: Node, scopeRoot: Path, exclude: Set<Node>): Path[] {
  const refs: Path[] = [];
  const seen = new Set<number>();
  for (const path of collectPaths(scopeRoot, (n: Node) => n.type === 'Identifier' && n.name === name)) {
    if (exclude.has(path.node)) continue;
    if (!isValueReference(path)) continue;
    if (bindingOwner(path, name) !== owner) continue;
    const key = path.node.start ?? -1;
    if (key >= 0 && seen.has(key)) continue;
    seen.add(key);
    refs.push(path);
  }
  return refs;
}

interface Classified {
  releases: ReleaseSite[];
  uses: Path[];
  transactionBegins: Path[];
  rollbacks: Path[];
  guardRefs: Set<Node>;
  /** Given to other code (an awaited call's argument) or read as a property (`qr.manager`): what that code
   * does with it (start a transaction, say) is not visible here. */
  handedOut: boolean;
}

/** Sort every reference into release, use or a refusal. `scopeBlock` is the block the resource lives in. */
function classify(lc: Lifecycle, refs: Path[], owner: Node): Classified {
  const out: Classified = { releases: [], uses: [], transactionBegins: [], rollbacks: [], guardRefs: new Set(), handedOut: false };
  const releaseMethods = new Set(lc.resource.release.map((r) => r.method));
  const tx = lc.resource.transactions;
  // Releases first, so that `if (x)` guards around them are known before the guard's own reference.
  for (const ref of refs) {
    const info = callInfo(ref);
    if (!info?.call || !info.method || !releaseMethods.has(info.method)) continue;
    const closure = closureBetween(ref, owner);
    if (closure) {
      // Closed when the process shuts down: a resource kept for the process, not a leak of one call.
      if (isShutdownHook(closure)) throw new NotALifecycle();
      if (isCallbackArgument(closure)) refuse('released-in-callback', { at: ref.node });
      // A module's client that a function uses and closes in its finally (a script's run(), a seeder):
      // released on every path of that function, so nothing to report.
      if (owner.type === 'Program' && inFinally(releaseStatement(info.call, lc.name)?.statement)) throw new NotALifecycle();
      refuse('released-in-other-function', { at: ref.node, detail: functionLabel(closure) });
    }
    const st = releaseStatement(info.call, lc.name);
    if (!st) refuse('release-result-used', { method: info.method, at: ref.node });
    if (st.statement.node.type === 'IfStatement') out.guardRefs.add(unwrapExpression(st.statement.node.test));
    out.releases.push({ statement: st.statement, call: info.call, method: info.method, awaited: st.awaited, role: 'exit' });
  }
  const isGuardRef = (ref: Path) => {
    for (const g of out.guardRefs) {
      if (g === ref.node) return true;
      if (g.type === 'BinaryExpression' && (g.left === ref.node || g.right === ref.node)) return true;
    }
    return false;
  };
  for (const ref of refs) {
    const info = callInfo(ref);
    if (info?.call && info.method && releaseMethods.has(info.method)) continue;
    if (isGuardRef(ref)) continue;
    const closure = closureBetween(ref, owner);
    if (closure && !closureIsAwaitedArgument(closure)) refuse('used-in-closure', { at: ref.node });
    if (info) {
      if (info.call && info.method && tx) {
        const sql = tx.sqlMethod === info.method ? sqlText(info.call.node.arguments[0]) : null;
        if (tx.begin.includes(info.method) || (sql && BEGIN_SQL.test(sql))) out.transactionBegins.push(info.call);
        if (tx.rollback.includes(info.method) || (sql && ROLLBACK_SQL.test(sql))) out.rollbacks.push(info.call);
      }
      if (!info.call) out.handedOut = true; // `qr.manager`, `client.connection`: a handle to the same resource
      out.uses.push(ref);
      continue;
    }
    const parent = ref.parent.node;
    const field = ref.name;
    switch (parent.type) {
      case 'ReturnStatement':
        // A factory: the caller owns it from here. Only work between the acquire and the hand-off, which can
        // throw and leave it with nobody, makes it a leak of this function.
        if (out.releases.length === 0) {
          if (handedOverAtOnce(lc, ref.parent)) throw new NotALifecycle();
          refuse('returned-after-work', { at: ref.node });
        }
        refuse('returned', { at: ref.node });
        break;
      case 'ArrowFunctionExpression':
        refuse(field === 'body' ? 'returned' : 'used-in-closure', { at: ref.node });
        break;
      case 'YieldExpression':
        refuse('returned', { at: ref.node });
        break;
      case 'CallExpression':
      case 'OptionalCallExpression': {
        if (field === 'callee') refuse('not-stored', { at: ref.node });
        // Logging, asserting or printing it keeps nothing: a use like any other.
        if (keepsNoArgument(parent)) {
          out.uses.push(ref);
          break;
        }
        // (A closure here was already checked to be an awaited argument itself.)
        if (!isAwaitedChain(ref.parent)) refuse('passed-to-function', { at: ref.node });
        out.handedOut = true;
        out.uses.push(ref);
        break;
      }
      case 'NewExpression':
        refuse('passed-to-function', { at: ref.node });
        break;
      case 'TaggedTemplateExpression': {
        // postgres.js: ``reserved`SELECT …` `` is a query on the resource, like a method call.
        if (field !== 'tag') refuse('passed-to-function', { at: ref.node });
        const sql = tx?.sqlTag && parent.quasi.expressions.length === 0 ? parent.quasi.quasis[0].value.cooked : null;
        if (sql && BEGIN_SQL.test(sql)) out.transactionBegins.push(ref.parent);
        if (sql && ROLLBACK_SQL.test(sql)) out.rollbacks.push(ref.parent);
        out.uses.push(ref);
        break;
      }
      case 'AssignmentExpression':
        if (field === 'left') refuse('reassigned', { at: ref.node });
        // Handed to the whole program while the module loads (`global.cache = client`): kept for the process.
        if (parent.left.type !== 'Identifier' && runsOnceAtLoad(ref)) throw new NotALifecycle();
        refuse(parent.left.type === 'Identifier' ? 'aliased' : 'stored-in-field', { at: ref.node });
        break;
      case 'VariableDeclarator':
        refuse('aliased', { at: ref.node });
        break;
      case 'ObjectProperty':
      case 'Property':
      case 'ArrayExpression':
      case 'SpreadElement':
        // `{ session }` in the options of an awaited call (`await coll.updateOne(q, u, { session })`) is a use.
        if (isAwaitedArgumentLiteral(ref)) {
          out.handedOut = true;
          out.uses.push(ref);
          break;
        }
        refuse('stored-in-object', { at: ref.node });
        break;
      case 'TemplateLiteral':
        refuse('passed-to-function', { at: ref.node });
        break;
      case 'UpdateExpression':
        refuse('reassigned', { at: ref.node });
        break;
      case 'IfStatement':
      case 'UnaryExpression':
      case 'BinaryExpression':
      case 'LogicalExpression':
      case 'ConditionalExpression':
      case 'ExpressionStatement':
      case 'AwaitExpression':
      case 'TSNonNullExpression':
      case 'TSAsExpression':
        if ((parent.type === 'LogicalExpression' || parent.type === 'ConditionalExpression') && field !== 'test' && field !== 'left') {
          refuse('aliased', { at: ref.node });
        }
        out.uses.push(ref);
        break;
      default:
        refuse('stored-in-object', { at: ref.node });
    }
  }
  return out;
}

/** Is `ref` inside object/array literals that are themselves an argument of a call awaited right there? */
function isAwaitedArgumentLiteral(ref: Path): boolean {
  let cur: Path = ref;
  while (cur.parent && ['ObjectProperty', 'Property', 'ObjectExpression', 'ArrayExpression', 'SpreadElement'].includes(cur.parent.node.type)) {
    cur = cur.parent;
  }
  const call = cur.parent;
  if (!call || (call.node.type !== 'CallExpression' && call.node.type !== 'OptionalCallExpression') || cur.name === 'callee') return false;
  return isAwaitedChain(call);
}

/**
 * A call whose result is awaited right there, directly or at the end of a method chain
 * (`await coll.find(q, { session }).sort(s).toArray()`): whatever it was given is done with by then.
 */
function isAwaitedChain(call: Path): boolean {
  const unwrapped = (p: Path) => {
    let c = p;
    while (c.parent && c.parent.node.type !== 'AwaitExpression' && PASS_THROUGH.has(c.parent.node.type)) c = c.parent;
    return c;
  };
  let cur = unwrapped(call);
  for (;;) {
    const parent = cur.parent;
    if (!parent) return false;
    if (parent.node.type === 'AwaitExpression') return true;
    const t = parent.node.type;
    if ((t === 'MemberExpression' || t === 'OptionalMemberExpression') && cur.name === 'object') {
      const gp = parent.parent;
      if (gp && (gp.node.type === 'CallExpression' || gp.node.type === 'OptionalCallExpression') && parent.name === 'callee') {
        cur = unwrapped(gp);
        continue;
      }
    }
    return false;
  }
}

/** `const x = acquire(); … release` in one block. */
function analyseDeclared(lc: Lifecycle, ctx: FinderContext): boolean | void {
  const block = lc.block;
  const fn = enclosingFunction(block);
  const declarator = lc.statement.node.declarations[0];
  const refs = referencesOf(lc.name, block.node, fn, new Set([declarator.id]));
  if (refs.some(isInUsingDeclaration)) return false; // a disposer already releases it (our own adapter)
  // `req.db = client`: the request owns it from here on; pool-lifecycle handles request scope.
  if (refs.some((r) => r.parent?.node.type === 'AssignmentExpression' && r.name === 'right' && isRequestScoped(r.parent.node.left))) return false;
  // A resource declared at module level with no release in the module is a long-lived client, not a lifecycle.
  if (block.node.type === 'Program' && !refs.some((r) => (callInfo(r)?.method ?? '') && lc.resource.release.some((s) => s.method === callInfo(r)?.method))) {
    return false;
  }
  const classified = classify(lc, refs, block.node);
  finishAnalysis(lc, classified, refs, ctx);
}

/** `let x; try { x = acquire(); … } finally { x?.release(); }` */
function analyseAssignedInTry(lc: Lifecycle, assignment: Path, ctx: FinderContext): boolean | void {
  const statement = assignment.parent;
  if (statement?.node.type !== 'ExpressionStatement') refuse('not-stored');
  const leftPath: Path = assignment.get('left');
  const ownerAt = bindingOwnerPath(leftPath, lc.name);
  const owner = ownerAt?.node ?? null;
  if (!ownerAt || !owner) refuse('stored-in-field');
  const methods = new Set(lc.resource.release.map((r) => r.method));
  // A module's variable set inside a function: a resource the module keeps between calls.
  if (owner.type === 'Program' && enclosingFunction(assignment).node.type !== 'Program') moduleVariable(lc, assignment, ownerAt, methods);
  // Nothing releases it anywhere: that is what to say, whatever the shape.
  if (releaseCallsOf(ownerAt, lc.name, methods).length === 0) refuse('never-released');
  // What the code does with it (releases it in another function, hands it on) says more than its shape.
  const everyRef = referencesOf(lc.name, owner, enclosingFunction(ownerAt), new Set([assignment.node.left]));
  classify(lc, everyRef.filter((r) => !(r.parent?.node.type === 'VariableDeclarator' && r.name === 'id')), owner);
  // Already released by the finally of the try that acquires it (any shape): safe, nothing to say.
  const holder = statement.parent?.parent;
  if (holder?.node.type === 'TryStatement' && holder.node.block === statement.parent.node && holder.node.finalizer?.body.some((st: Node) => isReleaseOf(st, lc.name, methods))) {
    if (holder.parent?.node !== owner) throw new NotALifecycle();
  }
  // A variable given a value once, in a shape other than the one below, is not "reassigned": say what it is.
  const otherShape = (detail: string): never => {
    if (assignmentCount(ownerAt, lc.name) > 1) refuse('reassigned');
    refuse('unsupported-position', { detail });
  };
  // The try block holding the assignment, directly inside the block that declares the variable.
  const tryBlock = statement.parent;
  const tryPath = tryBlock?.parent;
  if (tryBlock?.node.type !== 'BlockStatement' || tryPath?.node.type !== 'TryStatement' || tryPath.node.block !== tryBlock.node) {
    if (owner.type !== 'Program' && !isInside(statement, owner)) refuse('stored-in-field');
    otherShape('an assignment to a variable declared before it, outside a try block');
  }
  if (!tryPath.node.finalizer) otherShape('an assignment in a try block without a finally');
  if (tryPath.parent?.node !== owner || !Array.isArray(owner.body)) otherShape('an assignment in a try block nested below its declaration');
  // The outer `let x;`
  const ownerPath = tryPath.parent;
  const letIndex = ownerPath.node.body.findIndex(
    (s: Node) => s.type === 'VariableDeclaration' && s.kind === 'let' && declaredNames(s).includes(lc.name),
  );
  if (letIndex < 0) otherShape('an assignment to a variable not declared with `let`');
  const letStatement: Path = ownerPath.get('body', letIndex);
  const letInit = letStatement.node.declarations[0].init;
  const nullish = !letInit || letInit.type === 'NullLiteral' || (letInit.type === 'Identifier' && letInit.name === 'undefined');
  if (letStatement.node.declarations.length !== 1) otherShape('a `let` declaring several variables');
  if (!nullish) refuse('reassigned');
  if (letIndex > (tryPath.name as number)) otherShape('a `let` declared after the try');
  const fn = enclosingFunction(ownerPath);
  const refs = referencesOf(lc.name, owner, fn, new Set([letStatement.node.declarations[0].id, assignment.node.left]));
  // Every other reference lives in the try block after the assignment, or is the release in the finally.
  const finalizer = tryPath.node.finalizer;
  for (const ref of refs) {
    if (isInside(ref, tryBlock.node)) {
      if ((ref.node.start ?? 0) < (statement.node.start ?? 0)) refuse('reassigned', { at: ref.node });
      continue;
    }
    // In the finally only the release itself: the variable moves into the try block.
    if (isInside(ref, finalizer) && finalizer.body.some((st: Node) => isInside(ref, st) && isReleaseOf(st, lc.name, new Set(lc.resource.release.map((r) => r.method))))) continue;
    refuse('used-outside-try', { at: ref.node });
  }
  lc.form = 'assigned-in-try';
  lc.statement = statement;
  lc.letStatement = letStatement;
  lc.tryStatement = tryPath;
  lc.block = tryBlock;
  const classified = classify(lc, refs, owner);
  // The finally releases belong to the try: mark them so finishAnalysis sees them as the final release.
  for (const r of classified.releases) {
    if (isInside(r.statement, finalizer)) {
      if (r.statement.parent?.node !== finalizer) refuse('released-conditionally', { at: r.call.node });
      r.role = 'finally';
    }
  }
  finishAnalysis(lc, classified, refs, ctx);
}

function finishAnalysis(lc: Lifecycle, c: Classified, refs: Path[], _ctx: FinderContext): void {
  const block = lc.block;
  lc.isAsyncContext = isAsyncContext(block);
  if (c.releases.length === 0) refuse('never-released');
  const startIndex = lc.form === 'declaration' ? (lc.statement.name as number) : (lc.statement.name as number);
  // The last statement of the block that touches the resource ends the region.
  let end = startIndex;
  for (const ref of refs) {
    if (!isInside(ref, block.node)) continue;
    end = Math.max(end, topIndex(ref, block));
  }
  const endStatement: Path = block.get('body', end);
  const finals = c.releases.filter((r) => r.role === 'finally');
  if (lc.form === 'declaration') {
    for (const r of c.releases) {
      if (r.statement.node === endStatement.node) r.role = 'final';
      else if (endStatement.node.type === 'TryStatement' && endStatement.node.finalizer && r.statement.parent?.node === endStatement.node.finalizer) {
        r.role = 'finally';
      }
    }
  }
  const last = c.releases.filter((r) => r.role === 'final' || r.role === 'finally');
  if (last.length > 1 || (lc.form === 'assigned-in-try' && finals.length !== 1)) refuse('released-conditionally', { at: last[1]?.call.node });
  if (last.length === 0 && !alwaysExits(endStatement.node)) refuse('released-conditionally', { at: c.releases[0].call.node });
  // A finally release must be the last thing the finally does (anything after it would move before it).
  for (const r of last.filter((x) => x.role === 'finally')) {
    const fin: Node[] = r.statement.parent.node.body;
    const idx = fin.indexOf(r.statement.node);
    if (fin.slice(idx + 1).some((s) => s.type !== 'EmptyStatement')) refuse('release-not-last', { at: r.call.node });
    // Uses before the release in the finally (`RESET ROLE`) keep their place; nothing may come after it.
    const after = refs.filter((ref) => isInside(ref, r.statement.parent.node) && !isInside(ref, r.statement.node) && (ref.node.start ?? 0) > (r.statement.node.start ?? 0));
    if (after.length) refuse('release-not-last', { at: after[0].node });
  }
  // Every other release must be followed at once by a jump out of the block.
  for (const r of c.releases.filter((x) => x.role === 'exit')) {
    if (!isExitRelease(r, block.node)) refuse('released-conditionally', { at: r.call.node });
  }
  // One release call, one way of calling it: the same method with the same literal arguments everywhere.
  const computed = c.releases.find((r) => !r.call.node.arguments.every(isLiteralArgument));
  if (computed) refuse('release-with-argument', { method: computed.method, detail: argumentsText(computed.call.node), at: computed.call.node });
  const calls = new Set(c.releases.map((r) => `${r.method}(${argumentsText(r.call.node)})`));
  if (calls.size > 1) refuse('different-releases', { method: [...calls].join(' / ') });
  lc.releaseArgs = argumentsText(c.releases[0].call.node);
  const primary = last[0] ?? c.releases[0];
  lc.release = lc.resource.release.find((s) => s.method === primary.method)!;
  lc.releaseAwaited = primary.awaited;
  if (c.releases.some((r) => r.awaited !== primary.awaited)) refuse('different-releases', { method: `${primary.method}() awaited on some paths only` });
  lc.releases = c.releases;
  if (lc.form === 'declaration' && lc.resource.connect) lc.connectStatement = connectStep(lc) ?? undefined;
  // Transactions: a release may only be added where no transaction can still be open.
  lc.hasTransaction = c.transactionBegins.length > 0;
  lc.handedOut = c.handedOut;
  for (const begin of c.transactionBegins) {
    if (!transactionProtected(begin, c.rollbacks, block.node)) refuse('transaction-unprotected', { at: begin.node });
  }
  lc.alreadySafe = releasesOnEveryPath(lc);
  // `return client.query(…)` would release before the query settles.
  const fn = enclosingFunction(block);
  for (const ref of c.uses) {
    if (!isInside(ref, block.node)) continue;
    let cur: Path = ref;
    let ret: Path | null = null;
    while (cur.parent && !isFunction(cur.parent.node) && cur.parent.node !== block.node) {
      if (cur.parent.node.type === 'ReturnStatement') {
        ret = cur.parent;
        break;
      }
      cur = cur.parent;
    }
    if (!ret || !ret.node.argument || unwrapExpression(ret.node.argument).type === 'AwaitExpression') continue;
    if (!hasCall(ret.node.argument)) continue;
    // In a synchronous function a synchronous library's result is complete when returned (better-sqlite3).
    if (fn.node.type !== 'Program' && !fn.node.async) {
      if (lc.resource.syncApi) continue;
      refuse('returns-pending-use', { at: ret.node });
    }
    if (!lc.returnsToAwait.includes(ret)) lc.returnsToAwait.push(ret);
  }
}

function releasesOnEveryPath(lc: Lifecycle): boolean {
  if (lc.releases.some((r) => r.role === 'exit')) return false;
  const finallyRelease = lc.releases.find((r) => r.role === 'finally');
  if (!finallyRelease) return false;
  if (lc.form === 'assigned-in-try') return true;
  const body: Node[] = lc.block.node.body;
  const tryNode = finallyRelease.statement.parent.parent.node;
  return body[body.indexOf(lc.connectStatement ?? lc.statement.node) + 1] === tryNode;
}

/**
 * `const x = await acquire(); [x.on('error', …);] return x;`: nothing that can throw stands between the acquire
 * and the `return` (a statement of the same block), so the caller gets the resource on every path.
 */
function handedOverAtOnce(lc: Lifecycle, ret: Path): boolean {
  if (lc.form !== 'declaration' || ret.parent?.node !== lc.block.node) return false;
  const body: Node[] = lc.block.node.body;
  const between = body.slice(body.indexOf(lc.statement.node) + 1, body.indexOf(ret.node));
  // A failed connect step leaves nothing open to release (see `connectStep`).
  return between.every((s) => cannotThrow(s) || isListenerSetup(s, lc.name) || (!!lc.resource.connect && isConnectStatement(s, lc.name, lc.resource.connect)));
}

/** `x.on('error', handler);`: registering a listener, which does not throw. */
function isListenerSetup(s: Node, name: string): boolean {
  const e = s.type === 'ExpressionStatement' ? unwrapExpression(s.expression) : null;
  return (
    e?.type === 'CallExpression' &&
    e.callee.type === 'MemberExpression' &&
    unwrapExpression(e.callee.object).type === 'Identifier' &&
    unwrapExpression(e.callee.object).name === name &&
    ['on', 'once', 'addListener'].includes(e.callee.property?.name)
  );
}

/**
 * `let client; … function handler() { client = await pool.connect(); … }`: the module keeps the resource.
 * Closed by another function (an init/teardown pair, beforeAll/afterAll), made once (a lazy singleton
 * behind `if (!client)`, code that runs at load) or closed in a finally here: no finding. Released later
 * in this same function without a finally: a lifecycle held in an outer variable, reported as such.
 * Never released and set again on every call: each call leaks the previous one, reported as such too.
 */
function moduleVariable(lc: Lifecycle, assignment: Path, program: Path, methods: Set<string>): void {
  const fn = enclosingFunction(assignment);
  const releases = releaseCallsOf(program, lc.name, methods);
  if (releases.some((r) => enclosingFunction(r).node !== fn.node || inFinally(releaseStatement(r, lc.name)?.statement))) throw new NotALifecycle();
  if (releases.length === 0 && (runsOnceAtLoad(assignment) || guardedByAbsence(assignment, lc.name, fn.node))) throw new NotALifecycle();
  refuse('stored-in-field');
}

/** Calls of a release method on the variable `name` bound by `owner`. */
function releaseCallsOf(owner: Path, name: string, methods: Set<string>): Path[] {
  return collectPaths(owner, (n: Node) => {
    if (n.type !== 'CallExpression' && n.type !== 'OptionalCallExpression') return false;
    const callee = unwrapExpression(n.callee);
    return (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed && methods.has(callee.property?.name) && unwrapExpression(callee.object).type === 'Identifier' && unwrapExpression(callee.object).name === name;
  }).filter((call) => bindingOwnerPath(call.get('callee', 'object'), name)?.node === owner.node);
}

/** Inside `if (!x)`, `if (x == null)`, `if (x === undefined)` (or `x ??= …`): set only when it is not set yet. */
function guardedByAbsence(assignment: Path, name: string, stop: Node): boolean {
  if (assignment.node.operator === '??=' || assignment.node.operator === '||=') return true;
  for (let p: Path | null = assignment.parent; p && p.node !== stop; p = p.parent) {
    if (p.node.type !== 'IfStatement' || !isInside(assignment, p.node.consequent)) continue;
    const t = unwrapExpression(p.node.test);
    const isName = (n: Node) => unwrapExpression(n).type === 'Identifier' && unwrapExpression(n).name === name;
    const isNullish = (n: Node) => n.type === 'NullLiteral' || (n.type === 'Identifier' && n.name === 'undefined');
    if (t.type === 'UnaryExpression' && t.operator === '!' && isName(t.argument)) return true;
    if (t.type === 'BinaryExpression' && ['==', '==='].includes(t.operator) && ((isName(t.left) && isNullish(t.right)) || (isName(t.right) && isNullish(t.left)))) return true;
  }
  return false;
}

/** Code that runs once, when the module loads: top-level statements and the functions they call in place (IIFEs). */
function runsOnceAtLoad(p: Path): boolean {
  let fn = enclosingFunction(p);
  while (fn.node.type !== 'Program') {
    const call = fn.parent;
    if (!call || (call.node.type !== 'CallExpression' && call.node.type !== 'OptionalCallExpression') || call.node.callee !== fn.node) return false;
    fn = enclosingFunction(call);
  }
  return true;
}

/** Assignments (and `++`/`--`) to the variable `name` that `owner` binds, anywhere inside it. */
function assignmentCount(owner: Path, name: string): number {
  const writes = collectPaths(
    owner,
    (n: Node) =>
      (n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && n.left.name === name) ||
      (n.type === 'UpdateExpression' && n.argument.type === 'Identifier' && n.argument.name === name) ||
      (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.id.name === name && !!n.init),
  );
  return writes.filter((p) => {
    const target = p.node.type === 'AssignmentExpression' ? p.get('left') : p.node.type === 'UpdateExpression' ? p.get('argument') : p.get('id');
    return bindingOwnerPath(target, name)?.node === owner.node;
  }).length;
}

/** `a, true` of a call, as written (one line). */
function argumentsText(call: Node): string {
  return call.arguments.map((a: Node) => sourceText(a)).join(', ');
}

function isLiteralArgument(arg: Node): boolean {
  const a = unwrapExpression(arg);
  return ['BooleanLiteral', 'NumericLiteral', 'StringLiteral', 'NullLiteral', 'Literal'].includes(a.type) || (a.type === 'Identifier' && a.name === 'undefined');
}

const SIGNALS = new Set(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR2', 'beforeExit', 'exit']);

/** `process.on('SIGTERM', fn)` and its kin: the function runs once, when the process stops. */
function isShutdownHook(fn: Path): boolean {
  const call = fn.parent?.node;
  if (!call || call.type !== 'CallExpression' || !call.arguments.includes(fn.node)) return false;
  const callee = unwrapExpression(call.callee);
  const first = call.arguments[0];
  return (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'].includes(callee.property.name) &&
    unwrapExpression(callee.object).type === 'Identifier' &&
    unwrapExpression(callee.object).name === 'process' &&
    (first?.type === 'StringLiteral' || first?.type === 'Literal') &&
    SIGNALS.has(first.value)
  );
}

/** Is this statement one of a `finally` block's own statements? */
function inFinally(statement: Path | undefined): boolean {
  const block = statement?.parent;
  return !!block && block.node.type === 'BlockStatement' && block.parent?.node.type === 'TryStatement' && block.parent.node.finalizer === block.node;
}

/** A function handed to a call (`.then(() => …)`, `setTimeout(() => …)`, `on('end', …)`): it runs later. */
function isCallbackArgument(fn: Path): boolean {
  const parent = fn.parent?.node;
  return !!parent && (parent.type === 'CallExpression' || parent.type === 'NewExpression' || parent.type === 'OptionalCallExpression') && parent.arguments.includes(fn.node);
}

/** How a function reads in a message: `close()`, `the method close()`, `a function`. */
function functionLabel(fn: Path): string {
  const n = fn.node;
  const key = n.key && !n.computed && n.key.type === 'Identifier' ? n.key.name : null;
  const own = n.id?.name ?? key;
  if (own) return `${own}()`;
  const parent = fn.parent?.node;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return `${parent.id.name}()`;
  if ((parent?.type === 'ObjectProperty' || parent?.type === 'Property') && parent.key?.type === 'Identifier') return `${parent.key.name}()`;
  return 'another function';
}

// Calls known to keep no reference to their arguments: logging, printing, assertions, serialisation.
const NON_RETAINING_OBJECTS = /^(console|JSON|util|assert|logger|log|_logger|this\.logger|this\.log)$/;
const NON_RETAINING_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'fatal', 'verbose', 'silly', 'stringify', 'inspect', 'ok', 'equal', 'strictEqual', 'deepEqual', 'deepStrictEqual', 'notEqual', 'notStrictEqual']);
const NON_RETAINING_FUNCTIONS = new Set(['assert', 'inspect', 'expect', 'String']);

function keepsNoArgument(call: Node): boolean {
  const callee = unwrapExpression(call.callee);
  if (callee.type === 'Identifier') return NON_RETAINING_FUNCTIONS.has(callee.name);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
  const object = unwrapExpression(callee.object);
  const objectText = object.type === 'Identifier' ? object.name : object.type === 'MemberExpression' && object.object.type === 'ThisExpression' && !object.computed ? `this.${object.property.name}` : null;
  return !!objectText && NON_RETAINING_OBJECTS.test(objectText) && NON_RETAINING_METHODS.has(callee.property.name);
}

function hasCall(node: Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (n.type === 'CallExpression' || n.type === 'OptionalCallExpression' || n.type === 'NewExpression' || n.type === 'TaggedTemplateExpression') found = true;
    return !found;
  });
  return found;
}

function isExitRelease(r: ReleaseSite, block: Node): boolean {
  const st = r.statement;
  const list = st.parentPath?.value;
  if (!Array.isArray(list)) return false;
  let i = (st.name as number) + 1;
  // Other releases may sit between this one and the jump (`a.release(); b.release(); return`).
  while (i < list.length && isAnyReleaseStatement(list[i])) i++;
  const next = list[i];
  if (!next) return false;
  if (!['ReturnStatement', 'ThrowStatement', 'BreakStatement', 'ContinueStatement'].includes(next.type)) return false;
  if (next.argument && containsAwait(next.argument)) return false;
  return exitLeaves(st.parentPath.get(i), block);
}

function isAnyReleaseStatement(s: Node): boolean {
  if (s?.type !== 'ExpressionStatement') return false;
  let e = s.expression;
  if (e.type === 'AwaitExpression') e = e.argument;
  if (e.type !== 'CallExpression' && e.type !== 'OptionalCallExpression') return false;
  const callee = e.callee;
  return (
    (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') &&
    callee.object.type === 'Identifier' &&
    ['release', 'end', 'close', 'endSession', 'quit', 'disconnect', 'destroy'].includes(callee.property?.name) &&
    e.arguments.length === 0
  );
}

/** The begin sits in a try (or right before one) whose catch rolls back on this resource. */
function transactionProtected(begin: Path, rollbacks: Path[], block: Node): boolean {
  const handlesRollback = (tryNode: Node) => !!tryNode.handler && rollbacks.some((rb) => isInside(rb, tryNode.handler));
  for (let cur: Path | null = begin.parent; cur && cur.node !== block; cur = cur.parent) {
    if (cur.node.type === 'TryStatement' && isInside(begin, cur.node.block) && handlesRollback(cur.node)) return true;
  }
  let st: Path = begin;
  while (st.parent && st.parent.node.type !== 'BlockStatement' && st.parent.node.type !== 'Program') st = st.parent;
  const list = st.parentPath?.value;
  if (!Array.isArray(list) || st.node.type !== 'ExpressionStatement') return false;
  // Statements that cannot throw (`const seqs = []`) may stand between the begin and the try.
  let i = (st.name as number) + 1;
  while (i < list.length && cannotThrow(list[i])) i++;
  const next = list[i];
  return next?.type === 'TryStatement' && handlesRollback(next);
}

function cannotThrow(s: Node): boolean {
  if (s.type === 'EmptyStatement') return true;
  if (s.type !== 'VariableDeclaration' || s.kind === 'using' || s.kind === 'await using') return false;
  return s.declarations.every((d: Node) => d.id.type === 'Identifier' && (!d.init || (isPure(d.init) && d.init.type !== 'MemberExpression')));
}

