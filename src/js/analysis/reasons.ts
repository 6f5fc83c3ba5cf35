import { fill, fix, formatReason, hazard, preview, problem, refusal, type ReasonTable } from '../../core/reasons';
import type { Lifecycle } from './lifecycles';

// Every reason a lifecycle finding can give, in plain words. Placeholders in braces are filled per finding.
export const LIFECYCLE_REASONS = {
  'fixed-native': fix('declared with `{using}`: {library} {version} disposes it natively, with the same effect as {method}(){why}'),
  'fixed-adapter': fix('a disposer declared right after the acquire calls {method}() when the scope ends{why}'),
  'fixed-try-finally': fix('the work runs in try/finally, so {method}() runs on every path{why}'),
  'fixed-return-await': fix('already released in a finally; `return await` keeps the {noun} until the returned query settles'),
  'fixed-with-session': fix('the work runs in a {helper} callback that calls {method}() on every path{why}'),
  'fixed-native-callback': fix('the work runs in {helper}, which ends the {noun} on every path{why}'),
  'fixed-callback-api': fix('the work runs in {helper}, which runs {success} when it returns and {failure} when it throws{why}'),
  'fixed-try-catch': fix('the work runs in try/catch: {success} when it completes, {failure} when it throws{why}'),
  'fixed-release-first': fix('{method}() moves to the start of the callback its work calls when it is over, so no throw or early return there skips it'),
  'would-release-first': preview('released only if nothing before {method}() in its callback throws; moving it to the start of that callback would release it on every path'),
  'would-fix': preview('released only on the happy path; `{using}` would release it on every path'),
  returned: refusal('the {noun} is returned to the caller on some paths and released on others'),
  'returned-in-use': refusal('what `return` hands back (`{detail}`) may go on using the {noun}, which nothing releases on that path today: the caller may be the one to release it'),
  'resolved-after-work': refusal("the {noun} is handed to the caller through the promise's {detail}(), but the work before that can fail, and then nobody releases it"),
  'returned-on-some-paths': refusal('the {noun} is handed to the caller by the `return` at line {detail}, but other paths leave the function without reaching it, and nothing releases it on them'),
  'returned-after-work': refusal('the {noun} is handed to the caller, but the work before the `return` can throw, and then nobody releases it'),
  'stored-in-field': refusal('the {noun} is stored in a field or an outer variable and outlives the function'),
  'stored-in-object': refusal('the {noun} is stored in an object or array that may outlive the scope'),
  aliased: refusal('the {noun} is copied to another variable'),
  reassigned: refusal('the variable holding the {noun} is reassigned'),
  'passed-to-function': refusal('the {noun} is passed to a function that may keep it (the call is not awaited)'),
  'used-in-closure': refusal('the {noun} is used in a closure that may run after the scope ends'),
  'released-in-callback': refusal('the {noun} is released inside a callback or timer, which may run after the scope ends'),
  'released-by-callee': refusal('the {noun} is released by {detail}, a function it is handed to, not here: no rewrite of this scope can tie that release to every path'),
  'released-in-other-function': refusal('the {noun} is made here but released in {detail}, so no rewrite of this scope can tie the release to it'),
  'release-with-argument': refusal('{method}({detail}) passes a value decided on this path; a disposer makes one call on every path and cannot make that choice'),
  'release-voided': refusal('`void {method}()` does not wait for the release on that path; one release for every path cannot keep that'),
  'release-caught': refusal("the failure of {method}() is caught where it is called (`.catch(…)`), and a release made in its place would throw it"),
  'release-result-used': refusal('the result of {method}() is used, so the call cannot move into a disposer'),
  'released-conditionally': refusal('released only in some branches'),
  'used-after-release': refusal('the {noun} is used after its release (line {detail}); a `using` declaration or a callback would keep it open for that use, where a try/finally keeps the release where it is'),
  'held-in-outer-variable': refusal('the {noun} is acquired in {detail} into a variable declared outside it, which other functions may also read, set or release; no rewrite of one function can own it'),
  'crosses-rewrite': refusal('it is acquired inside the rewrite of {detail} and released after that one: a rewrite of its own would change the order of the two releases'),
  'double-release': hazard('{detail} releases the {noun}, and the finally releases it again on the same path (line {finallyLine}){consequence}; keep one of the two'),
  'released-twice': refusal('`{detail}` runs after the release in the try, and if it throws the catch releases the {noun} a second time'),
  'callback-path-unreleased': refusal('the {noun} is released in callbacks the library calls later, but not on every path ({detail}); no rewrite can move a release into work that is still running'),
  'provenance-unknown': refusal('the {noun} comes from {detail}, a module of the project that is not there, so nothing says what it is nor that {method}() is its release; that call is not reached on every path, and no rewrite is made on a guess'),
  'never-released': refusal('the {noun} is never released in this function{detail}'),
  'release-not-last': refusal('statements run after the release in the finally block, and would then run before it'),
  'different-releases': refusal('released by different calls on different paths ({method})'),
  'transaction-unprotected': refusal('a transaction may still be open where a release would be added (no catch rolls it back first)'),
  'transaction-no-rollback': hazard(
    'a transaction begun here is not rolled back when the work fails: {fate}',
    'Reported where a transaction starts. On a pooled connection whose release keeps the transaction: the release hands the connection back to the pool with the transaction still open, and the next caller works inside it. On a transaction handle a project helper hands out (`const [trx] = await openTransaction(db)`): no rollback runs and nothing else ends it, so it keeps its connection out of the pool. Roll back in the catch (or use the library\'s transaction callback).',
  ),
  'acquire-not-awaited': hazard('{detail} is async and not awaited here: what this code takes for the {noun} is its promise, and the {noun} it opens is never ended'),
  'returns-pending-use': refusal('a pending result that still uses the {noun} is returned from a function that is not async'),
  'values-used-after-release': refusal('values computed while the {noun} is held are used {detail}; the release cannot be scoped without moving it'),
  'effects-after-release': refusal('`{detail}` runs after the awaited {method}() today; a rewrite would run it before the release, and a failing {method}() would no longer stop it'),
  'use-not-awaited': refusal('`{detail}` is not awaited: the release can run while it is still pending, and its failure goes unseen; await it, then the release can be guaranteed'),
  'not-stored': refusal('the {noun} is not kept in a local variable'),
  'unsupported-position': refusal('acquired where a `using` declaration cannot go ({detail})'),
  'connected-here': refusal('the {noun} is made once at module level and connected in this function; a callback that acquires would make another (the try-finally and using styles keep it)'),
  'used-outside-try': refusal('the variable is used outside the try block that acquires it'),
  'using-unsupported': refusal('this file cannot take `using` syntax: {detail}'),
  'callback-needs-async': refusal('a callback needs an async function around the lifecycle, and this one is not'),
  'callback-yield': refusal('the body yields, which a callback cannot'),
  'callback-return': refusal('a `return` in the body would return from the callback, not from the function'),
  'callback-jump': refusal('a `break` or `continue` in the body jumps out of it, which a callback cannot'),
  'transaction-needs-callback': refusal('a `using` declaration cannot choose between {success} and {failure}; the with-session style runs the work in {helper}'),
  'ended-early': refusal('the {noun} is ended inside the work ({detail}), and {helper} would end it again'),
  'callback-early-exit': refusal('a `return` leaves the work before {success} with the {noun} still open; {helper} would call {success} there instead'),
  'catch-does-more': refusal('{helper} runs {failure} and rethrows when the work throws, and this catch does otherwise ({detail})'),
  'used-after-end': refusal('the {noun} is used after {success} ({detail})'),
  'handle-differs': refusal('{helper} passes its callback another object than the {noun}, and the work uses it in a way that object does not support ({detail})'),
  'callback-changes-meaning': refusal('{helper} could change what the work does ({detail})'),
  'ends-not-understood': refusal('{success} and {failure} are not called in a shape that maps onto {helper} ({detail})'),
  'acquire-arguments': refusal("the acquire's arguments ({detail}) have no place in {helper}"),
  'end-not-awaited': refusal('{detail} is not awaited, and {helper} would wait for it'),
  'values-used-after-end': refusal('values computed in the {noun} are used after {success}, and a try block would hide them; the with-session style returns them from its callback'),
  'begin-on-pool': hazard('`BEGIN` is sent through the {noun} {detail}, which runs each query on whichever connection is free: the work after it is not in the transaction, and the connection left inside it goes back to the pool; use {helper}'),
} satisfies ReasonTable;

export type ReasonId = keyof typeof LIFECYCLE_REASONS;

// What was wrong before a fix, in plain words: the first thing a fix's line says (`--json`: `problem`).
export const LIFECYCLE_PROBLEMS = {
  'released-on-success-only': problem('released only if nothing before {method}() throws; a failure leaves the {noun} {held}'),
  'released-after-gap': problem('released in a finally, but what runs between the acquire and its try can throw and leave the {noun} {held}'),
  'released-before-settled': problem('released in the finally before the promise `return` hands back has settled'),
  'ended-on-success-only': problem('{success} runs only when the work succeeds; a failure leaves the {noun} open{andHeld}'),
  'modernized': problem('already released on every path; restated because --modernize asked for it'),
} satisfies ReasonTable;

export type ProblemId = keyof typeof LIFECYCLE_PROBLEMS;

export function problemText(id: ProblemId, values: Record<string, string | undefined>): string {
  return fill(LIFECYCLE_PROBLEMS[id].message, values);
}

export function reasonText(id: ReasonId, values: Record<string, string | undefined>): string {
  return formatReason(LIFECYCLE_REASONS, id, values);
}

/** What a fix of this lifecycle repairs, in plain words. */
export function lifecycleProblem(lc: Lifecycle, modernized: boolean): string {
  if (modernized) return problemText('modernized', {});
  if (lc.alreadySafe) return problemText('released-before-settled', {});
  const held = lc.resource.releaseKeepsTransaction || lc.release.method === 'release' ? 'checked out of its pool' : 'open';
  const values = { method: lc.release.method, noun: lc.resource.noun, held };
  if (!lc.releaseFirst && lc.releases.every((r) => r.role === 'finally')) return problemText('released-after-gap', values);
  return withReleaseArguments(lc, problemText('released-on-success-only', values));
}


/** The release as the code writes it, arguments included, wherever a lifecycle's message says `{method}()`. */
function withReleaseArguments(lc: Lifecycle, text: string): string {
  return lc.releaseArgs ? text.split(`${lc.release.method}()`).join(`${lc.release.method}(${lc.releaseArgs})`) : text;
}

/** What becomes of a pooled connection released inside an open transaction (transaction-no-rollback). */
export const POOLED_FATE = '{method}() hands the {noun} back to the pool with the transaction still open, and the next caller works inside it';
/** …and of a transaction handle nothing ends. */
export const HANDLE_FATE = 'no {failure} runs and nothing else ends it, so it keeps its connection out of the pool';

/** A lifecycle reason in its own words: noun, library and release method filled in. */
export function lifecycleReasonText(lc: Lifecycle, id: ReasonId, values: Record<string, string | undefined>): string {
  const base = { noun: lc.resource.noun, library: lc.library, method: values.method ?? lc.release.method, why: '', ...values };
  return withReleaseArguments(lc, reasonText(id, { fate: fill(POOLED_FATE, base), ...base }));
}

/** What a second release does, per library (said in the finding). */
export function doubleReleaseConsequence(library: string, kind: string): string {
  if (library === 'pg') return ', and pg throws when a client is released twice';
  if (library === 'oracledb') return ', and oracledb fails with NJS-003 when it is closed twice';
  if (library === 'mariadb' && kind === 'Pool') return ', and mariadb rejects a second end() of a pool';
  return '';
}
