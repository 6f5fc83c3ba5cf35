// Emitter for the `with-session` style: the lifecycle becomes a callback that a helper (or the library's own
// callback API) runs between acquire and release.
import jscodeshift from 'jscodeshift';
import { declaredNames, type Node, unwrapExpression } from '../analysis/ast';
import { callbackHazard } from '../analysis/hazards';
import type { Lifecycle } from '../analysis/lifecycles';
import { releaseCallText } from '../analysis/lifecycles/model';
import type { ReasonId } from '../analysis/reasons';
import { carryComments, commentsOf, dropInnerReleases, planRegion, removeStatement, type RegionPlan } from './region';

const j = jscodeshift;

/** A library callback API with exactly the helper's semantics (acquire, run once, release on every path). */
export interface NativeCallback {
  /** `client` in `client.withSession(…)`. */
  receiver: Node;
  method: string;
  /** Arguments of the acquire that become the callback API's leading arguments (session options). */
  leadingArgs: Node[];
}

export type WithSessionPlan =
  | { ok: true; plan: RegionPlan; native: NativeCallback | null }
  | { ok: false; reasonId: ReasonId; detail?: string };

/**
 * mongodb: `client.startSession(opts)` … `endSession()` is `client.withSession(opts, async (session) => …)`,
 * which ends the session when the callback settles. (Not `withTransaction`: it may run the callback again.)
 */
export function nativeCallbackFor(lc: Lifecycle): NativeCallback | null {
  if (lc.library !== 'mongodb' || lc.kind.name !== 'ClientSession' || lc.release.method !== 'endSession' || lc.releaseArgs !== '') return null;
  const acquire = lc.acquire.node;
  if (acquire.type !== 'CallExpression') return null;
  const callee = unwrapExpression(acquire.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.name !== 'startSession') return null;
  if (acquire.arguments.length > 1) return null;
  return { receiver: callee.object, method: 'withSession', leadingArgs: acquire.arguments };
}

function hasReturn(statements: Node[]): boolean {
  return callbackHazard(statements, false) === 'callback-return';
}

export function planWithSession(lc: Lifecycle): WithSessionPlan {
  if (!lc.isAsyncContext || lc.block.node.type === 'Program') return { ok: false, reasonId: 'callback-needs-async' };
  // The helper acquires; a module's client connected here is made once, outside the function.
  if (lc.form === 'connected-here') return { ok: false, reasonId: 'connected-here' };
  if (lc.usedAfterRelease !== undefined) return { ok: false, reasonId: 'used-after-release', detail: String(lc.usedAfterRelease) };
  const result = planRegion(lc, true);
  if (!result.ok) return result;
  const { plan } = result;
  const hazard = callbackHazard(plan.moved, plan.reachesFunctionEnd && plan.exported.length === 0);
  if (hazard) return { ok: false, reasonId: hazard };
  return { ok: true, plan, native: nativeCallbackFor(lc) };
}


export interface WithSessionEmitOptions {
  /** Local name of the helper function at the call site. */
  helperName: string;
  parseStatement(code: string): Node;
}

export function emitWithSession(lc: Lifecycle, planned: { plan: RegionPlan; native: NativeCallback | null }, opts: WithSessionEmitOptions): void {
  const { plan, native } = planned;
  // All releases go: the helper (or the library) releases.
  const dropped = dropInnerReleases(lc);
  const { body, moved, finalRelease, exported } = plan;
  const own = moved.flatMap((s) => {
    if (lc.form !== 'declaration' || s.type !== 'TryStatement' || s.handler || s.finalizer) return [s];
    const names = new Set(s.block.body.flatMap(declaredNames));
    return moved.filter((o) => o !== s).flatMap(declaredNames).some((n) => names.has(n)) ? [s.block] : s.block.body;
  });
  const callbackBody = [...own];
  const result = returnExported(exported, opts.parseStatement);
  if (result) callbackBody.push(result);
  const callback = j.arrowFunctionExpression([j.identifier(lc.name)], j.blockStatement(callbackBody));
  callback.async = true;

  let call: Node;
  if (native) {
    call = j.callExpression(j.memberExpression(native.receiver, j.identifier(native.method)), [...native.leadingArgs, callback]);
  } else {
    const releaseCall = releaseCallText(lc);
    const releaseFn = opts.parseStatement(`(${lc.name}) => ${lc.release.async && !lc.releaseAwaited ? `void ${releaseCall}` : releaseCall};`).expression;
    // With a connect step, the acquire thunk connects too: a failed connect releases nothing, as before.
    const start = body.indexOf(plan.acquireStatement);
    const steps = body.slice(start, body.indexOf(plan.startAfter) + 1);
    let thunk: Node;
    if (steps.length > 1) {
      thunk = j.arrowFunctionExpression([], j.blockStatement([...steps, j.returnStatement(j.identifier(lc.name))]));
      thunk.async = true;
    } else {
      thunk = j.arrowFunctionExpression([], lc.acquire.node);
    }
    call = j.callExpression(j.identifier(opts.helperName), [thunk, releaseFn, callback]);
  }
  const awaited = j.awaitExpression(call);
  let statement: Node;
  if (exported.length === 0) {
    statement = plan.reachesFunctionEnd && hasReturn(moved) ? j.returnStatement(awaited) : j.expressionStatement(awaited);
  } else {
    statement = declareExported(exported, awaited, opts.parseStatement);
  }
  const start = body.indexOf(plan.acquireStatement);
  carryLeadingComments(plan.acquireStatement, statement);
  const steps = body.indexOf(plan.startAfter) - start + 1;
  // The acquire's line comment, and every release's comments, stay with the call that now does their work.
  const acquireTrailing = steps === 1 ? (plan.acquireStatement.comments ?? []).filter((c: Node) => c.trailing) : [];
  carryComments([...acquireTrailing, ...commentsOf([...dropped, finalRelease])], statement);
  body.splice(start, steps + moved.length + (finalRelease ? 1 : 0), statement);

  if (lc.form === 'assigned-in-try') {
    const outer: Node[] = lc.letStatement!.parentPath.value;
    removeStatement(outer, lc.letStatement!.node);
    const tryNode = lc.tryStatement!.node;
    if (!tryNode.handler && !tryNode.finalizer) {
      const i = outer.indexOf(tryNode);
      const names = new Set(tryNode.block.body.flatMap(declaredNames));
      const collides = outer.filter((s) => s !== tryNode).flatMap(declaredNames).some((n) => names.has(n));
      outer.splice(i, 1, ...(collides ? [tryNode.block] : tryNode.block.body));
    }
  }
}

// The callback's result and the statement that receives it, shared with the library-callback emitter.
type Exported = { name: string; kind: string }[];

/** `return x;` / `return { a, b };` for the values that leave the callback, or null when none do. */
export function returnExported(exported: Exported, parseStatement: (code: string) => Node): Node | null {
  if (exported.length === 0) return null;
  if (exported.length === 1) return j.returnStatement(j.identifier(exported[0].name));
  return parseStatement(`return { ${exported.map((e) => e.name).join(', ')} };`);
}

/** `const x = <call>;` / `let { a, b } = <call>;` receiving those values. */
export function declareExported(exported: Exported, call: Node, parseStatement: (code: string) => Node): Node {
  const names = exported.map((e) => e.name).join(', ');
  const kind = exported.some((e) => e.kind !== 'const') ? 'let' : 'const';
  // Parsed from text so the destructuring keeps one line.
  const statement = parseStatement(exported.length === 1 ? `${kind} ${names} = RESULT;` : `${kind} { ${names} } = RESULT;`);
  statement.declarations[0].init = call;
  return statement;
}

/** The acquire's own leading comments (`// borrow a client`) now describe the call that replaces it. */
export function carryLeadingComments(from: Node, to: Node): void {
  carryComments((from.comments ?? []).filter((c: Node) => c.leading), to);
}

/** The generated helper, in the call site's language. */
export function helperSource(language: 'ts' | 'cjs'): string {
  const doc = [
    '// Generated by leakproof. Runs `work` with a freshly acquired resource and releases it on every path:',
    '// after `work` settles, whether it returned or threw. Edit freely; leakproof never overwrites it.',
  ].join('\n');
  if (language === 'ts') {
    return `${doc}
export async function withSession<T, R>(
  acquire: () => T | PromiseLike<T>,
  release: (resource: T) => unknown,
  work: (resource: T) => R | PromiseLike<R>,
): Promise<R> {
  const resource = await acquire();
  try {
    return await work(resource);
  } finally {
    await release(resource);
  }
}
`;
  }
  return `'use strict';
${doc}
async function withSession(acquire, release, work) {
  const resource = await acquire();
  try {
    return await work(resource);
  } finally {
    await release(resource);
  }
}

exports.withSession = withSession;
`;
}
