import { fix, formatProblem, formatReason, hazard, preview, refusal, type ReasonTable } from '../../core/reasons';

// Every reason a pool-lifecycle finding can give, in plain words. Placeholders in braces are filled per finding.
export const POOL_REASONS = {
  'fixed-teardown-removed':
    fix('{method}() closed the {noun} the module makes once, at the end of every call ({evidence}), so later calls found it closed or had to reconnect; the {noun} now lives for the process{hook}', '{method}() closed the shared {noun} at the end of every call'),
  'fixed-request-scope':
    fix("the request's {noun} is released when the response is done, on every path ({how}){removed}", "the request's {noun} was released only where a handler released it; a throw or an early response left it {held}"),
  'would-fix': preview('{what}'),
  'no-shutdown-hook':
    hazard("nothing closes this {noun} when the process stops ({searched}); call `{call}` once in a shutdown hook, such as a `process.once('SIGTERM', …)` handler"),
  'pool-per-call':
    hazard('a new {noun} is made and closed on every call ({method}() at line {teardownLine}); make one per process instead — moving it changes its lifetime, so it is reported, not moved'),
  'pool-never-closed':
    hazard('the {noun} made here is never closed: each run of {where} leaves one behind, its connections open until they time out, if they ever do; make one {noun} per process and reuse it, or close it once its work is done (a decision about its lifetime: reported, not rewritten)'),
  'pool-reassigned': refusal('the variable holding the {noun} is assigned again elsewhere (a lazy or replaceable {noun}), so {method}() may be what lets go of an old one'),
  'pool-origin-unknown':
    refusal('{method}() runs once per call ({evidence}) on a {noun} that is not shown to be made once per process ({why}); if it is shared, this closes it for every later call, and if it is made per call, this is its release'),
  'context-unknown':
    refusal("{method}() closes the {noun} the module makes once, in {where}; that code is not shown to run once per call (a registered request handler, or an exported function of a module that is no entry point) nor once per process (a script, a test, a shutdown hook), so the call stays — if it runs per call, later calls find the {noun} closed"),
  'teardown-in-callback':
    refusal('{method}() closes the {noun} the module makes once, inside {where}, a callback of code that runs once per call ({evidence}); when and how often a callback runs is up to the code that calls it, so the call stays'),
  'single-connection':
    hazard('`{receiver}` is one connection the module makes once, not a pool: {method}() closes it for good at the end of every call ({evidence}), so later calls cannot use it; removing the call is not the fix — use a pool, or a connection per call that is closed on every path'),
  'teardown-arguments':
    refusal('{method}() is called with arguments ({detail}); a teardown with arguments is never removed'),
  'teardown-conditional':
    refusal('{method}() runs only on some paths of the per-call function ({detail}); whether the {noun} should outlive the call is a decision to make by hand'),
  'teardown-in-finally':
    refusal('{method}() is in a finally block, a release written to run on every path of the call; such a release is never removed — whether the {noun} should outlive the call is a decision to make by hand'),
  'teardown-in-expression': refusal('the result of {method}() is used, so the program carries on from it; it is never removed'),
  'request-release-conditional':
    refusal("a handler releases the request's {noun} only on some paths or with an argument ({where}); releasing it when the response is done would change that choice"),
  'request-handed-off':
    refusal("the request's {noun} is handed to other code ({where}) that may still use it after the response; releasing it when the response is done could be too early"),
  'request-released-elsewhere':
    refusal("the request's {noun} is also released in {where}, which this file's rewrite cannot change; releasing it here as well would release it twice"),
  'request-async-release':
    refusal("the {noun}'s {method}() returns a promise, which an Express 'close' listener cannot await or pass on; release it by hand at the end of the response"),
  'request-no-response': refusal('the middleware has no response parameter to listen on for the end of the response ({where})'),
  'request-next-not-awaited': refusal('the middleware does not `await next()` as a statement of its own body, so there is no point where the downstream work is done'),
  'request-acquire-position': refusal("the request's {noun} is acquired inside a nested block of the middleware, not as a statement of its own body"),
} satisfies ReasonTable;

export type PoolReasonId = keyof typeof POOL_REASONS;

export function poolReasonText(id: PoolReasonId, values: Record<string, string | undefined>): string {
  return formatReason(POOL_REASONS, id, values);
}

export function poolProblemText(id: PoolReasonId, values: Record<string, string | undefined>): string | undefined {
  return formatProblem(POOL_REASONS, id, values);
}
