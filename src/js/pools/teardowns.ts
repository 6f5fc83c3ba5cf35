// The teardown finder: every call that closes a long-lived kind (pool, pooling client, engine), with the
// context it runs in, the pool's origin and a verdict — remove it, leave it (it is how the process or a
// lifecycle lets go), or report. Rewrites and reports both come from this model.
//
// A teardown is removed only when all of these hold; when some but not all do, it is reported:
// - the object is a pool (not a single connection: its end is one lifecycle's end);
// - the pool provably outlives the call: a module-level binding of this file or of a project module, made
//   once, never assigned again, and not opened (`initialize()`, `connect()`) by the same code;
// - the call provably runs once per call (see context.ts), directly in that function, not in a callback;
// - the call is a statement of its own with no arguments (no callback, no result the program goes on from);
// - it runs on every path of the function (no early return before it, not in an if, loop or catch), and it
//   is not a release written to run on every path (a finally, a disposer).
import jscodeshift from 'jscodeshift';
import { findPaths } from '../syntax/find';
import type { Catalog } from '../../catalog/js';
import { POOL_KINDS, poolKind, type PoolKindSpec } from '../../catalog/js/pools';
import type { Provenance } from '../provenance/values';
import { bindingOwnerPath, isFunction, isValueReference, walk, type Node, type Path } from '../analysis/ast';
import { callContext, describeFunction, fileContext, type CallContext } from './context';
import { OriginResolver, type PoolOrigin } from './origin';
import type { PoolReasonId } from './reasons';

export const TEARDOWN_METHODS = new Set(POOL_KINDS.flatMap((k) => k.teardown));

export type TeardownVerdict =
  | { action: 'remove' }
  /**
   * Left alone. `hook` when the call lets go of the pool once — in a shutdown handler or function
   * ('shutdown'), a script's run ('script') — so it can be named as the pool's closing call; `what` says
   * which code that is.
   */
  | { action: 'leave'; hook: 'shutdown' | 'script' | null; what?: string }
  | { action: 'report'; reasonId: PoolReasonId; values?: Record<string, string> };

export interface Teardown {
  call: Path;
  /** The statement that is nothing but this call (`await pool.end();`), when it is one. */
  statement: Path | null;
  receiver: string;
  method: string;
  spec: PoolKindSpec;
  origin: PoolOrigin;
  context: CallContext;
  verdict: TeardownVerdict;
}

/** The statement holding `call` when the call is all it does: `pool.end();`, `await pool.end();`, `void pool.end();`. */
function wholeStatement(call: Path): Path | null {
  let p = call;
  if (p.parent?.node.type === 'AwaitExpression' || (p.parent?.node.type === 'UnaryExpression' && p.parent.node.operator === 'void')) p = p.parent;
  return p.parent?.node.type === 'ExpressionStatement' ? p.parent : null;
}

const lineOf = (n: Node): string => String(n?.loc?.start.line ?? '?');

/** Where `statement` sits in `fn`: on every path, or why not. `finally` is told apart (a guaranteed release). */
function placement(statement: Path, fn: Node): { ok: true } | { ok: false; finally: boolean; detail: string } {
  for (let p: Path = statement; p.parent; p = p.parent) {
    const up = p.parent.node;
    if (up === fn) break;
    if (up.type === 'BlockStatement') continue;
    if (up.type === 'TryStatement') {
      if (up.finalizer === p.node) return { ok: false, finally: true, detail: 'in a finally block' };
      if (up.block === p.node) continue;
    }
    if (up.type === 'CatchClause') return { ok: false, finally: false, detail: 'in a catch block' };
    const what: Record<string, string> = {
      IfStatement: 'inside an if',
      ConditionalExpression: 'inside a condition',
      SwitchCase: 'inside a switch case',
      SwitchStatement: 'inside a switch',
      LabeledStatement: 'inside a labelled statement',
    };
    return { ok: false, finally: false, detail: what[up.type] ?? (/(For|While)/.test(up.type) ? 'inside a loop' : `inside a ${up.type}`) };
  }
  // A return before it (in source order, outside nested functions) leaves the function without it.
  let early: Node | null = null;
  walk(fn.body, (n) => {
    if (early) return false;
    if (n.type === 'ReturnStatement' && n.start < statement.node.start) early = n;
    return !early;
  });
  if (early) return { ok: false, finally: false, detail: `after the return at line ${lineOf(early)}` };
  return { ok: true };
}

/** How to tell a reference to the pool's binding: the identifier's scope owner, or `this.<field>`. */
type ReceiverRef = { name: string; owner: Node | null } | { field: string };

function receiverRef(receiver: Path): ReceiverRef | null {
  let p = receiver;
  while (['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'ParenthesizedExpression'].includes(p.node.type)) p = p.get('expression');
  const n = p.node;
  if (n.type === 'Identifier') return { name: n.name, owner: bindingOwnerPath(p, n.name)?.node ?? null };
  if (n.type === 'MemberExpression' && !n.computed && n.object.type === 'ThisExpression' && n.property.type === 'Identifier') return { field: n.property.name };
  return null;
}

/** Every reference to the pool inside `fn` (nested functions included), as paths. */
function referencesIn(fn: Path, ref: ReceiverRef): Path[] {
  const found: Path[] = [];
  if ('field' in ref) {
    findPaths(fn, 'MemberExpression').forEach((m) => {
      const n: Node = m.node;
      if (!n.computed && n.object.type === 'ThisExpression' && n.property.name === ref.field) found.push(m);
    });
    return found;
  }
  findPaths(fn, 'Identifier', { name: ref.name }).forEach((id) => {
    if (isValueReference(id) && (bindingOwnerPath(id, ref.name)?.node ?? null) === ref.owner) found.push(id);
  });
  return found;
}

/** Does `fn` call one of the kind's open methods on the same object (`await ds.initialize()`)? */
function opensIt(fn: Path, ref: ReceiverRef, spec: PoolKindSpec): boolean {
  const open = spec.open;
  if (!open) return false;
  // `r` is the receiver expression (`ds` or `this.ds`); its parent `ds.initialize`, and that one's the call.
  return referencesIn(fn, ref).some((r) => {
    const member = r.parent?.node;
    const call = r.parent?.parent?.node;
    return member?.type === 'MemberExpression' && member.object === r.node && !member.computed && open.includes(member.property?.name) && call?.type === 'CallExpression' && call.callee === member;
  });
}

/** Does `fn` use the pool before this teardown, for something other than closing it? */
function usesBefore(fn: Path, ref: ReceiverRef, call: Path): boolean {
  const start = call.node.start;
  return referencesIn(fn, ref).some((r) => r.node.start < start && !isInside(r, call.node));
}

function isInside(p: Path, ancestor: Node): boolean {
  for (let q: Path | null = p; q; q = q.parent) if (q.node === ancestor) return true;
  return false;
}

export interface FindTeardownsOptions {
  catalog: Catalog;
  file: string;
  provenance: Provenance;
}

export function findTeardowns(root: Path, options: FindTeardownsOptions): Teardown[] {
  const program = root.node.type === 'File' ? root.node.program : root.node;
  const fileCtx = fileContext(options.file, program);
  const resolver = new OriginResolver(options.file, (init) => options.provenance.expr(init)?.t === 'instance');
  const found: Teardown[] = [];
  findPaths(root, 'CallExpression').forEach((call) => {
    const callee = call.node.callee;
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
    const method: string = callee.property.name;
    if (!TEARDOWN_METHODS.has(method)) return;
    const receiverPath = call.get('callee').get('object');
    const value = options.provenance.expr(receiverPath);
    // `sql.close()`: the module's own teardown of the one instance the library keeps (mssql's global pool).
    const global = value?.t === 'module' ? POOL_KINDS.find((k) => k.global && k.library === value.lib.library) : undefined;
    if (value?.t !== 'instance' && !global) return;
    const spec = global ?? (value?.t === 'instance' ? poolKind(value.kind.lib.library, value.kind.name) : undefined);
    if (!spec || !spec.teardown.includes(method)) return;
    const origin: PoolOrigin = global ? globalOrigin(global, receiverPath, options.file) : resolver.resolve(receiverPath);
    const context = callContext(call, fileCtx, program);
    const statement = wholeStatement(call);
    const receiver = jscodeshift(receiverPath).toSource();
    const verdict = verdictFor({ call, statement, spec, origin, context, ref: receiverRef(receiverPath) });
    found.push({ call, statement, receiver, method, spec, origin, context, verdict });
  });
  return found;
}

/** The library's own instance: one per process, never assigned by the code, keyed by library. */
function globalOrigin(spec: PoolKindSpec, receiver: Path, file: string): PoolOrigin {
  const name = receiver.node.type === 'Identifier' ? receiver.node.name : spec.library;
  return { scope: 'module', key: `${spec.library}#${spec.kind}`, name, file, at: receiver.node, imported: null, exported: false, reassigned: false };
}

interface VerdictInput {
  call: Path;
  statement: Path | null;
  spec: PoolKindSpec;
  origin: PoolOrigin;
  context: CallContext;
  ref: ReceiverRef | null;
}

/** Is the pool made once per process: a module-level binding here or in a project module, never reassigned? */
const processWide = (origin: PoolOrigin): boolean => origin.scope === 'module' && !origin.reassigned;

function verdictFor({ call, statement, spec, origin, context, ref }: VerdictInput): TeardownVerdict {
  if (context.kind === 'shutdown' || context.kind === 'script') return { action: 'leave', hook: context.kind, what: context.why };
  if (context.kind === 'test' || context.kind === 'module') return { action: 'leave', hook: null };
  // From here the call may run more than once per process. `fn` is the function that decided that.
  const fn = context.kind === 'per-call' ? context.fn : context.outer;
  // A pool made by code that encloses the call is that code's own lifecycle: one the same function makes and
  // ends is made anew each time it runs (also a callback's, or a method of an object a function returns).
  if (origin.scope === 'local') {
    if (origin.fn === context.fn.node && !spec.perCallLifecycle) return { action: 'report', reasonId: 'pool-per-call' };
    return { action: 'leave', hook: null };
  }
  // A single connection shared by the module cannot be opened again once ended, even by the same code.
  if (spec.single && context.kind === 'per-call' && processWide(origin) && ref && usesBefore(fn, ref, call)) {
    return { action: 'report', reasonId: 'single-connection', values: { evidence: context.evidence } };
  }
  // A function that opens and closes the same object runs its whole lifecycle: its close stays — except the
  // library's global instance, which every caller shares: opened and closed per call, it is made anew each time.
  if (ref && opensIt(fn, ref, spec)) return spec.global && context.kind === 'per-call' ? { action: 'report', reasonId: 'pool-per-call' } : { action: 'leave', hook: null };
  // A function that does nothing with the pool but close it is a closing function, whatever calls it.
  if (ref && !usesBefore(fn, ref, call)) return { action: 'leave', hook: 'shutdown', what: `${describeFunction(fn)}, which only closes it` };
  if (spec.single) return { action: 'leave', hook: null };
  if (context.kind === 'unknown' || context.kind === 'nested') {
    // Half the case for removal (a pool made once for the process) with no proof the call runs per call.
    if (!processWide(origin)) return { action: 'leave', hook: null };
    if (context.kind === 'nested') return { action: 'report', reasonId: 'teardown-in-callback', values: { where: context.where, evidence: context.evidence } };
    return { action: 'report', reasonId: 'context-unknown', values: { where: context.where } };
  }
  // Provably per call.
  if (origin.scope === 'unknown') return { action: 'report', reasonId: 'pool-origin-unknown', values: { why: origin.why } };
  if (origin.scope === 'param') return { action: 'report', reasonId: 'pool-origin-unknown', values: { why: `${origin.name} is a parameter, so the caller decides its lifetime` } };
  if (origin.scope === 'field') {
    const how = origin.injected ? 'passed to the constructor' : 'made by each instance';
    return { action: 'report', reasonId: 'pool-origin-unknown', values: { why: `this.${origin.name} is ${how}, and instances may be made per call` } };
  }
  if (origin.reassigned) return { action: 'report', reasonId: 'pool-reassigned' };
  const args = call.node.arguments.length;
  if (args > 0) {
    const fnArg = call.node.arguments.some((a: Node) => isFunction(a));
    return { action: 'report', reasonId: 'teardown-arguments', values: { detail: fnArg ? `its callback carries on the program once the ${spec.noun} is closed` : 'they change what the call does' } };
  }
  if (!statement) return { action: 'report', reasonId: 'teardown-in-expression' };
  const where = placement(statement, context.fn.node);
  if (!where.ok) return { action: 'report', reasonId: where.finally ? 'teardown-in-finally' : 'teardown-conditional', values: { detail: where.detail } };
  return { action: 'remove' };
}

/** Teardowns that close a pool once (a shutdown handler or function, a script's run), by origin key. */
export function hookKeys(teardowns: Teardown[], kinds: ('shutdown' | 'script')[] = ['shutdown', 'script']): Map<string, Teardown> {
  const keys = new Map<string, Teardown>();
  for (const t of teardowns) {
    if (t.verdict.action !== 'leave' || !t.verdict.hook || !kinds.includes(t.verdict.hook)) continue;
    if ('key' in t.origin && !keys.has(t.origin.key)) keys.set(t.origin.key, t);
  }
  return keys;
}
