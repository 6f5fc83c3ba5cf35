// Resources whose work goes on in callbacks the library calls later: one handed to the acquire's error-first
// callback (`pool.getConnection((err, conn) => …)`), or one released inside the callback of its own method
// (`db.all(sql, (err, rows) => { …; db.close(); })`). No rewrite can hold such a release: a try/finally
// around a callback's body would release before the work it started is done. What can be said is whether
// every path through those callbacks reaches the release — then there is nothing to report — or which path
// is the first that does not: an early return, a throw, a call that can throw before the release, the end.
import { collectPaths, isFunction, isValueReference, bindingOwner, type Node, type Path, unwrapExpression, walk } from '../ast';
import { baseLifecycle, Candidate, Lifecycle, refused } from './model';
import { cannotThrow, isPresenceGuard } from './flow';
import { errorBranch, withoutErrorBranches } from './errorBranches';
import { releaseFirst, type FirstHeld, type ReleaseFirst } from './releaseFirst';

/** The resource as the paths see it: its name and the calls that let go of it. */
interface Held {
  name: string;
  releases: Set<string>;
  /** A parameter that releases when called (pg's `done`). */
  releaseParam: string | null;
  /** Its methods whose last function argument the library calls exactly once; `sync`: at once. */
  once: Set<string>;
  sync: Set<string>;
  /** `release()`, for messages. */
  label: string;
  /** Functions whose calls cannot throw: a promise executor's `resolve` and `reject`. */
  quiet?: Set<string>;
}

interface Scope {
  /** Where a path leaves, in messages: `the callback of getConnection()`. */
  where: string;
  /** The acquire callback's error parameter: its branch of an `if` holds no resource. */
  err: string | null;
  /** Inside a try block with a catch: a throw goes to the catch, whose path is followed on its own. */
  caught: boolean;
}

/** What runs after the current statement: the rest of a list, then what follows it. */
type Cont = { list: Node[]; index: number; scope: Scope; next: Cont } | typeof JOIN | null;
/**
 * The end of a branch (an `if`'s, a try's): its paths that get there go on with the statements after it,
 * which are followed once for all of them — not once per branch, which doubles with every `if`.
 */
const JOIN = Symbol('join');

export interface Leak {
  detail: string;
  at: Node;
  /** How the path leaves unreleased: it ends or returns, throws, or is not followed (a loop, a release elsewhere). */
  how: 'ends' | 'throws' | 'unknown';
}

const MAX_STEPS = 5000;
const lineOf = (n: Node): number => n?.loc?.start.line ?? 0;
const CONSOLE = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir']);

function member(callee: Node): { object: Node; name: string } | null {
  const c = unwrapExpression(callee);
  if ((c.type !== 'MemberExpression' && c.type !== 'OptionalMemberExpression') || c.computed || c.property.type !== 'Identifier') return null;
  return { object: unwrapExpression(c.object), name: c.property.name };
}

function isCall(n: Node): boolean {
  return n?.type === 'CallExpression' || n?.type === 'OptionalCallExpression';
}

/** `conn.query(…)`: a method called on the resource itself. */
function heldMethod(e: Node, held: Held): string | null {
  if (!isCall(e)) return null;
  const m = member(e.callee);
  return m && m.object.type === 'Identifier' && m.object.name === held.name ? m.name : null;
}

/** `conn.release()`, `await conn.end()`, `done()`: a call that lets go of the resource (any arguments). */
function isReleaseCall(e: Node, held: Held): boolean {
  let x = unwrapExpression(e);
  if (x?.type === 'AwaitExpression') x = unwrapExpression(x.argument);
  if (!isCall(x)) return false;
  const callee = unwrapExpression(x.callee);
  if (held.releaseParam && callee.type === 'Identifier' && callee.name === held.releaseParam) return true;
  const method = heldMethod(x, held);
  return !!method && held.releases.has(method);
}

/** `conn.release();` or `if (conn) conn.release();` */
function isReleaseStatement(s: Node, held: Held): boolean {
  if (s?.type === 'IfStatement' && !s.alternate && isPresenceGuard(s.test, held.name)) {
    const inner = s.consequent.type === 'BlockStatement' && s.consequent.body.length === 1 ? s.consequent.body[0] : s.consequent;
    return isReleaseStatement(inner, held);
  }
  return s?.type === 'ExpressionStatement' && isReleaseCall(s.expression, held);
}

/** Does the function bind one of the resource's names itself (a parameter of the same name)? */
function rebinds(fn: Node, held: Held): boolean {
  const names = new Set((fn.params ?? []).filter((p: Node) => p.type === 'Identifier').map((p: Node) => p.name));
  return names.has(held.name) || (!!held.releaseParam && names.has(held.releaseParam));
}

/**
 * The first release call inside `node`, nested functions included (not those that rebind the names), with
 * the call whose argument holds the function it is in: `{ release, via: 'setTimeout' }`.
 */
function findRelease(node: Node, held: Held): { release: Node; via: string | null } | null {
  let found: { release: Node; via: string | null } | null = null;
  const visit = (n: Node, via: string | null): void => {
    if (found || !n || typeof n.type !== 'string') return;
    if (isFunction(n) && rebinds(n, held)) return;
    if (isReleaseCall(n, held) && isCall(unwrapExpression(n))) {
      found = { release: n, via };
      return;
    }
    const callName = isCall(n) || n.type === 'NewExpression' ? (member(n.callee)?.name ?? (unwrapExpression(n.callee).type === 'Identifier' ? unwrapExpression(n.callee).name : 'a call')) : null;
    for (const key of Object.keys(n)) {
      if (key === 'loc' || key === 'comments' || key === 'leadingComments' || key === 'trailingComments' || key === 'extra') continue;
      const v = n[key];
      const children = Array.isArray(v) ? v : [v];
      for (const c of children) {
        if (!c || typeof c.type !== 'string') continue;
        visit(c, callName && key === 'arguments' && isFunction(c) ? callName : via);
      }
    }
  };
  visit(node, null);
  return found;
}

/** `conn.query(sql)`, `conn.query(sql).on('result', f)`: the resource's own call, or a chain on its result. */
function ownChain(call: Node, held: Held): boolean {
  let c: Node = call;
  while (isCall(c)) {
    if (heldMethod(c, held) !== null) return true;
    const m = member(c.callee);
    if (!m) return false;
    c = m.object;
  }
  return false;
}

/** Can evaluating `e` throw before it completes? Calls can, except the resource's own (errors go to their callbacks or events) and console's. */
function mayThrow(e: Node, held: Held): boolean {
  let throws = false;
  walk(e, (n) => {
    if (throws) return false;
    if (isCall(n)) {
      const m = member(n.callee);
      const own = ownChain(n, held);
      const logging = !!m && m.object.type === 'Identifier' && m.object.name === 'console' && CONSOLE.has(m.name);
      const quiet = n.callee.type === 'Identifier' && !!held.quiet?.has(n.callee.name);
      if (!own && !logging && !quiet) throws = true;
      // `db.serialize(() => …)` runs its function before it returns: what that throws, it throws.
      const method = heldMethod(n, held);
      if (method && held.sync.has(method) && n.arguments.some((a: Node) => isFunction(a) && a.body && mayThrow(a.body, held))) throws = true;
    } else if (['NewExpression', 'TaggedTemplateExpression', 'AwaitExpression', 'YieldExpression', 'ThrowStatement', 'ForOfStatement', 'ForInStatement'].includes(n.type)) throws = true;
    return !throws;
  });
  return throws;
}

type Value = 'released' | 'none' | 'throws' | Leak;

class Walker {
  private steps = 0;

  /** `functions`: the file's function declarations by name, for releases through a helper. */
  constructor(
    private readonly held: Held,
    private readonly functions: Map<string, Node>,
    private readonly depth = 0,
  ) {}

  /** A release call, or a helper's, anywhere in `node` (nested functions included). */
  private releasesSomewhere(node: Node): boolean {
    if (findRelease(node, this.held)) return true;
    let found = false;
    walk(node, (n) => {
      if (!found && isCall(n) && this.releasedByHelper(n)) found = true;
      return !found;
    }, true);
    return found;
  }

  /** `doRelease(conn)`: a function of this file whose every path releases that parameter. */
  private releasedByHelper(x: Node): boolean {
    if (!isCall(x) || this.depth > 3) return false;
    const callee = unwrapExpression(x.callee);
    const fn = callee.type === 'Identifier' ? this.functions.get(callee.name) : undefined;
    const at = x.arguments.findIndex((a: Node) => unwrapExpression(a).type === 'Identifier' && unwrapExpression(a).name === this.held.name);
    const param = fn && at >= 0 ? fn.params[at] : null;
    if (!fn || param?.type !== 'Identifier' || fn.async || fn.generator) return false;
    const inner = new Walker({ ...this.held, name: param.name, releaseParam: null }, this.functions, this.depth + 1);
    return inner.function(fn, `${callee.name}()`, null, true) === null;
  }

  /** The paths of a function's body: null when every one releases, 'none' when it never releases at all. */
  function(fn: Node, where: string, err: string | null, own = false): Leak | null | 'none' {
    // A release only where the acquire failed (`if (err) { conn.release(); … }`, with no connection) is none.
    if ((!own && rebinds(fn, this.held)) || !this.releasesSomewhere(err ? withoutErrorBranches(fn.body, err) : fn.body)) return 'none';
    const scope: Scope = { where, err, caught: false };
    if (fn.body.type !== 'BlockStatement') {
      const v = this.value(fn.body, scope);
      if (v === 'released') return null;
      if (typeof v === 'object') return v;
      return { detail: `${where} returns at line ${lineOf(fn.body)} without ${this.held.label}`, at: fn.body, how: 'ends' };
    }
    return this.run({ list: fn.body.body, index: 0, scope, next: null }, { where, at: fn.body });
  }

  /** The statements after a declaration, to the end of its function's body. */
  statements(list: Node[], index: number, where: string, end: Node): Leak | null {
    return this.run({ list, index, scope: { where, err: null, caught: false }, next: null }, { where, at: end });
  }

  /** A whole function's paths (no branch is open at its end). */
  private run(start: Cont, end: { where: string; at: Node }): Leak | null {
    const r = this.go(start, end);
    return r === JOIN ? null : r;
  }

  private value(e: Node, scope: Scope): Value {
    const held = this.held;
    if (isReleaseCall(e, held) || this.releasedByHelper(unwrapExpression(e))) return 'released';
    let x = unwrapExpression(e);
    if (x?.type === 'AwaitExpression' && heldMethod(unwrapExpression(x.argument), held)) x = unwrapExpression(x.argument);
    const method = heldMethod(x, held);
    const last = x?.arguments?.[x.arguments.length - 1];
    if (method && held.once.has(method) && last && isFunction(last)) {
      if (x.arguments.slice(0, -1).some((a: Node) => mayThrow(a, held))) return 'throws';
      const inner = this.function(last, `the callback of ${method}()`, null);
      if (inner === null) return 'released';
      if (inner !== 'none') return inner;
      return 'none';
    }
    // `new Promise((resolve, reject) => …)` runs its executor at once, exactly once; resolve() and reject() do not throw.
    const executor = x?.type === 'NewExpression' && unwrapExpression(x.callee).type === 'Identifier' && unwrapExpression(x.callee).name === 'Promise' ? x.arguments[0] : null;
    if (executor && isFunction(executor) && !executor.async && findRelease(executor, held)) {
      const quiet = new Set([...(held.quiet ?? []), ...executor.params.filter((p: Node) => p.type === 'Identifier').map((p: Node) => p.name)]);
      const inner = new Walker({ ...held, quiet }, this.functions, this.depth).function(executor, 'the promise executor', null);
      if (inner === null) return 'released';
      if (inner !== 'none') return inner;
    }
    const nested = findRelease(x, held);
    if (nested) {
      const via = nested.via ? `a callback of ${nested.via}()` : 'a function';
      return { detail: `${held.label} at line ${lineOf(nested.release)} runs in ${via}, which is not known to run exactly once`, at: nested.release, how: 'unknown' };
    }
    return mayThrow(x, held) ? 'throws' : 'none';
  }

  private thrown(s: Node, scope: Scope): Leak {
    return { detail: `an error thrown at line ${lineOf(s)} leaves ${scope.where} before ${this.held.label}`, at: s, how: 'throws' };
  }

  private go(start: Cont, end: { where: string; at: Node }): Leak | null | typeof JOIN {
    const held = this.held;
    let k = start;
    while (k) {
      if (k === JOIN) return JOIN;
      if (++this.steps > MAX_STEPS) return { detail: `${end.where} has more paths than are followed`, at: end.at, how: 'unknown' };
      if (k.index >= k.list.length) {
        k = k.next;
        continue;
      }
      const s = k.list[k.index];
      const scope = k.scope;
      const rest: Cont = { ...k, index: k.index + 1 };
      if (isReleaseStatement(s, held)) return null;
      switch (s.type) {
        case 'EmptyStatement':
        case 'FunctionDeclaration':
        case 'ClassDeclaration':
        case 'DebuggerStatement':
        case 'TSTypeAliasDeclaration':
        case 'TSInterfaceDeclaration':
          k = rest;
          continue;
        case 'BlockStatement':
          k = { list: s.body, index: 0, scope, next: rest };
          continue;
        case 'ExpressionStatement':
        case 'VariableDeclaration': {
          const values: Node[] = s.type === 'ExpressionStatement' ? [s.expression] : s.declarations.map((d: Node) => d.init).filter(Boolean);
          for (const e of values) {
            const v = this.value(e, scope);
            if (v === 'released') return null;
            if (typeof v === 'object') return v;
            if (v === 'throws' && !scope.caught) return this.thrown(s, scope);
          }
          k = rest;
          continue;
        }
        case 'ReturnStatement': {
          if (s.argument) {
            const v = this.value(s.argument, scope);
            if (v === 'released') return null;
            if (typeof v === 'object') return v;
          }
          return { detail: `the \`return\` at line ${lineOf(s)} leaves ${scope.where} without ${held.label}`, at: s, how: 'ends' };
        }
        case 'ThrowStatement':
          // Caught: this path goes on in the catch, which is followed on its own.
          if (scope.caught) return null;
          return { detail: `the \`throw\` at line ${lineOf(s)} leaves ${scope.where} without ${held.label}`, at: s, how: 'throws' };
        case 'IfStatement': {
          const t = this.value(s.test, scope);
          if (t === 'released' || typeof t === 'object') return t === 'released' ? null : t;
          if (t === 'throws' && !scope.caught) return this.thrown(s, scope);
          // (The branch where the resource itself is absent, `if (conn != null)`'s missing else, holds nothing either.)
          const absent = errorBranch(s.test, held.name);
          const errorSide = (scope.err ? errorBranch(s.test, scope.err) : null) ?? (absent === 'consequent' ? 'alternate' : absent === 'alternate' ? 'consequent' : null);
          // Each branch on its own; the statements after the `if` once, if some path gets there unreleased.
          let joins = errorSide === 'consequent' && !s.alternate;
          for (const branch of [errorSide !== 'consequent' ? s.consequent : null, errorSide !== 'alternate' ? (s.alternate ?? null) : null]) {
            if (!branch) continue;
            const r = this.go({ list: [branch], index: 0, scope, next: JOIN }, end);
            if (r === JOIN) joins = true;
            else if (r) return r;
          }
          if (errorSide !== 'alternate' && !s.alternate) joins = true;
          if (!joins) return null;
          k = rest;
          continue;
        }
        case 'TryStatement': {
          // A finally that releases releases every path through the try.
          if (s.finalizer?.body.some((f: Node) => isReleaseStatement(f, held))) return null;
          const after: Cont = s.finalizer ? { list: [s.finalizer], index: 0, scope, next: rest } : rest;
          if (s.handler) {
            const tried = this.go({ list: s.block.body, index: 0, scope: { ...scope, caught: true }, next: JOIN }, end);
            if (tried && tried !== JOIN) return tried;
            const caught = this.go({ list: s.handler.body.body, index: 0, scope, next: JOIN }, end);
            if (caught && caught !== JOIN) return caught;
            if (tried !== JOIN && caught !== JOIN) return null;
            k = after;
            continue;
          }
          k = { list: s.block.body, index: 0, scope, next: after };
          continue;
        }
        default: {
          // Loops, switches, labels: followed only when nothing in them releases or leaves.
          let leaves: Node | null = null;
          walk(s, (n) => {
            if (!leaves && (n.type === 'ReturnStatement' || n.type === 'ThrowStatement')) leaves = n;
            return !leaves;
          });
          const release = findRelease(s, held);
          if (release || leaves) {
            const what = /(For|While)/.test(s.type) ? 'loop' : s.type === 'SwitchStatement' ? 'switch' : 'statement';
            return { detail: `the paths through the ${what} at line ${lineOf(s)} are not followed`, at: s, how: 'unknown' };
          }
          if (mayThrow(s, held) && !scope.caught) return this.thrown(s, scope);
          k = rest;
          continue;
        }
      }
    }
    const last = end.at.loc?.end.line ?? lineOf(end.at);
    return { detail: `${end.where} ends at line ${last} without ${held.label}`, at: end.at, how: 'ends' };
  }
}

/** The file's function declarations, by name (a name declared twice is left out: which one runs is unclear). */
function functionsOf(p: Path): Map<string, Node> {
  let root = p;
  while (root.parent) root = root.parent;
  const byName = new Map<string, Node>();
  const twice = new Set<string>();
  walk(root.node, (n) => {
    if (n.type === 'FunctionDeclaration' && n.id) {
      if (byName.has(n.id.name)) twice.add(n.id.name);
      byName.set(n.id.name, n);
    }
  }, true);
  for (const name of twice) byName.delete(name);
  return byName;
}

function heldOf(c: { resource: Candidate['resource'] }, name: string, releaseParam: string | null): Held {
  const releases = c.resource.release.map((r) => r.method);
  const r = c.resource;
  return { name, releases: new Set(releases), releaseParam, once: new Set(r.onceCallbacks ?? []), sync: new Set(r.syncCallbacks ?? []), label: `${releaseParam ?? releases[0]}()` };
}

function acquireLabel(call: Node): string {
  const callee = unwrapExpression(call.callee);
  const name = callee.type === 'Identifier' ? callee.name : member(callee)?.name;
  return name ? `${name}()` : 'the acquire';
}

/**
 * `pool.getConnection((err, conn) => …)`: the resource lives in the callback's parameter. No finding when
 * every path out of the callback (and the callbacks of the resource's own methods it starts) releases it, or
 * when it never releases it but hands it on (to a function, a field, the caller's callback).
 */
export function analyseCallbackHeld(c: Candidate, callback: Path): Lifecycle | null {
  const spec = c.resource.callbackParam!;
  const fn = callback.node;
  const param = fn.params[spec.index];
  const where = `the callback of ${acquireLabel(c.acquire.node)}`;
  if (!param) return refused(baseLifecycle(c, c.resource.noun), { reasonId: 'never-released' });
  if (param.type !== 'Identifier') return null; // destructured: not followed
  const lc = baseLifecycle(c, param.name);
  const errParam = fn.params[0];
  const releaseParam = spec.releaseParam !== undefined && fn.params[spec.releaseParam]?.type === 'Identifier' ? fn.params[spec.releaseParam].name : null;
  const held = heldOf(c, param.name, releaseParam);
  const run = () => new Walker(held, functionsOf(callback)).function(fn, where, errParam?.type === 'Identifier' ? errParam.name : null, true);
  const result = run();
  if (result === null) return null;
  if (result === 'none') return handedOn(callback, param.name) ? null : refused(lc, { reasonId: 'never-released' });
  const first = releaseFirst(fn, firstHeld(held), () => run() === null);
  if (first) return Object.assign(lc, { releaseFirst: first });
  return refused(lc, { reasonId: 'callback-path-unreleased', detail: result.detail });
}

/** Is the parameter used other than as the receiver of its own methods (passed, returned, stored)? */
function handedOn(fn: Path, name: string): boolean {
  const param = fn.node.params.find((p: Node) => p.type === 'Identifier' && p.name === name);
  return collectPaths(fn, (n: Node) => n.type === 'Identifier' && n.name === name && n !== param).some((ref) => {
    if (!isValueReference(ref) || bindingOwner(ref, name) !== fn.node) return false;
    const parent = ref.parent?.node;
    return !((parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && ref.name === 'object');
  });
}

/**
 * `const db = new Database(f); db.all(sql, (err, rows) => { …; db.close(); })`: a declared resource whose
 * release sits in the callback of one of its own methods. `every-path` when every path from the declaration
 * to the end of its function releases it; a leak for the first that does not; null when this is not that
 * shape (no release inside a callback, or the declaration is not a statement of a function's own body).
 */
export function releasedThroughCallbacks(lc: Lifecycle, releaseRefs: Path[]): Leak | 'every-path' | { releaseFirst: ReleaseFirst[] } | null {
  if (!lc.resource.onceCallbacks?.length || lc.form !== 'declaration') return null;
  const block = lc.block;
  if (!releaseRefs.some((r) => inOwnCallback(r, lc, block.node))) return null;
  const fnNode = block.parent?.node;
  const topLevel = block.node.type === 'Program';
  if (!topLevel && (!isFunction(fnNode) || fnNode.body !== block.node)) return null;
  const held = heldOf(lc, lc.name, null);
  const index = (lc.statement.name as number) + 1;
  const run = () => new Walker(held, functionsOf(block)).statements(block.node.body, index, topLevel ? 'the module' : 'the function', block.node);
  const leak = run();
  if (!leak) return 'every-path';
  const first = releaseFirst({ type: 'BlockStatement', body: block.node.body.slice(index) }, firstHeld(held), () => run() === null, block.node);
  return first ? { releaseFirst: first } : leak;
}

/** The held resource as releaseFirst sees it: only its own release calls move (not a `done` parameter). */
function firstHeld(held: Held): FirstHeld {
  const own: Held = { ...held, releaseParam: null };
  return { name: held.name, once: held.once, isRelease: (s) => isReleaseStatement(s, own) && s.type === 'ExpressionStatement' };
}

/** Is the innermost function around `p` (below `stop`) the last argument of `name.<once method>(…)`? */
function inOwnCallback(p: Path, lc: Lifecycle, stop: Node): boolean {
  for (let cur: Path | null = p.parent; cur && cur.node !== stop; cur = cur.parent) {
    if (!isFunction(cur.node)) continue;
    const call = cur.parent?.node;
    const method = call && heldMethod(call, heldOf(lc, lc.name, null));
    return !!method && (lc.resource.onceCallbacks ?? []).includes(method) && call.arguments[call.arguments.length - 1] === cur.node;
  }
  return false;
}

/**
 * `const c = mysql.createConnection(cfg); c.connect(); c.query(sql, cb); c.end();`: a release that waits for the
 * work already queued, reached after nothing but the resource's own calls (which report errors to their
 * callbacks) and statements that cannot throw. It runs on every path: already safe, nothing to do.
 */
export function queuedReleaseReached(lc: Lifecycle): boolean {
  if (!lc.resource.queuedRelease || lc.form !== 'declaration') return false;
  const held = heldOf(lc, lc.name, null);
  const list: Node[] = lc.block.node.body;
  for (let i = (lc.statement.name as number) + 1; i < list.length; i++) {
    const s = list[i];
    if (isReleaseStatement(s, held)) return true;
    if (cannotThrow(s)) continue;
    const e = s.type === 'ExpressionStatement' ? unwrapExpression(s.expression) : null;
    if (!e || heldMethod(e, held) === null || mayThrow(e, held)) return false;
  }
  return false;
}

/**
 * `function queryResult(conn, sql) { … conn.release() … }`: the paths of a function that releases its own
 * parameter `name`. Null when every one releases it, 'none' when none does, else the first that leaves it held.
 */
export function parameterPaths(resource: Candidate['resource'], fn: Path, name: string, where: string): Leak | null | 'none' {
  return new Walker(heldOf({ resource }, name, null), functionsOf(fn)).function(fn.node, where, null, true);
}
