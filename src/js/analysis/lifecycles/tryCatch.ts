// Two releases around one try/catch: at the end of the `try` and again in its `catch` (or in the `try` only,
// the catch swallowing the error). Every path that completes releases once; a throw before the catch's
// release (a failing rollback), an early `return`, or a catch that does not release leaks. One release
// after the try/catch (a finally, a `using` scope) keeps each path's single release and closes those gaps.
//
//   const client = await pool.connect();         let conn;
//   try { …; client.release(); }                 try { conn = await pool.connect(); …; conn.release(); }
//   catch (e) { client.release(); throw e; }     catch (e) { if (conn) conn.release(); next(e); }
import { bindingOwnerPath, containsAwait, firstEffect, isFunction, isInside, type Node, type Path, unwrapExpression } from '../ast';
import { type Classified, type Lifecycle, type ReleaseSite, refuse, sourceText } from './model';
import { hasCall, isExitRelease, isPlainLog } from './flow';

/**
 * `const x = acquire(); … try { …; release } catch { …; [release]; … }` as the region's last statement:
 * the two releases become one after the try/catch. Returns false for any other shape (left to the
 * general checks); refuses when one release would change what a path does.
 */
export function releasedAcrossTryCatch(lc: Lifecycle, c: Classified, refs: Path[], end: Path): boolean {
  const t = end.node;
  if (t.type !== 'TryStatement' || !t.handler || t.finalizer) return false;
  const inTry = c.releases.filter((r) => r.statement.parent?.node === t.block);
  const inCatch = c.releases.filter((r) => r.statement.parent?.node === t.handler.body);
  if (inTry.length !== 1 || inCatch.length > 1) return false;
  // Releases elsewhere must leave the function at once (`if (!row) { c.release(); return; }`).
  if (c.releases.some((r) => !inTry.includes(r) && !inCatch.includes(r) && !isExitRelease(r, lc.block.node))) return false;
  const catchBody: Node[] = t.handler.body.body;
  if (inCatch.length === 1) {
    // Nothing after the catch's release may use the resource: the one release now comes after the catch.
    const after = catchBody.slice(catchBody.indexOf(inCatch[0].statement.node) + 1);
    if (refs.some((ref) => after.some((s) => isInside(ref, s)))) return false;
  }
  checkTryTail(lc, inTry[0], refs, inCatch.length === 1);
  if (inCatch.length === 1) checkMovedAhead(lc, inCatch[0]);
  for (const r of [...inTry, ...inCatch]) r.role = 'catch';
  return true;
}

/**
 * `let x; try { x = acquire(); …; release } catch { …; [if (x) release]; … }`: the catch's release goes (the
 * one release now runs when the try block ends, before the catch). Marks it and checks the try's tail.
 */
export function releasedBeforeCatch(lc: Lifecycle, c: Classified, refs: Path[], tryNode: Node): void {
  const inCatch = c.releases.filter((r) => isInside(r.statement, tryNode.handler.body));
  for (const r of inCatch) {
    if (r.statement.parent?.node !== tryNode.handler.body) refuse('released-conditionally', { at: r.call.node });
    r.role = 'catch';
  }
  const final = c.releases.find((r) => r.role === 'final');
  if (final) checkTryTail(lc, final, refs, inCatch.length > 0);
}

/**
 * The statements after the try's release now run before it. With a catch that releases too, one of them
 * throwing releases twice today (say so rather than quietly change it); after an awaited release, an effect
 * there would move ahead of it (as for a tail after any awaited release).
 */
function checkTryTail(lc: Lifecycle, release: ReleaseSite, refs: Path[], catchReleases: boolean): void {
  const list: Node[] = release.statement.parent.node.body;
  const tail = list.slice(list.indexOf(release.statement.node) + 1);
  if (refs.some((ref) => tail.some((s) => isInside(ref, s)))) refuse('released-conditionally', { at: release.call.node });
  if (catchReleases) {
    const risky = tail.find((s) => mayThrow(s, release.statement));
    if (risky) refuse('released-twice', { detail: sourceText(risky), at: release.call.node });
  }
  if (release.awaited) {
    const effect = firstEffect(tail.filter((s) => !isSettle(s, release.statement)));
    if (effect) refuse('effects-after-release', { detail: sourceText(effect), method: release.method, at: effect });
  }
}

/** The catch's statements after its release now run before the release: no effect may, after an awaited one. */
function checkMovedAhead(lc: Lifecycle, release: ReleaseSite): void {
  if (!release.awaited) return;
  const list: Node[] = release.statement.parent.node.body;
  const after = list.slice(list.indexOf(release.statement.node) + 1);
  const effect = firstEffect(after.filter((s) => !isSettle(s, release.statement)));
  if (effect) refuse('effects-after-release', { detail: sourceText(effect), method: release.method, at: effect });
}

/**
 * Can this statement throw? Only shapes that surely cannot say no: a jump whose value calls nothing, a
 * `console` call on call-free arguments, settling the promise the function runs in (`resolve(rows)`).
 */
function mayThrow(s: Node, at: Path): boolean {
  if (s.type === 'EmptyStatement' || s.type === 'BreakStatement' || s.type === 'ContinueStatement') return false;
  if (s.type === 'ReturnStatement') return !!s.argument && (hasCall(s.argument) || containsAwait(s.argument));
  if (s.type !== 'ExpressionStatement') return true;
  const e = unwrapExpression(s.expression);
  if (e.type !== 'CallExpression' || e.arguments.some((a: Node) => hasCall(a) || a.type === 'SpreadElement')) return true;
  return !isPlainLog(s) && !isSettle(s, at);
}

/** `resolve(x)` / `reject(e)` of the `new Promise((resolve, reject) => …)` executor around `at`. */
function isSettle(s: Node, at: Path): boolean {
  if (s.type !== 'ExpressionStatement') return false;
  const e = unwrapExpression(s.expression);
  if (e.type !== 'CallExpression' || e.callee.type !== 'Identifier') return false;
  const name: string = e.callee.name;
  const owner = bindingOwnerPath(at, name);
  if (!owner || !isFunction(owner.node)) return false;
  const index = owner.node.params.findIndex((p: Node) => p.type === 'Identifier' && p.name === name);
  const call = owner.parent?.node;
  const executor = call?.type === 'NewExpression' && call.callee.type === 'Identifier' && call.callee.name === 'Promise' && call.arguments[0] === owner.node;
  return executor && (index === 0 || index === 1);
}
