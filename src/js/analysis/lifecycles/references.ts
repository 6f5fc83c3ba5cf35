// Every reference to a resource's variable, sorted: a release, a use, a transaction's begin or rollback, or
// what makes a rewrite unsafe (it escapes, is handed on, is used in a closure that may run later).
import { bindingOwner, bindingOwnerPath, collectPaths, enclosingFunction, isFunction as isFunctionNode, isValueReference, type Node, type Path, unwrapExpression } from '../ast';
import { Classified, FinderContext, Lifecycle, NotALifecycle, refuse, sourceText } from './model';
import { BEGIN_SQL, PASS_THROUGH, ROLLBACK_SQL, callInfo, callStatement, caughtCallOf, closureBetween, closureIsAwaitedArgument, closureRunsAtOnce, functionLabel, inFinally, isCallbackArgument, isShutdownHook, releaseOf, releaseStatement, runsOnceAtLoad, sqlText } from './flow';
import { handedOverAtOnce } from './shape';
import { executorResolve, releasedOnFailureOnly, returnReachedWithoutWork } from './handOff';
import { moduleFunctionLib } from '../../provenance/moduleFunctions';
import { handsBack } from '../../provenance/returns';

/** References to the variable declared in `owner` (a block) within `scopeRoot`. */
export function referencesOf(name: string, owner: Node, scopeRoot: Path, exclude: Set<Node>): Path[] {
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
/** `await client.close().catch(() => {});` as a statement of its own: the release, its failure swallowed. */
function caughtRelease(call: Path): { statement: Path; awaited: boolean } | null {
  const handler = call.parent?.parent;
  return handler && caughtCallOf(handler.node) === call.node ? callStatement(handler) : null;
}
/** `void pool.close();`: the release's promise thrown away on purpose, not its result used. */
function voided(call: Path): boolean {
  let cur = call;
  while (cur.parent?.node.type === 'TSNonNullExpression' || cur.parent?.node.type === 'ParenthesizedExpression') cur = cur.parent;
  return cur.parent?.node.type === 'UnaryExpression' && cur.parent.node.operator === 'void' && cur.parent.parent?.node.type === 'ExpressionStatement';
}
/** Sort every reference into release, use or a refusal. `scopeBlock` is the block the resource lives in. */
export function classify(lc: Lifecycle, refs: Path[], owner: Node, ctx?: FinderContext): Classified {
  const out: Classified = { releases: [], uses: [], transactionBegins: [], rollbacks: [], guardRefs: new Set(), handedOut: false };
  // Handed out inside a transaction by a project helper: the acquire is its begin.
  if (lc.begunAtAcquire) out.transactionBegins.push(lc.acquire);
  const releases = lc.resource.release;
  const tx = lc.resource.transactions;
  // Releases first, so that `if (x)` guards around them are known before the guard's own reference.
  const isRelease = (ref: Path) => {
    const info = releaseOf(ref, releases);
    return info && fromOwner(info.call, lc, ctx) ? info : null;
  };
  for (const ref of refs) {
    const info = isRelease(ref);
    if (!info) continue;
    const closure = closureBetween(ref, owner);
    if (closure) {
      // Closed when the process shuts down: a resource kept for the process, not a leak of one call.
      if (isShutdownHook(closure)) throw new NotALifecycle();
      // Acquired in a function too, into a variable declared outside it (mocha's `let conn` that hooks and
      // tests set): where the release sits says less than where the variable is shared.
      const home = closureBetween(lc.acquire, owner) ? enclosingFunction(lc.acquire) : null;
      if (home && isCallbackArgument(closure)) refuse('held-in-outer-variable', { at: lc.acquire.node, detail: functionLabel(home) });
      if (isCallbackArgument(closure)) refuse('released-in-callback', { at: ref.node });
      // A module's client that a function uses and closes in its finally (a script's run(), a seeder):
      // released on every path of that function, so nothing to report.
      if (owner.type === 'Program' && inFinally(releaseStatement(info.call, lc.name)?.statement)) throw new NotALifecycle();
      if (home) refuse('held-in-outer-variable', { at: lc.acquire.node, detail: functionLabel(home) });
      refuse('released-in-other-function', { at: ref.node, detail: functionLabel(closure) });
    }
    const plain = releaseStatement(info.call, lc.name);
    const caught = plain ? null : caughtRelease(info.call);
    const st = plain ?? caught;
    if (!st && voided(info.call)) refuse('release-voided', { method: info.method, at: ref.node });
    if (!st) refuse('release-result-used', { method: info.method, at: ref.node });
    if (st.statement.node.type === 'IfStatement') out.guardRefs.add(unwrapExpression(st.statement.node.test));
    out.releases.push({ statement: st.statement, call: info.call, method: info.method, awaited: st.awaited, role: 'exit', ...(caught ? { caught: true } : {}) });
  }
  const isGuardRef = (ref: Path) => {
    for (const g of out.guardRefs) {
      if (g === ref.node) return true;
      if (g.type === 'BinaryExpression' && (g.left === ref.node || g.right === ref.node)) return true;
    }
    return false;
  };
  // "Handed to a function that may keep it" only says what is not known: a later reference that shows where
  // it is kept (stored in an object, returned) or how it is used says more, and is the reason given.
  let mayBeKept: Path | null = null;
  const handedOn = (ref: Path) => {
    mayBeKept ??= ref;
    out.handedOut = true;
    out.uses.push(ref);
  };
  for (const ref of refs) {
    if (isRelease(ref)) continue;
    const info = callInfo(ref);
    if (isGuardRef(ref)) continue;
    const closure = closureBetween(ref, owner);
    if (closure && !closureIsAwaitedArgument(closure) && !runsWithinScope(ref, owner)) refuse('used-in-closure', { at: ref.node });
    if (info) {
      if (info.call && info.method && tx) {
        const sql = [tx.sqlMethod ?? []].flat().includes(info.method) ? sqlText(info.call.node.arguments[0]) : null;
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
          if (lc.form === 'declaration' && returnReachedWithoutWork(ref.parent, lc.statement, lc.block)) refuse('returned-on-some-paths', { at: ref.node, detail: String(ref.node.loc?.start.line ?? '?') });
          refuse('returned-after-work', { at: ref.node });
        }
        if (releasedOnFailureOnly(ref.parent, out.releases, lc.statement)) throw new NotALifecycle();
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
        if (field === 'callee') {
          // postgres.js: `sql(rows)` makes a fragment of a query on the resource, like a method call.
          if (lc.resource.callable) {
            out.uses.push(ref);
            break;
          }
          refuse('not-stored', { at: ref.node });
        }
        // `fs.writeSync(fd, …)`: the library's own synchronous function working on it, done when it returns.
        if (lc.resource.plainValue && ctx && moduleFunctionLib(ref.parent.get('callee'), ctx.provenance, ctx.catalog) === lc.kind.lib) {
          out.uses.push(ref);
          break;
        }
        // Logging, asserting or printing it keeps nothing: a use like any other.
        if (keepsNoArgument(parent)) {
          out.uses.push(ref);
          break;
        }
        // `open.push(fd)`, `cache.set(key, client)`: put in a collection, kept there.
        if (storesArgument(parent)) refuse('stored-in-object', { at: ref.node });
        // `resolve(c)` in the executor of the promise the function returns: handed to the caller, as by a `return`.
        const executor = field === 0 && parent.callee.type === 'Identifier' ? bindingOwnerPath(ref.parent.get('callee'), parent.callee.name) : null;
        if (executor && executorResolve(executor) === parent.callee.name) {
          if (out.releases.length === 0) {
            if (ref.parent.parent?.node.type === 'ExpressionStatement' && handedOverAtOnce(lc, ref.parent.parent)) throw new NotALifecycle();
            refuse('resolved-after-work', { at: ref.node, detail: parent.callee.name });
          }
          refuse('returned', { at: ref.node });
        }
        // A project function that releases what it is handed there: the release is its business.
        const callee = ctx?.provenance.expr(ref.parent.get('callee'));
        if (callee?.t === 'releases' && callee.params[String(field)]?.some((m) => lc.resource.release.some((r) => r.method === m))) {
          refuse('released-by-callee', { at: ref.node, detail: `${sourceText(parent.callee)}()` });
        }
        // (A closure here was already checked to be an awaited argument itself.)
        if (!isAwaitedChain(ref.parent)) {
          handedOn(ref);
          break;
        }
        out.handedOut = true;
        out.uses.push(ref);
        break;
      }
      case 'NewExpression':
        handedOn(ref);
        break;
      case 'TaggedTemplateExpression': {
        // postgres.js: ``reserved`SELECT …` `` is a query on the resource, like a method call.
        if (field !== 'tag') {
          handedOn(ref);
          break;
        }
        const sql = tx?.sqlTag && parent.quasi.expressions.length === 0 ? parent.quasi.quasis[0].value.cooked : null;
        if (sql && BEGIN_SQL.test(sql)) out.transactionBegins.push(ref.parent);
        if (sql && ROLLBACK_SQL.test(sql)) out.rollbacks.push(ref.parent);
        out.uses.push(ref);
        break;
      }
      case 'AssignmentExpression':
        // `conn = await beginWork(conn)`: a helper of this file that hands it back keeps it the same resource.
        if (field === 'left' && handsBack(ref.parent, lc.name)) {
          out.uses.push(ref);
          break;
        }
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
        // In a tagged template it is handed to the tag function (postgres.js's sql`…${client}`); in a plain one
        // it only becomes text, at once.
        if (ref.parent.parent?.node.type === 'TaggedTemplateExpression') handedOn(ref);
        else out.uses.push(ref);
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
  if (mayBeKept) refuse('passed-to-function', { at: (mayBeKept as Path).node });
  return out;
}
/**
 * A release on the resource's owner (`pool.releaseConnection(conn)`) is one only when called on where the
 * resource came from: the acquire's own receiver as written, or an instance of the kind that hands it out.
 */
function fromOwner(call: Path, lc: Lifecycle, ctx?: FinderContext): boolean {
  const callee = unwrapExpression(call.node.callee);
  const spec = lc.resource.release.find((r) => r.method === callee.property?.name);
  if (spec?.argumentOf !== 'owner') return true;
  const acquire = lc.acquire.node.type === 'CallExpression' ? unwrapExpression(lc.acquire.node.callee) : null;
  const receiver = unwrapExpression(callee.object);
  const acquiredFrom = acquire?.type === 'MemberExpression' ? unwrapExpression(acquire.object) : null;
  if (receiver.type === 'Identifier' && acquiredFrom?.type === 'Identifier' && receiver.name === acquiredFrom.name) return true;
  const owner = ctx?.provenance.expr(call.get('callee', 'object'));
  return owner?.t === 'instance' && owner.kind.lib === lc.kind.lib && Object.entries(lc.kind.lib.methods).some(([key, result]) => key.startsWith(`${owner.kind.name}.`) && result === lc.kind.name);
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
/** A collection's method that keeps what it is handed: an array's push/unshift, a Map's set, a Set's add. */
const STORING_METHODS = new Set(['push', 'unshift', 'set', 'add']);
function storesArgument(call: Node): boolean {
  const callee = unwrapExpression(call.callee);
  return (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed && callee.property.type === 'Identifier' && STORING_METHODS.has(callee.property.name);
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

/**
 * Handed out by a project helper inside a transaction, released here, and never committed nor rolled back:
 * every release gives the pool back the connection inside the open transaction, which no rewrite of the
 * release can change. (With a commit or a rollback somewhere, the paths decide: the usual analysis.)
 */
export function releasedInsideTransaction(lc: Lifecycle, refs: Path[], releaseRefs: Path[]): void {
  const tx = lc.resource.transactions;
  if (!lc.begunAtAcquire || !lc.resource.releaseKeepsTransaction || !tx || releaseRefs.length === 0) return;
  const ended = refs.some((ref) => {
    const info = callInfo(ref);
    if (!info?.call || !info.method) return false;
    const sql = [tx.sqlMethod ?? []].flat().includes(info.method) ? sqlText(info.call.node.arguments[0]) : null;
    return tx.rollback.includes(info.method) || tx.commit.includes(info.method) || (!!sql && (ROLLBACK_SQL.test(sql) || /^\s*(COMMIT|END)\b/i.test(sql)));
  });
  if (ended) return;
  const release = releaseOf(releaseRefs[0], lc.resource.release);
  if (release) lc.release = lc.resource.release.find((s) => s.method === release.method) ?? lc.release;
  refuse('transaction-no-rollback', { method: lc.release.method });
}

/** Every function between `ref` and the scope runs before the call it is handed to returns, or is awaited there. */
function runsWithinScope(ref: Path, owner: Node): boolean {
  for (let cur: Path | null = ref.parent; cur && cur.node !== owner; cur = cur.parent) {
    if (isFunctionNode(cur.node) && !closureRunsAtOnce(cur) && !closureIsAwaitedArgument(cur)) return false;
  }
  return true;
}
