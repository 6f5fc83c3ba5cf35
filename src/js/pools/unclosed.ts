// Pools made inside a function and never closed: `const pool = new Pool(cfg); await pool.query(…); return …`.
// Each run of the function leaves a pool behind, unreachable, with the connections it opened still open until
// they time out (if the library times idle ones out at all), and the process may not exit while they are.
// The teardown finder never sees such a pool: no call closes it. Reported, never rewritten: the remedy is a
// decision about the pool's lifetime (one per process, or closed before the function returns).
//
// Only what is certain is reported: the pool is held by a variable of the function, used there only by calls
// of its own methods (through property reads too: Prisma's `prisma.user.findMany()`; or of itself, as knex is
// called) that settle there, and nothing else refers to it — no teardown anywhere, not returned, stored,
// passed on, or read by a nested function that may outlive the function's work (a listener, a function
// handed out); a promise's executor, a timer, a query's callback or a local function it calls itself may.
import { LIBRARIES, type Catalog } from '../../catalog/js';
import { escapeRegExp } from '../../core/regex';
import { POOL_KINDS, poolKind, type PoolKindSpec } from '../../catalog/js/pools';
import type { Provenance } from '../provenance/values';
import { bindingOwnerPath, collectPaths, isFunction, type Node, type Path } from '../analysis/ast';
import { referencesOf } from '../analysis/lifecycles/references';
import { callContext, describeFunction, exitsProcess, fileContext } from './context';
import { unwrapPath } from './origin';

export interface UnclosedPool {
  /** The expression that makes the pool. */
  at: Node;
  name: string;
  spec: PoolKindSpec;
  /** The function that makes it, in words. */
  where: string;
}

/** Kinds a process should make once: pools and pooling clients (not single connections, nor kinds whose per-call lifecycle is the lifecycles transform's). */
const ONCE_PER_PROCESS = POOL_KINDS.filter((k) => !k.single && !k.perCallLifecycle && !k.global);

/** A file that names none of their libraries' modules (nor imports a project module with a resource) cannot make one. */
const libraries = new Set(ONCE_PER_PROCESS.map((k) => k.library));
export const NAMES_POOL_LIBRARY = new RegExp(
  `['"\`](?:${LIBRARIES.filter((l) => libraries.has(l.library)).flatMap((l) => Object.keys(l.modules)).map(escapeRegExp).join('|')})['"\`]`,
);

export function findUnclosedPools(root: Path, options: { catalog: Catalog; file: string; provenance: Provenance }): UnclosedPool[] {
  const program = root.node.type === 'File' ? root.node.program : root.node;
  const fileCtx = fileContext(options.file, program);
  const found: UnclosedPool[] = [];
  for (const decl of collectPaths(root, (n) => n.type === 'VariableDeclarator' && n.id?.type === 'Identifier' && !!n.init)) {
    const init = unwrapPath(decl.get('init'));
    if (init.node.type !== 'NewExpression' && init.node.type !== 'CallExpression') continue;
    const value = options.provenance.expr(init);
    if (value?.t !== 'instance') continue;
    const spec = poolKind(value.kind.lib.library, value.kind.name);
    if (!spec || !ONCE_PER_PROCESS.includes(spec)) continue;
    const around = enclosingFunctions(decl);
    const fn = around[0];
    if (!fn) continue;
    // Made while the module loads (a callback the top level runs once): the module's own pool. Code that
    // ends the process takes the pool's connections with it.
    const context = callContext(decl, fileCtx, program);
    if (context.kind === 'module' || context.kind === 'shutdown' || around.some((f) => exitsProcess(f.node))) continue;
    const name: string = decl.node.id.name;
    const owner = bindingOwnerPath(decl.get('id'), name)?.node;
    if (!owner || !keptInFunction(fn, name, owner, spec)) continue;
    found.push({ at: init.node, name, spec, where: describeFunction(fn) });
  }
  return found;
}

/** The functions around `p`, innermost first. */
function enclosingFunctions(p: Path): Path[] {
  const out: Path[] = [];
  for (let q: Path | null = p.parent; q; q = q.parent) if (isFunction(q.node)) out.push(q);
  return out;
}

/**
 * Is every reference to the variable (bound by `owner`) a call of its own methods (or of itself, as knex is
 * called) made in `fn` or in a function that stays within its work, with at least one and no teardown?
 * Anything else may keep or close the pool somewhere this cannot see.
 */
function keptInFunction(fn: Path, name: string, owner: Node, spec: PoolKindSpec): boolean {
  let used = false;
  const refs = referencesOf(name, owner, fn, new Set());
  const isPool = (n: Node) => refs.some((r) => r.node === n);
  const memo = new Map<Node, boolean>();
  for (const ref of refs) {
    // Read in a nested function: only one that runs within the function's own work and is reachable from nowhere else.
    const inner = between(ref, fn);
    if (!inner || !inner.every((g) => staysLocal(g, fn, isPool, memo))) return false;
    const parent = ref.parent!.node;
    if (isCallNode(parent) && ref.name === 'callee') {
      if (!settles(ref.parent!)) return false;
      used = true;
      continue;
    }
    if (!isMember(parent) || ref.name !== 'object' || parent.computed) return false;
    if (spec.teardown.includes(parent.property.name)) return false;
    // Up through property reads to the call they make: `pool.query()`, Prisma's `prisma.user.findMany()`.
    let top = ref.parent!;
    while (isMember(top.parent?.node) && top.name === 'object' && !top.parent!.node.computed) top = top.parent!;
    const call = top.parent;
    const called = (isCallNode(call?.node) && top.name === 'callee') || (call?.node.type === 'TaggedTemplateExpression' && top.name === 'tag');
    // A property read that goes anywhere else may hand on what holds the pool (a Prisma delegate).
    if (!called || !settles(call!)) return false;
    used = true;
  }
  return used;
}

/** Calls that run a callback they are given and keep nothing of it once it has run. */
const RUNS_ONCE = new Set(['setTimeout', 'setImmediate', 'queueMicrotask']);
const RUNS_AND_DROPS = new Set(['then', 'catch', 'finally', 'map', 'forEach', 'filter', 'reduce', 'some', 'every', 'find', 'findIndex', 'flatMap']);

/** The functions strictly between `p` and `fn` (innermost first); null when `p` is not inside `fn`. */
function between(p: Path, fn: Path): Path[] | null {
  const chain = enclosingFunctions(p);
  const at = chain.findIndex((g) => g.node === fn.node);
  return at < 0 ? null : chain.slice(0, at);
}

/**
 * Does the nested function `g` (inside `fn`) stay within `fn`'s own work, reachable from nowhere else: a
 * callback that a promise, a timer, an array method or a call on the pool itself runs and then drops, or a
 * local function whose every reference is a call made in `fn` (or in such a function)?
 */
function staysLocal(g: Path, fn: Path, isPool: (n: Node) => boolean, memo: Map<Node, boolean>): boolean {
  const known = memo.get(g.node);
  if (known !== undefined) return known;
  // A local function that calls itself: as local as its other calls make it.
  memo.set(g.node, true);
  const answer = localUse(g, fn, isPool, memo);
  memo.set(g.node, answer);
  return answer;
}

function localUse(g: Path, fn: Path, isPool: (n: Node) => boolean, memo: Map<Node, boolean>): boolean {
  const up = g.parent;
  if (!up) return false;
  const parent = up.node;
  if (parent.type === 'NewExpression' && g.name !== 'callee') return parent.callee.type === 'Identifier' && parent.callee.name === 'Promise';
  if (isCallNode(parent) && g.name !== 'callee') {
    const callee = parent.callee;
    if (callee.type === 'Identifier') return RUNS_ONCE.has(callee.name);
    if (!isMember(callee) || callee.computed) return false;
    if (isPool(callee.object)) return true;
    // `.then(cb)`, `.map(cb)`: dropped once run, when what the call returns goes no further (a stream's map keeps it).
    return RUNS_AND_DROPS.has(callee.property.name) && (settles(up) || inAwaitedCombinator(up));
  }
  if (parent.type !== 'VariableDeclarator' || g.name !== 'init' || parent.id.type !== 'Identifier') return false;
  const name: string = parent.id.name;
  const owner = bindingOwnerPath(up.get('id'), name)?.node;
  if (!owner) return false;
  return referencesOf(name, owner, fn, new Set()).every((r) => {
    if (!isCallNode(r.parent?.node) || r.name !== 'callee') return false;
    const inner = between(r, fn);
    return !!inner && inner.every((h) => staysLocal(h, fn, isPool, memo));
  });
}

/** `await Promise.all(items.map(cb))`: an array of promises handed to a combinator that settles there. */
function inAwaitedCombinator(call: Path): boolean {
  const outer = call.parent;
  const callee = outer?.node.callee;
  return (
    isCallNode(outer?.node) &&
    call.name !== 'callee' &&
    isMember(callee) &&
    callee.object.type === 'Identifier' &&
    callee.object.name === 'Promise' &&
    ['all', 'allSettled', 'race', 'any'].includes(callee.property.name) &&
    settles(outer!)
  );
}

const isMember = (n: Node | undefined): boolean => n?.type === 'MemberExpression' || n?.type === 'OptionalMemberExpression';
const isCallNode = (n: Node | undefined): boolean => n?.type === 'CallExpression' || n?.type === 'OptionalCallExpression';

/**
 * A call on the pool (or a chain of calls from it: knex's `db('users').select()`) whose result goes no
 * further than an `await` or a statement of its own: a result that is returned or kept may be, or hold,
 * the pool itself (mysql2's `pool.promise()`).
 */
function settles(call: Path): boolean {
  let top = call;
  for (;;) {
    const member = top.parent;
    const next = member?.parent;
    if (!member || !next || !isMember(member.node) || top.name !== 'object') break;
    if (!isCallNode(next.node) || member.name !== 'callee') break;
    top = next;
  }
  const up = top.parent?.node;
  return up?.type === 'AwaitExpression' || up?.type === 'ExpressionStatement';
}
