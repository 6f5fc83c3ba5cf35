// The verdict: with the references sorted, does every path release exactly once in a way a rewrite can keep,
// is it already safe, and which `return`s need an await.
import { bindingOwner, enclosingFunction, isFunction, isInside, type Node, ownerStatements, type Path, unwrapExpression, walk } from '../ast';
import { Classified, FinderContext, Lifecycle, NotALifecycle, refuse, sourceText } from './model';
import { alwaysExits, argumentsText, callInfo, cannotThrow, hasCall, isAsyncContext, isExitRelease, isLiteralArgument, isPlainLog, topIndex, transactionProtected } from './flow';
import { connectStep } from './shape';
import { releasedAcrossTryCatch, releasedBeforeCatch } from './tryCatch';

export function finishAnalysis(lc: Lifecycle, c: Classified, refs: Path[], _ctx: FinderContext): void {
  const block = lc.block;
  lc.isAsyncContext = isAsyncContext(block);
  if (c.releases.length === 0) {
    // Kept by the library under its name (typeorm 0.2's connections): whoever asks for it by name closes it.
    if (lc.resource.registeredByName) throw new NotALifecycle();
    // Made and never connected (`new Client(config).database`): it opened nothing.
    if (lc.resource.idleUntilConnect && !connectedHere(lc, refs)) throw new NotALifecycle();
    refuse('never-released');
  }
  const startIndex = lc.statement.name as number;
  // The last statement of the block that touches the resource ends the region.
  let end = startIndex;
  for (const ref of refs) {
    if (!isInside(ref, block.node)) continue;
    end = Math.max(end, topIndex(ref, block));
  }
  // Used after its one release, a statement of the block itself (a test checking that a closed connection
  // fails): the work ends at the release, and what follows it keeps running after the release, as today.
  if (lc.form === 'declaration' && c.releases.length === 1 && c.releases[0].statement.parent?.node === block.node) {
    const at = c.releases[0].statement.name as number;
    if (at > startIndex && at < end) {
      const after = refs.filter((ref) => isInside(ref, block.node) && topIndex(ref, block) > at);
      lc.usedAfterRelease = Math.min(...after.map((ref) => ref.node.loc?.start.line ?? Infinity));
      end = at;
    }
  }
  const endStatement: Path = block.get('body', end);
  const finals = c.releases.filter((r) => r.role === 'finally');
  if (lc.form !== 'assigned-in-try') {
    for (const r of c.releases) {
      if (r.statement.node === endStatement.node) r.role = 'final';
      else if (endStatement.node.type === 'TryStatement' && endStatement.node.finalizer && r.statement.parent?.node === endStatement.node.finalizer) {
        r.role = 'finally';
      }
    }
  }
  // One release call, one way of calling it: the same method with the same literal arguments everywhere.
  // (Asked before the shape: no rewrite makes one release of two different calls.)
  // (A release that takes the resource, `fs.closeSync(fd)`, has no other argument.)
  const takesResource = (r: { method: string }) => !!lc.resource.release.find((s) => s.method === r.method)?.argumentOf;
  const argsOf = (r: { method: string; call: Path }) => (takesResource(r) ? '' : argumentsText(r.call.node));
  const computed = c.releases.find((r) => !takesResource(r) && !r.call.node.arguments.every(isLiteralArgument));
  if (computed) refuse('release-with-argument', { method: computed.method, detail: argumentsText(computed.call.node), at: computed.call.node });
  const calls = new Set(c.releases.map((r) => `${r.method}(${argsOf(r)})`));
  if (calls.size > 1) refuse('different-releases', { method: [...calls].join(' / ') });
  // `let x; try { x = acquire(); …; release } catch { … }`: the try block's last touch releases.
  const catchOnly = lc.form === 'assigned-in-try' && !lc.tryStatement?.node.finalizer;
  if (catchOnly) {
    for (const r of c.releases) if (r.statement.node === endStatement.node) r.role = 'final';
    releasedBeforeCatch(lc, c, refs, lc.tryStatement!.node);
  }
  const acrossTryCatch = lc.form !== 'assigned-in-try' && releasedAcrossTryCatch(lc, c, refs, endStatement);
  const last = c.releases.filter((r) => r.role === 'final' || r.role === 'finally');
  const ownFinal = lc.form === 'assigned-in-try' ? (catchOnly ? last : finals).length !== 1 : false;
  if (last.length > 1 || ownFinal) refuse('released-conditionally', { at: last[1]?.call.node });
  if (last.length === 0 && !acrossTryCatch && !alwaysExits(endStatement.node)) refuse('released-conditionally', { at: c.releases[0].call.node });
  lc.releases = c.releases;
  if (lc.form === 'declaration' && lc.resource.connect) lc.connectStatement = connectStep(lc) ?? undefined;
  // A finally release must be the last thing the finally does (anything after it would move before it) —
  // unless the finally already covers every path, and nothing is to be moved.
  for (const r of releasesOnEveryPath(lc) ? [] : last.filter((x) => x.role === 'finally')) {
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
  lc.releaseArgs = argsOf(c.releases[0]);
  const primary = last[0] ?? c.releases[0];
  lc.release = lc.resource.release.find((s) => s.method === primary.method)!;
  lc.releaseAwaited = primary.awaited;
  if (c.releases.some((r) => r.awaited !== primary.awaited)) refuse('different-releases', { method: `${primary.method}() awaited on some paths only` });
  // Transactions: a release may only be added where no transaction can still be open.
  lc.hasTransaction = c.transactionBegins.length > 0;
  lc.handedOut = c.handedOut;
  for (const begin of c.transactionBegins) {
    if (!transactionProtected(begin, c.rollbacks, block.node, begin === lc.acquire) && !lc.resource.releaseEndsSession) refuse('transaction-unprotected', { at: begin.node });
  }
  // `conn.query(…);` with nothing waiting for it: the release does not wait either.
  const fnNode = enclosingFunction(block).node;
  if (fnNode.async && !lc.resource.syncApi) {
    for (const ref of c.uses) {
      const pending = unawaitedUse(ref);
      if (pending) refuse('use-not-awaited', { detail: argumentsFree(pending), at: pending });
    }
  }
  lc.alreadySafe = releasesOnEveryPath(lc) || nothingBetween(lc, c) || onlySwallowedBetween(lc, c);
  // A release whose failure is caught where it is called: fine where it already runs on every path (nothing
  // to do, not even restated), and kept as it is elsewhere (a release made in its place would throw).
  const caught = c.releases.find((r) => r.caught);
  if (caught && lc.alreadySafe) throw new NotALifecycle();
  if (caught) refuse('release-caught', { method: caught.method, at: caught.call.node });
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
    // A callback's own `return` (`rows.map((r) => { return client.query(…) })`) hands its value to the caller
    // of the callback, not out of the lifecycle's function.
    if (enclosingFunction(ret).node !== fn.node) continue;
    if (!hasCall(ret.node.argument)) continue;
    // `return fh.createReadStream()`, `return client.db().collection('x').find()`: what is handed back may
    // go on using the resource (a stream, a cursor) after the return. Released after it only by a finally
    // today, that stays so; on a path where nothing releases it today, a rewrite would release it under the
    // caller's feet (the function hands the resource on through its result when the work succeeds).
    if (!settlesWithResult(ref, ret) && !releasedByFinallyAround(ret, c)) {
      refuse('returned-in-use', { detail: sourceText(unwrapExpression(ret.node.argument)), at: ret.node });
    }
    // In a synchronous function a synchronous library's result is complete when returned (better-sqlite3).
    if (fn.node.type !== 'Program' && !fn.node.async) {
      if (lc.resource.syncApi) continue;
      refuse('returns-pending-use', { at: ret.node });
    }
    if (!lc.returnsToAwait.includes(ret)) lc.returnsToAwait.push(ret);
  }
}
/**
 * Is the use `ref` inside the returned expression done once what `return` hands back settles: awaited there,
 * or a call of a method that returns a promise of work on the resource (`return client.query(…)`)?
 */
function settlesWithResult(ref: Path, ret: Path): boolean {
  for (let p: Path | null = ref.parent; p && p.node !== ret.node; p = p.parent) if (p.node.type === 'AwaitExpression') return true;
  const pending = pendingCall(ref);
  return !!pending && unwrapExpression(ret.node.argument) === pending.chained.node && !handsBackSubmittable(pending.call);
}

/**
 * `client.query(new Cursor(sql))`, `client.query(stream)` with `const stream = new QueryStream(…)`, or a call
 * with a callback: what the call returns is the object itself (a cursor, a stream, mysql's Query), read after
 * the return, not a promise that settles with the work.
 */
function handsBackSubmittable(call: Path): boolean {
  const args: Node[] = call.node.arguments;
  if (args.length && isFunction(args[args.length - 1])) return true;
  if (call.node.callee.property.name !== 'query') return false;
  const first = args[0] && unwrapExpression(args[0]);
  if (first?.type === 'NewExpression') return true;
  if (first?.type !== 'Identifier') return false;
  const owner = bindingOwner(call.get('arguments', 0), first.name);
  return !!owner && ownerStatements(owner).some((st) => st.type === 'VariableDeclaration' && st.declarations.some((d: Node) => d.id.type === 'Identifier' && d.id.name === first.name && d.init && unwrapExpression(d.init).type === 'NewExpression'));
}

/** Is `ret` inside the block of a try whose finally releases the resource (the release comes after the return's value)? */
function releasedByFinallyAround(ret: Path, c: Classified): boolean {
  return c.releases.some((r) => {
    const fin = r.statement.parent?.node;
    const tryNode = r.statement.parent?.parent?.node;
    return tryNode?.type === 'TryStatement' && tryNode.finalizer === fin && isInside(ret, tryNode.block);
  });
}

// Calls that return a promise of work on the resource (drivers' query methods, FileHandle's writes).
const PENDING_METHODS = new Set(['query', 'execute', 'run', 'none', 'one', 'many', 'any', 'oneOrNone', 'manyOrNone', 'result', 'multi', 'write', 'writeFile', 'appendFile', 'truncate', 'sync', 'datasync', 'sendCommand']);

/** `name.query(…)` on the reference (a method of PENDING_METHODS), and that call with any `.then`/`.catch`/`.finally` chained on it. */
function pendingCall(ref: Path): { call: Path; chained: Path } | null {
  const member = ref.parent?.node;
  if (member?.type !== 'MemberExpression' || member.object !== ref.node || member.computed || !PENDING_METHODS.has(member.property.name)) return null;
  const call: Path = ref.parent.parent;
  if (call?.node.type !== 'CallExpression' || call.node.callee !== member) return null;
  let chained = call;
  while (chained.parent?.node.type === 'MemberExpression' && ['then', 'catch', 'finally'].includes(chained.parent.node.property?.name) && chained.parent.parent?.node.type === 'CallExpression') chained = chained.parent.parent;
  return { call, chained };
}

/** `name.query(…);` (or with `.then(…)`/`.catch(…)` after it) as a statement of its own, its promise dropped. */
function unawaitedUse(ref: Path): Node | null {
  const pending = pendingCall(ref);
  if (!pending) return null;
  const args: Node[] = pending.call.node.arguments;
  if (args.length && isFunction(args[args.length - 1])) return null; // a callback API: nothing to await
  // `client.query(stream)` hands back a submittable (QueryStream, Cursor), read elsewhere: only SQL text or a
  // query config surely makes a promise.
  const first = args[0];
  if (!['StringLiteral', 'TemplateLiteral', 'ObjectExpression', 'Literal'].includes(first?.type) && ['query', 'execute', 'run'].includes(pending.call.node.callee.property.name)) return null;
  if (pending.chained.parent?.node.type !== 'ExpressionStatement') return null;
  return pending.call.node;
}

/** `conn.query(…)` for a message: the callee with its arguments elided. */
function argumentsFree(call: Node): string {
  const callee = call.callee;
  return `${callee.object?.name ?? 'resource'}.${callee.property?.name ?? 'call'}(…)`;
}

/** `await client.connect(); await client.end();` with nothing between: nothing can skip the release. */
function nothingBetween(lc: Lifecycle, c: Classified): boolean {
  if (lc.form === 'assigned-in-try' || c.releases.length !== 1 || c.releases[0].role !== 'final') return false;
  const body: Node[] = lc.block.node.body;
  return body[body.indexOf(lc.connectStatement ?? lc.statement.node) + 1] === c.releases[0].statement.node;
}

/**
 * `await client.connect(); try { … } catch (e) { console.error(e); } await client.end();`: between the
 * acquire and the release only a try whose catch swallows every error and that nothing jumps out of (or
 * statements that cannot throw). The release is reached on every path.
 */
function onlySwallowedBetween(lc: Lifecycle, c: Classified): boolean {
  if (lc.form === 'assigned-in-try' || c.releases.length !== 1 || c.releases[0].role !== 'final') return false;
  const body: Node[] = lc.block.node.body;
  const between = body.slice(body.indexOf(lc.connectStatement ?? lc.statement.node) + 1, body.indexOf(c.releases[0].statement.node));
  return between.length > 0 && between.some((s) => s.type === 'TryStatement') && between.every((s) => cannotThrow(s) || swallows(s));
}

function swallows(s: Node): boolean {
  if (s.type !== 'TryStatement' || !s.handler || s.finalizer) return false;
  let jumps = false;
  walk(s.block, (n) => {
    if (['ReturnStatement', 'BreakStatement', 'ContinueStatement', 'YieldExpression'].includes(n.type)) jumps = true;
    return !jumps;
  });
  if (jumps) return false;
  // The catch only logs, with arguments that call nothing.
  return s.handler.body.body.every((st: Node) => st.type === 'EmptyStatement' || isPlainLog(st));
}

function releasesOnEveryPath(lc: Lifecycle): boolean {
  if (lc.releases.some((r) => r.role === 'exit')) return false;
  const finallyRelease = lc.releases.find((r) => r.role === 'finally');
  if (!finallyRelease) return false;
  if (lc.form === 'assigned-in-try') return true;
  const body: Node[] = lc.block.node.body;
  const tryNode = finallyRelease.statement.parent.parent.node;
  // (`let rows;` between them, as the try-finally style declares values read after the try, changes nothing.)
  let next = body.indexOf(lc.connectStatement ?? lc.statement.node) + 1;
  while (body[next] && body[next] !== tryNode && cannotThrow(body[next])) next++;
  if (body[next] === tryNode) return true;
  // One that opens nothing before its connect step, connected only inside that try: what comes before the
  // try (`client.on('error', …)`) can throw with nothing open.
  const start = body.indexOf(lc.statement.node);
  const end = body.indexOf(tryNode);
  return !!lc.resource.idleUntilConnect && !lc.connectStatement && start >= 0 && end > start && !connectsIn(lc, body.slice(start, end)) && connectsIn(lc, [tryNode.block]);
}

/** Does one of `nodes` call the resource's connect step on its name (or is the acquire itself connected)? */
function connectsIn(lc: Lifecycle, nodes: Node[]): boolean {
  const method = lc.resource.connect ?? 'connect';
  let found = false;
  for (const node of nodes)
    walk(node, (n) => {
      if (n.type === 'MemberExpression' && !n.computed && n.property.name === method && (n.object.type !== 'Identifier' || n.object.name === lc.name)) found = true;
      return !found;
    });
  return found;
}

/** Is the resource connected here: by its acquire (`await createClient().connect()`) or a `.connect(` on the name? */
function connectedHere(lc: Lifecycle, refs: Path[]): boolean {
  const method = lc.resource.connect ?? 'connect';
  return connectsIn(lc, [lc.acquire.node]) || refs.some((r) => callInfo(r)?.method === method);
}
