// The lifecycle finder: `x = <acquire>` … `x.close()` in one scope (a function, a script), and whether a
// `with` block — or try/finally where `with` is not available — can scope it with the same effects on the
// paths that already closed it. Also `with connect() as conn:` on drivers whose own context manager never
// closes. One model feeds both the rewrite and the report, so a finding's reason is about the code it names.
import type { PyNode } from '../parse/tree';
import type { PySource } from '../parse/text';
import { assignmentOf, blockPosition, declaresGlobal, nameUses, SCOPE_KINDS, sharesLine, statements, unwrapAwait, isAsyncFunction } from '../parse/syntax';
import type { PyLifecycleReasonId } from '../report/reasons';
import { exitsOf, readNames, roleOf, usesIn, type Exit } from './flow';
import { checkUses, closeBeforeExit, exitRefusal, isClose, usesAfter } from './region';
import { endsScope, scopeOf, scopeStatements, type Scope } from './scope';
import { transactionForm, type TransactionForm } from './transaction';
import { findWithItems, type WithItemPlan } from './withItems';
import { unnamedLifecycles, type InlinePlan } from './unnamed';
import type { FileModel, Value } from './values';

/** What the finder needs to know about a kind of resource (a catalogue entry or a project class). */
export interface ResourceDescriptor {
  noun: string;
  library: string;
  release: string;
  releaseAwaited: boolean;
  withForm: 'native' | 'async-native' | 'closing';
  closeIdempotent: boolean;
  attachedResults: boolean;
  materialisers: string[];
  /** What the context manager does at exit, for the finding. */
  cm: string;
  /** `x.commit()` at the end can become `with … as x, x.begin():` (sessions) or `engine.begin()` (Core). */
  transaction: 'session' | 'connection' | null;
  /** Its `with` needs SQLAlchemy 1.4 (the Session context manager). */
  needsSession14: boolean;
  kind: string;
  /** The acquire may return None (a project factory that caught a failed connect). */
  maybeNone: boolean;
  /** The project function the acquire goes through (`get_db_connection`), if any. */
  via?: string;
  /** Known by the factory's name only: scoped with try/finally, never `with`. */
  guessed?: boolean;
}

export interface LifecyclePlan {
  shape: 'assign';
  name: string;
  resource: ResourceDescriptor;
  scope: Scope;
  acquire: PyNode;
  /** The right side of the assignment, `await` removed where the with-form takes the object itself. */
  acquireExpr: PyNode;
  block: PyNode;
  index: number;
  list: PyNode[];
  /** The closing statement, or null when the block runs to the end of the scope. */
  release: PyNode | null;
  region: PyNode[];
  /** close() calls inside the work that are the last thing on their path: the block makes them redundant. */
  innerCloses: PyNode[];
  transaction: TransactionForm | null;
  exits: Exit[];
  step: string;
  /** `with`, or try/finally where `with` cannot be used (SQLAlchemy before 1.4, an acquire that may be None). */
  form: 'with' | 'try-finally';
  /** Nothing closed it on any path. */
  neverClosed: boolean;
  /** Never closed: the teardown after its last use that the block ends before (teardownAfter), if any. */
  teardown: PyNode | null;
}

export type FixPlan = LifecyclePlan | WithItemPlan | InlinePlan;

export type LifecycleVerdict =
  | { kind: 'fix'; plan: FixPlan }
  | { kind: 'report'; reasonId: PyLifecycleReasonId; values: Record<string, string>; node: PyNode; name: string; resource: ResourceDescriptor }
  | { kind: 'skip' };

/** Decides which acquired values this run looks at (catalogue resources, or project classes). */
export type ResourceFilter = (value: Value) => ResourceDescriptor | null;

export interface FinderOptions {
  /** SQLAlchemy 1.4+ is known to be in use (the Session context manager exists). */
  session14: boolean;
  /** A model class with plain columns only (its loaded instances read fine once detached). */
  flatModel?: (name: string) => boolean;
  /** A call that reads a whole result before it returns (unnamed.ts's readsWhole). */
  readsWhole?: (call: PyNode) => boolean;
}

export function findLifecycles(model: FileModel, src: PySource, accept: ResourceFilter, options: FinderOptions): LifecycleVerdict[] {
  const out: LifecycleVerdict[] = [];
  for (const a of model.tree.root.findAll(['assignment'])) {
    const stmt = a.parent;
    if (stmt?.kind !== 'expression_statement') continue;
    const parts = assignmentOf(stmt);
    if (!parts || parts.left.kind !== 'identifier' || !parts.right) continue;
    const { expr, awaited } = unwrapAwait(parts.right);
    if (expr.kind !== 'call') continue;
    const scope = scopeOf(stmt);
    const classBody = !scope && stmt.parent?.kind === 'block' && stmt.parent.parent?.kind === 'class_definition' ? stmt.parent.parent : null;
    if (!scope && !classBody) continue;
    const value = model.classify(parts.right, scope?.fn ?? null);
    if (!value) continue;
    const resource = accept(value);
    if (!resource) continue;
    if (classBody || scope!.top.kind === 'module') {
      const shared = moduleShared(model, stmt, parts.left.text, classBody);
      if (shared) {
        out.push(report('module-global-session', stmt, parts.left.text, resource, { name: parts.left.text, where: classBody ? `the body of class ${classBody.field('name')?.text}` : 'module level', user: shared }));
        continue;
      }
      if (classBody) continue;
    }
    if (awaited !== (resource.withForm === 'async-native' && value.kind === 'async-connection')) continue;
    const borrowed = ((value.kind === 'session' || value.kind === 'async-session') && bindIsConnection(model, expr, scope!.fn)) || (value.kind === 'scoped-session' && !value.freshRegistry && !registryMadeHere(model, expr, scope!.fn));
    out.push(judge(src, stmt, parts.left.text, resource, awaited ? expr : parts.right, scope!, options, borrowed));
  }
  out.push(...findWithItems(model, src, accept));
  out.push(...unnamedLifecycles(model, src, accept));
  return out;
}

/** A module-level (or class-body) resource that functions of the module use: shared by every caller. */
function moduleShared(model: FileModel, stmt: PyNode, name: string, classBody: PyNode | null): string | null {
  const root = model.tree.root;
  for (const def of root.findAll(['function_definition'])) {
    if (def.start < stmt.end && def.end > stmt.start) continue;
    const body = def.field('body');
    if (!body) continue;
    const uses = nameUses(body, name).filter((u) => !(u.node.parent?.kind === 'assignment' && u.node.parent.field('left') === u.node));
    // A function that binds the name itself (and does not declare it global) uses its own local.
    if (!uses.length || (model.localAssignments(def, name).length && !new RegExp(`\\bglobal\\b[^\\n]*\\b${name}\\b`).test(body.text))) continue;
    if (classBody && !classBody.contains(def) && !new RegExp(`\\bglobal\\b[^\\n]*\\b${name}\\b`).test(body.text)) continue;
    return `${def.field('name')?.text}()`;
  }
  return null;
}

function report(reasonId: PyLifecycleReasonId, node: PyNode, name: string, resource: ResourceDescriptor, values: Record<string, string> = {}): LifecycleVerdict {
  return { kind: 'report', reasonId, values, node, name, resource };
}

/** Already closed on every path: a finally that releases it (that try statement), or a with block around it (true). */
function alreadyManaged(all: PyNode[], after: PyNode[], name: string, resource: ResourceDescriptor): PyNode | boolean {
  // Objects built around it (`repo = Repository(conn)`) whose close() in a finally closes it too.
  const holders = new Set([name]);
  for (const u of usesIn(after, name)) {
    const r = roleOf(u.node);
    const target = r.role === 'argument' ? r.call.parent : null;
    if (target?.kind === 'assignment' && target.field('left')?.kind === 'identifier') holders.add(target.field('left')!.text);
  }
  for (const s of all) {
    if (s.kind !== 'try_statement') continue;
    const fin = s.named.find((c) => c.kind === 'finally_clause');
    if (!fin) continue;
    for (const h of holders)
      if (nameUses(fin, h).some((u) => u.node.parent?.kind === 'attribute' && /^(close|remove|release)$/.test(u.node.parent.field('attribute')?.text ?? ''))) return s;
  }
  for (const u of usesIn(after, name)) {
    const r = roleOf(u.node);
    if (r.role === 'with-item' && resource.withForm !== 'closing') return true;
    if (r.role === 'argument' && /(^|\.)closing$/.test(r.call.field('function')?.text ?? '') && r.call.parent?.kind === 'with_item') return true;
  }
  return false;
}

/**
 * A session bound to a connection the code was given or opened (`Session(bind=op.get_bind())` in an Alembic
 * migration, `AsyncSession(bind=connection)`): it holds no pooled connection of its own.
 */
function bindIsConnection(model: FileModel, call: PyNode, fn: PyNode | null): boolean {
  const args = call.field('arguments')?.named.filter((a) => a.kind !== 'comment') ?? [];
  const bind = args.find((a) => a.kind === 'keyword_argument' && a.field('name')?.text === 'bind')?.field('value') ?? (args[0] && args[0].kind !== 'keyword_argument' ? args[0] : null);
  if (!bind) return false;
  const isConnection = (v: Value | null) => !!v && (v.kind === 'connection' || v.kind === 'async-connection');
  if (isConnection(model.classify(bind, fn))) return true;
  // Or the name of an enclosing `with engine.connect() as connection:`.
  for (let p: PyNode | null = call.parent; p && p !== fn; p = p.parent) {
    if (p.kind !== 'with_statement' || bind.kind !== 'identifier') continue;
    for (const item of p.findAll(['as_pattern'])) {
      const alias = item.field('alias');
      const source = item.named.find((c) => c.kind !== 'as_pattern_target' && c.kind !== 'comment');
      if (alias?.text === bind.text && source && isConnection(model.classify(unwrapAwait(source).expr, fn))) return true;
    }
  }
  const sources = bind.kind === 'identifier' && fn ? model.localAssignments(fn, bind.text).map((s) => assignmentOf(s)?.right?.text ?? '') : [bind.text];
  return sources.length > 0 && sources.every((t) => /^(?:op|context)\.get_bind\(\)$/.test(t));
}

/**
 * A scoped registry made by this function itself (`Session = scoped_session(factory)` in its body, or
 * `scoped_session(factory)()`; a factory that makes one on every call marks its value freshRegistry): its
 * session is this call's. Any other registry's session is the thread's
 * shared one, which other code (a decorator that commits after the function, the caller, a later request
 * on the thread) still uses after this function returns: only the registry's remove() ends it.
 */
function registryMadeHere(model: FileModel, call: PyNode, fn: PyNode | null): boolean {
  const callee = call.field('function');
  if (callee?.kind === 'call') return true;
  return !!fn && callee?.kind === 'identifier' && model.localAssignments(fn, callee.text).length > 0;
}

/**
 * `borrowed`: a resource this function does not own: a session on a connection it was given
 * (bindIsConnection), or a shared scoped registry's session (registryMadeHere). Never closed here, it is left
 * to its owner; closed here, the close still moves into the with block.
 */
function judge(src: PySource, stmt: PyNode, name: string, resource: ResourceDescriptor, acquireExpr: PyNode, scope: Scope, options: FinderOptions, borrowed = false): LifecycleVerdict {
  const pos = blockPosition(stmt);
  if (!pos) return { kind: 'skip' };
  if (scope.fn && declaresGlobal(scope.fn, name)) return report('not-local', stmt, name, resource, { name });
  const all = scopeStatements(scope.top);
  const after = all.filter((s) => s.start >= stmt.end);
  const line = (n: PyNode) => String(src.lineOf(n.start) + 1);
  const managed = alreadyManaged(all, after, name, resource);
  if (managed) {
    // Closed by the finally of a try that starts later in the same block: what runs before that try can
    // raise with the resource open (`conn = connect(); _wait(conn); try: … finally: conn.close()`).
    const at = typeof managed === 'boolean' ? -1 : pos.list.indexOf(managed);
    const gap = at > pos.index ? pos.list.slice(pos.index + 1, at).find((g) => mayRaise(g, name)) : undefined;
    if (gap) return report('work-before-try', stmt, name, resource, { line: line(gap), tryLine: line(managed as PyNode) });
    return { kind: 'skip' };
  }
  if (resource.withForm === 'async-native' && !(scope.fn && isAsyncFunction(scope.fn))) return { kind: 'skip' };

  const closes = after.filter((s) => isClose(s, name, resource));
  const j = pos.list.findIndex((s, k) => k > pos.index && isClose(s, name, resource));
  const terminal = j >= 0 ? pos.list[j] : null;
  for (const c of closes) {
    const cc = isClose(c, name, resource)!;
    if (cc.args) return report('release-mismatch', stmt, name, resource, { detail: 'called with arguments' });
    if (cc.awaited !== resource.releaseAwaited) return report('release-mismatch', stmt, name, resource, { detail: cc.awaited ? 'awaited' : 'not awaited' });
  }
  if (sharesLine(src, pos.list, pos.index)) return report('shared-line', stmt, name, resource, { what: 'acquire' });
  if (terminal && sharesLine(src, pos.list, j)) return report('shared-line', stmt, name, resource, { what: 'close()' });

  // A module-level value nothing closes lives for the process: not a lifecycle.
  if (!terminal && !closes.length && scope.top.kind === 'module') return { kind: 'skip' };
  if (borrowed && !closes.length) return { kind: 'skip' };
  // Never closed, and a comment after the acquire says so on purpose (a test that leaks to see the warning).
  const purpose = closes.length ? null : openOnPurpose(scope.top, stmt);
  if (purpose) return report('open-on-purpose', stmt, name, resource, { line: line(purpose), comment: JSON.stringify(purpose.text.replace(/^#\s*/, '')) });
  // The work: up to the close() in the same block, or (no such close) to the end of the scope.
  const toEnd = !terminal;
  if (toEnd && pos.block !== scope.top) {
    if (closes.length) return report('closed-conditionally', stmt, name, resource, { line: line(closes[0]) });
    return escapes(usesIn(after, name).map((u) => u.node), stmt, name, resource) ?? report('never-closed', stmt, name, resource);
  }
  let region = toEnd ? pos.list.slice(pos.index + 1) : pos.list.slice(pos.index + 1, j);
  const tail = toEnd && !closes.length ? teardownAfter(region, name) : 0;
  const teardown = tail ? region[region.length - tail] : null;
  if (tail) region = region.slice(0, region.length - tail);
  if (toEnd && scope.top.kind === 'module' && region.some((s) => /definition|import/.test(s.kind))) {
    return escapes(usesIn(after, name).map((u) => u.node), stmt, name, resource) ?? report('never-closed', stmt, name, resource);
  }
  // A factory that hands the resource to its caller at once: the caller owns it (escapes, for a nested block).
  if (usesIn(region, name).some((u) => handedOff(stmt, u.node, name))) return { kind: 'skip' };
  const uses = checkUses(src, region, name, resource);
  if (uses) return report(uses.reasonId, stmt, name, resource, uses.values);

  if (terminal) {
    const later = usesAfter(pos.list, j, name, pos.block, scope.top);
    if (later.length) {
      const reopens = /session/.test(resource.kind) ? ', which opens a new transaction on it' : '';
      return report('used-after-close', stmt, name, resource, { name, line: line(later[0]), reopens });
    }
  }
  const inner = closes.filter((c) => c !== terminal && region.some((r) => r.contains(c)));
  const removable: PyNode[] = [];
  for (const c of inner) {
    const redundant = toEnd ? endsScope(c, scope.top) : closeBeforeExit(c, region);
    if (!redundant) return report(toEnd ? 'closed-conditionally' : 'closed-early', stmt, name, resource, { line: line(c) });
    // Alone in its block, it cannot go without leaving the block empty: a second close() is harmless where
    // the library makes it a no-op; where it raises (PyMySQL), the rewrite is not made.
    if (blockPosition(c)!.list.length > 1) removable.push(c);
    else if (!resource.closeIdempotent) return report('closed-conditionally', stmt, name, resource, { line: line(c) });
  }
  const exitsBad = exitRefusal(src, region, name, resource, scope.top, toEnd, { flatModel: options.flatModel, readsWhole: options.readsWhole });
  if (exitsBad) return report(exitsBad.reasonId, stmt, name, resource, exitsBad.values);

  const step = pos.block.kind === 'module' ? moduleStep(src) : src.stepOf(pos.block.parent!, pos.block);
  if (!step) return report('indentation', stmt, name, resource, { detail: 'the block is on one line with its header, or mixes tabs and spaces' });
  const form = resource.maybeNone || resource.guessed || (resource.needsSession14 && !options.session14) ? 'try-finally' : 'with';
  return {
    kind: 'fix',
    plan: {
      shape: 'assign', name, resource, scope, acquire: stmt, acquireExpr, block: pos.block, index: pos.index, list: pos.list,
      release: terminal, region, innerCloses: removable,
      transaction: form === 'with' ? transactionForm(name, resource, region, acquireExpr) : null,
      exits: exitsOf(region), step, form, neverClosed: closes.length === 0, teardown,
    },
  };
}

// What tears down what a session or connection was opened on (its connection, transaction or engine).
const TEARDOWN = /^(?:a?close|dispose|rollback|release|shutdown|stop|disconnect|terminate|drop_all)$/;

/**
 * Never closed, the work runs to the end of the scope. But the statements after the last use of `name` that
 * only tear down something it never touched (`await transaction.rollback()`, `await connection.close()`,
 * `engine.dispose()` after a fixture's `yield session`) stay after the block: the resource then closes
 * before what it is bound to, as it would have been closed by hand. How many such statements end the region.
 */
function teardownAfter(region: PyNode[], name: string): number {
  let last = -1;
  region.forEach((s, i) => {
    if (usesIn([s], name).length) last = i;
  });
  if (last < 0 || last === region.length - 1) return 0;
  const touched = new Set(region.slice(0, last + 1).flatMap((s) => [...readNames(s)]));
  const tail = region.slice(last + 1);
  const teardown = (s: PyNode): boolean => {
    if (s.kind === 'comment' || s.kind === 'pass_statement') return true;
    if (s.kind !== 'expression_statement' || s.named.length !== 1) return false;
    const call = unwrapAwait(s.named[0]).expr;
    const fn = call.kind === 'call' ? call.field('function') : null;
    const target = fn?.kind === 'attribute' ? fn.field('object') : null;
    if (target?.kind !== 'identifier' || !TEARDOWN.test(fn!.field('attribute')?.text ?? '')) return false;
    return ![...readNames(call)].some((n) => touched.has(n));
  };
  return tail.every(teardown) ? tail.length : 0;
}

/** Why an acquire whose with block cannot reach its uses is reported (returned, stored, aliased), if it is. */
function escapes(uses: PyNode[], stmt: PyNode, name: string, resource: ResourceDescriptor): LifecycleVerdict | null {
  for (const u of uses) {
    const r = roleOf(u);
    if (r.role === 'returned') return handedOff(stmt, u, name) ? { kind: 'skip' } : report('returned', stmt, name, resource);
    if (r.role === 'stored') return report('stored', stmt, name, resource, { where: r.where });
    if (r.role === 'aliased') return report('aliased', stmt, name, resource, { where: r.target.text });
  }
  return null;
}

/**
 * `x = acquire()` then `return x` in the same block, with nothing between that may raise: a factory, whose
 * caller owns the resource from here. Only work between the acquire and the return, which may raise and
 * leave it with nobody, makes it this function's leak.
 */
function handedOff(stmt: PyNode, use: PyNode, name: string): boolean {
  const role = roleOf(use);
  if (role.role !== 'returned') return false;
  const ret = role.node;
  const pos = blockPosition(stmt);
  const at = pos ? pos.list.indexOf(ret) : -1;
  return !!pos && at > pos.index && ret.named.find((c) => c.kind !== 'comment')?.text === name && pos.list.slice(pos.index + 1, at).every((s) => !mayRaise(s, name));
}

const ON_PURPOSE = /\b(?:do(?:n'?t| not)|never|must not|should not|shouldn'?t)\s+(?:be\s+)?(?:close|release|dispose|clean(?:ed)?\s*up|free)|\bleft open\b|\bkeep (?:it |the \w+ )?open\b/i;

/** A comment in the scope, after the acquire, that says the resource stays open on purpose (`# don't close the connection`). */
function openOnPurpose(top: PyNode, stmt: PyNode): PyNode | null {
  let found: PyNode | null = null;
  top.walk((n) => {
    if (found || (n !== top && SCOPE_KINDS.has(n.kind))) return false;
    if (n.kind === 'comment' && n.start >= stmt.start && ON_PURPOSE.test(n.text)) found = n;
    return !found;
  });
  return found;
}

/** The file's indent step, for a block at module level (read from its first indented block). */
function moduleStep(src: PySource): string | null {
  for (const s of statements(src.tree.root)) {
    const body = s.kind === 'decorated_definition' ? s.field('definition')?.field('body') : s.field('body') ?? s.field('consequence');
    if (body) {
      const step = src.stepOf(s.kind === 'decorated_definition' ? s.field('definition')! : s, body);
      if (step) return step;
    }
  }
  return '    ';
}

/**
 * A statement that may raise in practice: one that calls, awaits, raises, asserts or indexes. Not a plain
 * assignment of names and literals, nor one that only takes a cursor (`cur = conn.cursor()`) or wraps the
 * resource in an object of the project (`repo = Repository(conn)`), as the corpus judges such code.
 */
function mayRaise(s: PyNode, name: string): boolean {
  if (s.kind === 'comment' || s.kind === 'pass_statement') return false;
  const right = s.kind === 'expression_statement' && s.named[0]?.kind === 'assignment' && s.named[0].field('left')?.kind === 'identifier' ? s.named[0].field('right') : null;
  if (right?.kind === 'call') {
    const fn = right.field('function');
    const args = right.field('arguments')?.named.filter((c) => c.kind !== 'comment') ?? [];
    if (fn?.kind === 'attribute' && fn.field('object')?.text === name && args.length === 0) return false;
    if (fn?.kind === 'identifier' && /^[A-Z]/.test(fn.text) && args.length === 1 && args[0].text === name) return false;
  }
  let found = false;
  s.walk((n) => {
    if (found) return false;
    if (['call', 'await', 'raise_statement', 'assert_statement', 'subscript', 'binary_operator', 'with_statement', 'for_statement', 'while_statement'].includes(n.kind)) found = true;
    return !found;
  });
  return found;
}
