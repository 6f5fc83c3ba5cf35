// The shape of each acquire: how its value is held (a declaration, `let x; try { x = … }`, a module's variable,
// a factory's return), which decides whether it is a lifecycle of one call at all and which analysis applies.
import { bindingOwnerPath, collectPaths, declaredNames, enclosingFunction, isFunction, isInside, isNullishLiteral, type Node, type Path, unwrapExpression, walk } from '../ast';
import { Candidate, FinderContext, Lifecycle, NotALifecycle, baseLifecycle, refuse, refused, sourceText, withVerdict } from './model';
import { alwaysExits, argumentReleaseName, callInfo, cannotThrow, caughtCallOf, failureExpected, inFinally, isArgumentRelease, isListenerSetup, isPresenceGuard, isStatementList, outermost, releaseOf, releaseStatement, runsOnceAtLoad } from './flow';
import { classify, referencesOf, releasedInsideTransaction } from './references';
import { finishAnalysis } from './verdict';
import { resolvedBy, returnedBy, returnsWhatClosureMakes, workBetween } from './handOff';
import { RELEASE_NAMES, type ReleaseSpec } from '../../../catalog/js';
import { analyseCallbackHeld, queuedReleaseReached, releasedThroughCallbacks } from './callbackPaths';
import { classReleasesField } from './fieldRelease';
import { handsBack } from '../../provenance/returns'; // (`c = await beginWork(c)`)
import { releasedBySettledChain } from './promiseChain';
import { leftOpenByScript, scriptDetail, thenLeftOpen } from './script';

export function analyse(c: Candidate, ctx: FinderContext): Lifecycle | null {
  const lc = analyseCandidate(c, ctx);
  // Code that already releases in a finally around all its work leaks nothing: if no style can restate it,
  // there is nothing to report either (a report would fail `--check` on correct code).
  if (lc && !lc.verdict.fix && releasedInFinally(c, lc.name)) {
    // …except that a pooled connection goes back with a transaction the failure path never rolled back.
    if (lc.verdict.reasonId === 'transaction-unprotected' && lc.resource.releaseKeepsTransaction) {
      return refused(lc, { reasonId: 'transaction-no-rollback' });
    }
    // …and a finally does not wait for a write nobody awaited: it can close the handle under it.
    if (lc.verdict.reasonId === 'use-not-awaited') return lc;
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
  let at = i + 1;
  if (list[at] && isConnectStatement(list[at], name)) at++;
  while (list[at] && list[at].type !== 'TryStatement' && cannotThrow(list[at])) at++;
  const next = list[at];
  if (next?.type === 'TryStatement') tryNode = next;
  if (holder.node.type !== 'VariableDeclaration') {
    // `let x; try { x = acquire(); … } finally { release }`, or (our own try-finally output for a try that
    // only catches) `let x; try { x = acquire(); try { … } finally { release } } catch { … }`.
    const block = holder.parent;
    const around = block?.parent?.node.type === 'TryStatement' && block.parent.node.block === block.node ? block.parent.node : null;
    if (around?.finalizer || !tryNode?.finalizer) tryNode = around;
  }
  if (!tryNode?.finalizer) return false;
  return tryNode.finalizer.body.some((st: Node) => isReleaseOf(st, name, c.resource.release, true));
}
/**
 * `await x.connect()` after the acquire, with only synchronous setup calls on `x` before it
 * (`client.on('error', …)`): the release is owed only once that succeeded.
 */
export function connectStep(lc: Lifecycle): Node | null {
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
function isReleaseOf(s: Node, name: string, releases: ReleaseSpec[], caught = false): boolean {
  if (s?.type === 'IfStatement' && !s.alternate && isPresenceGuard(s.test, name)) {
    const inner = s.consequent.type === 'BlockStatement' && s.consequent.body.length === 1 ? s.consequent.body[0] : s.consequent;
    return isReleaseOf(inner, name, releases, caught);
  }
  if (s?.type === 'TryStatement' && s.block.body.length === 1 && !s.finalizer) return isReleaseOf(s.block.body[0], name, releases, caught);
  if (s?.type !== 'ExpressionStatement') return false;
  let e = s.expression.type === 'AwaitExpression' ? s.expression.argument : s.expression;
  // `await fh.close().catch(() => {})`: with `caught` (asking whether a finally already releases), the release
  // with its own failure caught right there, as a try of its own would.
  if (caught) e = caughtCallOf(e) ?? e;
  if (isArgumentRelease(e, name, releases)) return true;
  if ((e.type !== 'CallExpression' && e.type !== 'OptionalCallExpression') || e.arguments.length > 0) return false;
  const callee = e.callee;
  return (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && callee.object.type === 'Identifier' && callee.object.name === name && releases.some((r) => !r.argumentOf && r.method === callee.property?.name);
}
/** Is any release-named method called on the resource's variable in its function? */
function hasReleaseCall(c: Candidate, lc: Lifecycle): boolean {
  return releaseCallsOf(enclosingFunction(c.acquire), lc.name, c.resource.release, false).length > 0;
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
      // `beforeEach(() => { conn = new Database(…) })`: the test framework's hooks own it (a teardown hook
      // releases it), a lifecycle across callbacks by design.
      if (inSetupHook(parent) && bindingOwnerPath(parent, pn.left.name)?.node !== enclosingFunction(parent).node) return null;
      const lc = baseLifecycle(c, pn.left.name);
      return withVerdict(lc, () => analyseAssignedInTry(lc, parent, ctx));
    }
    // `req.db = await pool.connect()`: a request-scoped session, which pool-lifecycle handles.
    if (isRequestScoped(pn.left)) return null;
    // `global.cache = createClient()` while the module loads: kept for the process.
    if (runsOnceAtLoad(parent)) return null;
    // `this.driver = neo4j.driver(…)` in a class that releases it in some method: the object owns it, and
    // its callers' close() is remove-redundant-close's business. A field no method releases is reported.
    if (pn.left.type === 'MemberExpression' && pn.left.object.type === 'ThisExpression' && classReleasesField(parent, pn.left, c.resource.release)) return null;
    const lc = baseLifecycle(c, sourceText(pn.left));
    return refused(lc, { reasonId: 'stored-in-field' });
  }
  const lc = baseLifecycle(c, sourceText(c.acquire.node));
  // `pool.getConnection((err, conn) => …)`: the resource lives in a callback's parameter. Followed where the
  // catalogue says the callback receives it (callbackPaths.ts); `.then((conn) => …)` and other callbacks
  // are a lifecycle of their own shape that this finder does not follow: no finding.
  const args = c.acquire.node.arguments ?? [];
  const last = args[args.length - 1];
  if (last && isFunction(last)) return c.resource.callbackParam ? analyseCallbackHeld(c, c.acquire.get('arguments', args.length - 1)) : null;
  if ((pn?.type === 'MemberExpression' || pn?.type === 'OptionalMemberExpression') && pn.object === top.node && !pn.computed && pn.property.name === 'then') return thenLeftOpen(lc, parent, ctx.file);
  // `return pool.connect()`, `() => createConnection(…)`: a factory hands the resource to its caller.
  if (pn?.type === 'ReturnStatement' || (pn?.type === 'ArrowFunctionExpression' && top.name === 'body')) return null;
  // `assert.ok(new Client())`: a client with a connect step holds nothing until whoever connects it does.
  if (c.resource.connect && c.acquire.node.type === 'NewExpression') return null;
  // `const c = cluster ? new Redis.Cluster(…) : new Redis(…)`: stored, but one branch may be something else
  // (`return tls ? connect(a) : connect(b)` hands either to the caller, as a factory does).
  if (pn?.type === 'ConditionalExpression' && top.name !== 'test') {
    const whole = outermost(parent);
    const holder = whole.parent?.node;
    if (holder?.type === 'ReturnStatement' || (holder?.type === 'ArrowFunctionExpression' && whole.name === 'body')) return null;
    // `this.redis = given ? given : new Redis(…)`: what tells is where it goes.
    if (holder?.type === 'AssignmentExpression' && whole.name === 'right' && holder.left.type !== 'Identifier') return refused(lc, { reasonId: 'stored-in-field' });
    return refused(lc, { reasonId: 'unsupported-position', detail: 'one branch of a `? :` expression' });
  }
  // `fs.closeSync(fs.openSync(file, 'w'))`: handed straight to its own release, which runs at once.
  if (pn?.type === 'CallExpression' && pn.arguments.length === 1 && pn.arguments[0] === top.node && argumentReleaseName(pn.callee, c.resource.release)) return null;
  // `assert.rejects(async () => { await oracledb.getConnection(wrong); })`, `assert.rejects(connect(wrong))`:
  // meant to fail, it holds nothing.
  if (failureExpected(c.acquire)) return null;
  if (pn?.type === 'CallExpression' || pn?.type === 'NewExpression') return refused(lc, { reasonId: 'passed-to-function' });
  // `module.exports = { client: new MongoClient(url) }`: made at load, it lives with the module (as a declaration there does).
  if ((pn?.type === 'ObjectProperty' || pn?.type === 'ArrayExpression') && enclosingFunction(c.acquire).node.type === 'Program') return null;
  if (pn?.type === 'ObjectProperty' || pn?.type === 'ArrayExpression') return refused(lc, { reasonId: 'stored-in-object' });
  // `await createConnection(uri).close()`: released by the very next call.
  if ((pn?.type === 'MemberExpression' || pn?.type === 'OptionalMemberExpression') && pn.object === top.node && !pn.computed && c.resource.release.some((r) => r.method === pn.property.name) && parent.parent?.node.type === 'CallExpression' && parent.parent.node.callee === pn) return null;
  if (pn?.type === 'ClassProperty' || pn?.type === 'PropertyDefinition') return null; // a long-lived field: other transforms
  // `await createConnection({ name })` (typeorm 0.2): the library keeps it, and hands it out by name.
  if (c.resource.registeredByName) return null;
  return refused(lc, { reasonId: 'not-stored' });
}
const SETUP_HOOKS = new Set(['before', 'beforeEach', 'beforeAll', 'setup', 'suiteSetup']);
/** Is `p` inside a function passed to a test framework's setup hook (`beforeEach(async () => …)`)? */
function inSetupHook(p: Path): boolean {
  const fn = enclosingFunction(p);
  const call = fn.parent?.node;
  return (call?.type === 'CallExpression' && call.callee.type === 'Identifier' && SETUP_HOOKS.has(call.callee.name)) || false;
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
/** `const x = acquire(); … release` in one block. */
function analyseDeclared(lc: Lifecycle, ctx: FinderContext): boolean | void {
  const block = lc.block;
  const fn = enclosingFunction(block);
  const declarator = lc.statement.node.declarations[0];
  const refs = referencesOf(lc.name, block.node, fn, new Set([declarator.id]));
  if (refs.some(isInUsingDeclaration)) return false; // a disposer already releases it (our own adapter)
  // `req.db = client`: the request owns it from here on; pool-lifecycle handles request scope.
  if (refs.some((r) => r.parent?.node.type === 'AssignmentExpression' && r.name === 'right' && isRequestScoped(r.parent.node.left))) return false;
  const releaseRefs = refs.filter((r) => releaseOf(r, lc.resource.release));
  // A resource declared at module level with no release in the module is a long-lived client, not a
  // lifecycle; a pool made there (postgres.js) is the process's, whatever closes it.
  // …unless the module is a one-shot script that never releases it (script.ts).
  if (block.node.type === 'Program' && (releaseRefs.length === 0 || lc.resource.moduleLevelIsPool)) return leftOpenByScript(lc, lc.name, ctx.file) ? refuse('never-released', { detail: scriptDetail(lc) }) : false;
  // `return x.run(q).then((r) => { x.close(); … }).catch((e) => { x.close(); … })`: released however it settles.
  if (releasedBySettledChain(lc, refs)) return false;
  // …one that a single function connects and ends is that function's lifecycle, from its connect on.
  if (block.node.type === 'Program') {
    const here = connectedInOneFunction(lc, refs, releaseRefs);
    if (here) {
      lc.form = 'connected-here';
      lc.block = here.body;
      lc.statement = here.connect;
      lc.connectStatement = here.connect.node;
      const inside = refs.filter((r) => isInside(r, here.body.node));
      finishAnalysis(lc, classify(lc, inside, here.body.node, ctx), inside, ctx);
      return;
    }
    // Connected in one place (at load, an init()) and ended in others (a shutdown()): the module keeps it.
    if (connectedElsewhere(lc, refs, releaseRefs)) return false;
  }
  releasedInsideTransaction(lc, refs, releaseRefs);
  // A close queued behind the work (mysql's end(), sqlite3's close()) after nothing that can throw: safe.
  if (queuedReleaseReached(lc)) return false;
  // Released inside the callbacks of its own methods (sqlite3, mysql): every path through them, or a report.
  const viaCallbacks = releasedThroughCallbacks(lc, releaseRefs);
  if (viaCallbacks === 'every-path') return false;
  if (viaCallbacks && 'releaseFirst' in viaCallbacks) {
    lc.releaseFirst = viaCallbacks.releaseFirst;
    return;
  }
  if (viaCallbacks) refuse('callback-path-unreleased', { detail: viaCallbacks.detail });
  const classified = classify(lc, refs, block.node, ctx);
  finishAnalysis(lc, classified, refs, ctx);
}
/**
 * `const client = new Client(); … (async () => { await client.connect(); …; await client.end(); })()`: the
 * module makes the client, one function connects it (a statement of its body) and is the only one that
 * connects or releases it. Uses elsewhere (helpers that query through it) run while that function holds it.
 */
function connectedInOneFunction(lc: Lifecycle, refs: Path[], releaseRefs: Path[]): { body: Path; connect: Path } | null {
  const connect = lc.resource.connect;
  if (!connect) return null;
  const connectRefs = refs.filter((r) => callInfo(r)?.method === connect);
  const fns = new Set([...releaseRefs, ...connectRefs].map((r) => enclosingFunction(r).node));
  if (connectRefs.length !== 1 || fns.size !== 1) return null;
  const fn = enclosingFunction(connectRefs[0]);
  if (fn.node.type === 'Program' || fn.node.body?.type !== 'BlockStatement') return null;
  const body: Path = fn.get('body');
  const index = body.node.body.findIndex((s: Node) => isConnectStatement(s, lc.name, connect) && isInside(connectRefs[0], s));
  if (index < 0) return null;
  const at: Node = body.node.body[index];
  if (releaseRefs.some((r) => (r.node.start ?? 0) < (at.end ?? 0))) return null;
  return { body, connect: body.get('body', index) };
}
/** The client's connect step runs, and no function that ends it also connects it. */
function connectedElsewhere(lc: Lifecycle, refs: Path[], releaseRefs: Path[]): boolean {
  const connect = lc.resource.connect;
  const connectRefs = connect ? refs.filter((r) => callInfo(r)?.method === connect) : [];
  if (connectRefs.length === 0) return false;
  const connecting = new Set(connectRefs.map((r) => enclosingFunction(r).node));
  return releaseRefs.every((r) => !connecting.has(enclosingFunction(r).node));
}
/** `let x; try { x = acquire(); … } finally { x?.release(); }` */
function analyseAssignedInTry(lc: Lifecycle, assignment: Path, ctx: FinderContext): boolean | void {
  const statement = assignment.parent;
  if (statement?.node.type !== 'ExpressionStatement') refuse('not-stored');
  const leftPath: Path = assignment.get('left');
  const ownerAt = bindingOwnerPath(leftPath, lc.name);
  const owner = ownerAt?.node ?? null;
  if (!ownerAt || !owner) refuse('stored-in-field');
  const methods = lc.resource.release;
  // A module's variable set inside a function: a resource the module keeps between calls.
  if (owner.type === 'Program' && enclosingFunction(assignment).node.type !== 'Program') moduleVariable(lc, assignment, ownerAt, methods);
  const everyRef = referencesOf(lc.name, owner, enclosingFunction(ownerAt), new Set([assignment.node.left]));
  // Nothing releases it anywhere: that is what to say, whatever the shape — unless the function hands it to
  // its caller (`return client`, `return { client, url }`): then it is the caller's.
  if (releaseCallsOf(ownerAt, lc.name, methods).length === 0) {
    if (lc.resource.registeredByName) throw new NotALifecycle();
    // Made by the module's top level into a module variable (`let client; if (…) client = new MongoClient(uri)`,
    // Next.js's with-mongodb example): like one declared there, a long-lived client the module keeps — unless
    // the module is a one-shot script that never releases it.
    if (owner.type === 'Program' && enclosingFunction(assignment).node.type === 'Program') {
      if (leftOpenByScript(lc, lc.name, ctx.file)) refuse('never-released', { detail: scriptDetail(lc) });
      throw new NotALifecycle();
    }
    const ret = returnedBy(enclosingFunction(assignment), lc.name);
    if (ret && workBetween(assignment, ret)) refuse('returned-after-work', { at: ret });
    if (ret) throw new NotALifecycle();
    // `return new Promise((resolve, reject) => { c = createClient(); …; c.on('ready', () => resolve(c)) })`:
    // handed to the caller through the promise, as by a `return`.
    const resolved = resolvedBy(enclosingFunction(assignment), lc.name, owner);
    if (resolved && workBetween(assignment, resolved.node)) refuse('resolved-after-work', { at: resolved.node, detail: resolved.node.callee.name });
    if (resolved) throw new NotALifecycle();
    // `this.client = client` after it: kept by the object, as a declared one stored there is.
    const stored = everyRef.find((r) => r.parent?.node.type === 'AssignmentExpression' && r.name === 'right' && r.parent.node.left.type !== 'Identifier');
    if (stored) refuse('stored-in-field', { at: stored.node });
    // Read by a function made here (`const attach = () => ({ get: (k) => client.get(k) })`, returned by a call):
    // that function may hand it out and outlive the call, so "never released" is not known.
    const inClosure = everyRef.find((r) => enclosingFunction(r).node !== enclosingFunction(assignment).node && isInside(r, enclosingFunction(assignment).node));
    // …and when what such a function makes is returned (`return attach()`), the caller gets it: not this function's.
    if (inClosure && returnsWhatClosureMakes(enclosingFunction(assignment), inClosure)) throw new NotALifecycle();
    if (inClosure) refuse('used-in-closure', { at: inClosure.node });
    refuse('never-released');
  }
  // What the code does with it (releases it in another function, hands it on) says more than its shape.
  classify(lc, everyRef.filter((r) => !(r.parent?.node.type === 'VariableDeclarator' && r.name === 'id')), owner, ctx);
  // Already released by the finally of the try that acquires it (any shape): safe, nothing to say.
  const holder = statement.parent?.parent;
  if (holder?.node.type === 'TryStatement' && holder.node.block === statement.parent.node && holder.node.finalizer?.body.some((st: Node) => isReleaseOf(st, lc.name, methods, true))) {
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
  // Without a finally, a catch may release too (`if (x) x.release()`): the release then moves to the try's end.
  if (!tryPath.node.finalizer && !tryPath.node.handler) otherShape('an assignment in a try block without a finally');
  if (tryPath.parent?.node !== owner || !Array.isArray(owner.body)) otherShape('an assignment in a try block nested below its declaration');
  // The outer `let x;`
  const ownerPath = tryPath.parent;
  const letIndex = ownerPath.node.body.findIndex(
    (s: Node) => s.type === 'VariableDeclaration' && s.kind === 'let' && declaredNames(s).includes(lc.name),
  );
  if (letIndex < 0) otherShape('an assignment to a variable not declared with `let`');
  const letStatement: Path = ownerPath.get('body', letIndex);
  const letInit = letStatement.node.declarations[0].init;
  const nullish = !letInit || isNullishLiteral(letInit);
  if (letStatement.node.declarations.length !== 1) otherShape('a `let` declaring several variables');
  if (!nullish) refuse('reassigned');
  if (letIndex > (tryPath.name as number)) otherShape('a `let` declared after the try');
  const fn = enclosingFunction(ownerPath);
  const refs = referencesOf(lc.name, owner, fn, new Set([letStatement.node.declarations[0].id, assignment.node.left]));
  // Every other reference lives in the try block after the assignment, or is the release in the finally
  // (or, with no finally, in the catch).
  const finalizer = tryPath.node.finalizer;
  const handlerBody = tryPath.node.handler?.body;
  const isOwnRelease = (ref: Path, list: Node | null | undefined) => !!list && isInside(ref, list) && list.body.some((st: Node) => isInside(ref, st) && isReleaseOf(st, lc.name, methods));
  for (const ref of refs) {
    if (isInside(ref, tryBlock.node)) {
      if ((ref.node.start ?? 0) < (statement.node.start ?? 0)) refuse('reassigned', { at: ref.node });
      continue;
    }
    // In the finally only the release itself: the variable moves into the try block.
    if (isOwnRelease(ref, finalizer)) continue;
    if (!finalizer && isOwnRelease(ref, handlerBody)) continue;
    if (releasedByNextTry(tryPath, refs, lc.name, methods)) throw new NotALifecycle();
    refuse('used-outside-try', { at: ref.node });
  }
  lc.form = 'assigned-in-try';
  lc.statement = statement;
  lc.letStatement = letStatement;
  lc.tryStatement = tryPath;
  lc.block = tryBlock;
  const classified = classify(lc, refs, owner, ctx);
  // The finally releases belong to the try: mark them so finishAnalysis sees them as the final release.
  for (const r of classified.releases) {
    if (isInside(r.statement, finalizer)) {
      if (r.statement.parent?.node !== finalizer) refuse('released-conditionally', { at: r.call.node });
      r.role = 'finally';
    }
  }
  finishAnalysis(lc, classified, refs, ctx);
}
/**
 * `const x = await acquire(); [x.on('error', …);] return x;`: nothing that can throw stands between the acquire
 * and the `return` (a statement of the same block), so the caller gets the resource on every path.
 */
export function handedOverAtOnce(lc: Lifecycle, ret: Path): boolean {
  if (lc.form !== 'declaration' || ret.parent?.node !== lc.block.node) return false;
  const body: Node[] = lc.block.node.body;
  const between = body.slice(body.indexOf(lc.statement.node) + 1, body.indexOf(ret.node));
  // A failed connect step leaves nothing open (`connectStep`); a helper it passes through answers for it there.
  return between.every((s) => cannotThrow(s) || isListenerSetup(s, lc.name) || (!!lc.resource.connect && isConnectStatement(s, lc.name, lc.resource.connect)) || handsBack(lc.block.get('body', body.indexOf(s)), lc.name));
}
/**
 * `let client; … function handler() { client = await pool.connect(); … }`: the module keeps the resource.
 * Closed by another function (an init/teardown pair, beforeAll/afterAll), made once (a lazy singleton
 * behind `if (!client)`, code that runs at load) or closed in a finally here: no finding. Released later
 * in this same function without a finally: a lifecycle held in an outer variable, reported as such.
 * Never released and set again on every call: each call leaks the previous one, reported as such too.
 */
function moduleVariable(lc: Lifecycle, assignment: Path, program: Path, methods: ReleaseSpec[]): void {
  const fn = enclosingFunction(assignment);
  const releases = releaseCallsOf(program, lc.name, methods);
  if (releases.some((r) => enclosingFunction(r).node !== fn.node || inFinally(releaseStatement(r, lc.name)?.statement))) throw new NotALifecycle();
  if (releases.length === 0 && (runsOnceAtLoad(assignment) || guardedByAbsence(assignment, lc.name, fn.node))) throw new NotALifecycle();
  refuse('stored-in-field');
}
/**
 * `let fh; try { fh = await open(p) } catch (e) { throw wrap(e) }` and right after it `try { … } finally {
 * await fh.close() }`: every catch of the first leaves, so the second runs only with the resource, and its
 * finally releases it whatever happens. Already safe when nothing outside the first try uses it but the second.
 */
function releasedByNextTry(tryPath: Path, refs: Path[], name: string, releases: ReleaseSpec[]): boolean {
  const t = tryPath.node;
  if (t.finalizer || !t.handler || !alwaysExits(t.handler.body)) return false;
  const list: Node[] | undefined = tryPath.parent?.node.body;
  const next = Array.isArray(list) ? list[list.indexOf(t) + 1] : undefined;
  if (next?.type !== 'TryStatement' || !next.finalizer?.body.some((st: Node) => isReleaseOf(st, name, releases, true))) return false;
  return refs.every((ref) => isInside(ref, t) || isInside(ref, next));
}
/**
 * Calls that release the variable `name` (`name.release()`, `fs.closeSync(name)`) inside `owner`; with
 * `bound`, only those of the variable `owner` itself binds.
 */
function releaseCallsOf(owner: Path, name: string, releases: ReleaseSpec[], bound = true): Path[] {
  return collectPaths(owner, (n: Node) => {
    if (n.type !== 'CallExpression' && n.type !== 'OptionalCallExpression') return false;
    if (isArgumentRelease(n, name, releases)) return true;
    const callee = unwrapExpression(n.callee);
    return (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed && releases.some((r) => !r.argumentOf && r.method === callee.property?.name) && unwrapExpression(callee.object).type === 'Identifier' && unwrapExpression(callee.object).name === name;
  }).filter((call) => !bound || bindingOwnerPath(referenceIn(call, name), name)?.node === owner.node);
}

/** The reference to `name` a release call makes: its receiver, or its one argument. */
function referenceIn(call: Path, name: string): Path {
  const callee = unwrapExpression(call.node.callee);
  const receiver = (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && unwrapExpression(callee.object).type === 'Identifier' && unwrapExpression(callee.object).name === name;
  return receiver ? call.get('callee', 'object') : call.get('arguments', 0);
}
/** Inside `if (!x)`, `if (x == null)`, `if (x === undefined)` (or `x ??= …`): set only when it is not set yet. */
function guardedByAbsence(assignment: Path, name: string, stop: Node): boolean {
  if (assignment.node.operator === '??=' || assignment.node.operator === '||=') return true;
  for (let p: Path | null = assignment.parent; p && p.node !== stop; p = p.parent) {
    if (p.node.type !== 'IfStatement' || !isInside(assignment, p.node.consequent)) continue;
    const t = unwrapExpression(p.node.test);
    const isName = (n: Node) => unwrapExpression(n).type === 'Identifier' && unwrapExpression(n).name === name;
    if (t.type === 'UnaryExpression' && t.operator === '!' && isName(t.argument)) return true;
    if (t.type === 'BinaryExpression' && ['==', '==='].includes(t.operator) && ((isName(t.left) && isNullishLiteral(t.right)) || (isName(t.right) && isNullishLiteral(t.left)))) return true;
  }
  return false;
}
/** Assignments (and `++`/`--`) to the variable `name` that `owner` binds, anywhere inside it. */
function assignmentCount(owner: Path, name: string): number {
  const writes = collectPaths(
    owner,
    (n: Node) =>
      (n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && n.left.name === name) ||
      (n.type === 'UpdateExpression' && n.argument.type === 'Identifier' && n.argument.name === name) ||
      // (`let conn = null;` gives it nothing yet: the acquire is its first value.)
      (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.id.name === name && !!n.init && !isNullishLiteral(n.init)),
  );
  return writes.filter((p) => {
    const target = p.node.type === 'AssignmentExpression' ? p.get('left') : p.node.type === 'UpdateExpression' ? p.get('argument') : p.get('id');
    return bindingOwnerPath(target, name)?.node === owner.node;
  }).length;
}
