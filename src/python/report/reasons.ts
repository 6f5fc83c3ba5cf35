import { fix, formatProblem, formatReason, hazard, preview, refusal, type ReasonTable } from '../../core/reasons';

// Every reason a Python finding can give, in plain words, per transform. Placeholders in braces are filled
// per finding; a finding's reason comes from these tables only, so it can never disagree with the rewrite.

export const PY_LIFECYCLE_REASONS = {
  'fixed-with': fix('the work runs in `{with}`, so the {noun} is closed on every path{exits} ({cm})', 'closed only if nothing before close() raised; an exception left the {noun} open'),
  'fixed-with-begin':
    fix('the work runs in `{with}`: it commits where the code called commit(), rolls back when the work raises, and closes the {noun} on every path ({begin})', 'closed only if nothing before close() raised, and the transaction was not rolled back on an exception'),
  'fixed-closing':
    fix("the work runs in `{with}`, which only calls close(), on every path{exits}; the connection's own context manager is not used ({library}: {cm})", 'closed only if nothing before close() raised; an exception left the connection open'),
  'fixed-with-yield': fix('the {noun} was never closed; `{with}` closes it when the generator finishes or is closed ({cm})', 'the {noun} was never closed'),
  'fixed-try-finally': fix('the work runs in try/finally, so {name}.close() runs on every path{exits} ({why})', 'closed only if nothing before close() raised; an exception left it open'),
  'fixed-not-stored':
    fix('the {noun} made in the call to {callee}() was never closed; `{with}` now closes it once the statement is done, on every path ({cm})', 'the {noun} made in the call to {callee}() was never closed'),
  'fixed-never-closed': fix('the {noun} was never closed; {how} now closes it {when}, on every path ({cm})', 'the {noun} was never closed'),
  'fixed-with-item':
    fix("`with {item}` only ended the transaction and never closed the connection ({library}: {cm}); `{fixed}` keeps that transaction block and closes the connection after it, on every path", '`with {item}` only ended the transaction: the connection was never closed'),
  'fixed-with-item-hoist':
    fix('`with {item}` only ended the transaction and never closed the connection ({library}: {cm}); {via}() may return None, so the connection is made before a try whose finally closes it when it is not None, and the with block stays as it was', '`with {item}` only ended the transaction: the connection was never closed'),
  'never-closed': refusal('the {noun} is never closed in this function'),
  'not-stored':
    refusal('the {noun} is made in the call to {callee}() and not kept in a name, so this code never closes it; unless {callee}() closes it, it stays open until the garbage collector finds it'),
  'open-on-purpose': refusal('the {noun} is left open on purpose, as the comment at line {line} says ({comment}); closing it would change what the code is for'),
  'work-before-try': refusal('the {noun} is closed by the finally of the try at line {tryLine}, but line {line} runs before that try and can raise with it open'),
  'module-global-session':
    hazard('{name} is a {noun} made at {where}, when the module is loaded, and shared by the code that uses it ({user}); there is no unit of work to scope it to (make one per request or task)'),
  'used-after-block': refusal('{name} is used after the `with` block (line {line}), where closing it at the end of the block would change that use'),
  'maybe-none': refusal('{via}() may return None and the connection is not the first item of its with statement, so it cannot be made before a try/finally'),
  'closed-conditionally': refusal('close() is called only inside a branch (line {line}), not at the end of the block that opens the {noun}'),
  returned: refusal('the {noun} is returned to the caller'),
  stored: refusal('the {noun} is stored in {where}, which may outlive the function'),
  aliased: refusal('the {noun} is also held by another name ({where})'),
  reassigned: refusal('{name} is assigned again (line {line}) before close()'),
  'not-local': refusal('{name} is declared global or nonlocal, so other code holds it too'),
  'used-after-close': refusal('{name} is used again after close() (line {line}){reopens}; a `with` block ending where close() was would not cover that use'),
  'used-in-closure': refusal('{name} is used in a nested function or lambda (line {line}) that may run after the `with` block has closed it'),
  'closed-early': refusal('close() at line {line} runs in the middle of the work, not at its end'),
  'early-exit-value':
    refusal('the {exit} at line {line} leaves with the {noun} still open and hands out {what}, computed from it; inside `with` the {noun} would close before the caller uses it{consequence}'),
  'shared-line': refusal('the {what} shares its line with another statement (`;`)'),
  indentation: refusal("the block's indentation cannot be extended safely ({detail})"),
  'release-mismatch': refusal('close() is {detail}, which does not match the {noun}'),
  'would-fix': preview('{what}'),
} satisfies ReasonTable;

export const PY_POOL_REASONS = {
  'fixed-dispose-removed':
    fix('{engine}.dispose() ran on every call of {fn}() and threw away the pool of an engine that outlives the call; it is removed ({shutdown})', '{engine}.dispose() threw the pool away on every call of {fn}()'),
  'fixed-dispose-moved':
    fix('{engine}.dispose() ran on every call of {fn}(); the engine belongs to each {owner} object, so it now runs once, in {owner}.{close}()', '{engine}.dispose() threw the pool away on every call of {fn}()'),
  'engine-per-call': hazard('{call} makes a new engine and pool on every call of {fn}(){dispose}; create the engine once per process'),
  'scoped-session-per-call':
    hazard('scoped_session() makes a new registry on every call of {fn}(){detail}; its thread-local session {removal}. Create the registry once per process and call remove() when each unit of work ends'),
  'dispose-conditional': refusal('{engine}.dispose() runs only on some paths of {fn}() (line {line}), so removing it cannot be checked'),
  'dispose-engine-reassigned': refusal('{engine} is bound inside {fn}(), so which pool dispose() closes, and whether it outlives the call, is not known'),
  'dispose-engine-made-here': refusal('{fn}() makes an engine itself ({call}, line {line}), so {engine} may be that engine or the one it replaces: whether dispose() throws away a pool that outlives the call is not known'),
  'dispose-engine-param': refusal('{engine} is passed in by the caller of {fn}(), so whether it outlives the call is not known'),
  'fixed-teardown-remove':
    fix('{registry} is a scoped session used by request handlers and nothing removes it; an @{app}.teardown_appcontext function now calls {registry}.remove() after every request, also one that raised', 'nothing removed the scoped session {registry} after a request'),
  'fixed-teardown-close':
    fix('g.{attr} holds a {noun} that no teardown closes; an @{app}.teardown_appcontext function now pops it from g and closes it after every request, also one that raised', 'nothing closed g.{attr} after a request'),
  'fixed-worker-remove':
    fix('{fn}() runs in a worker ({how}) and uses the scoped session {registry} without remove(); a finally now removes it when the work ends, on every path', 'the worker never removed the scoped session {registry}'),
  'teardown-no-app': refusal('{what} but there is no single Flask app made at module level to register a teardown on ({detail})'),
  'teardown-closed-elsewhere': refusal('g.{attr} is closed in {where}, not in a teardown, so a request that raises keeps it open'),
  'teardown-not-idempotent': refusal("g.{attr} is also closed in {where}, and {library}'s close() raises when called twice, so a teardown cannot close it again"),
  'worker-remove-missing': refusal('{fn}() runs in a worker ({how}) and uses the scoped session {registry} without remove(){detail}'),
  'would-fix': preview('{what}'),
} satisfies ReasonTable;

export const PY_CLOSE_REASONS = {
  'fixed-context-manager':
    fix('{owner} holds a {noun} ({field}) and releases it in {close}(); `{enter}`/`{exit}` now call {close}(), so callers can scope it with `{with}`', 'callers had to remember {close}(); the class could not be used in `with`'),
  'fixed-caller-with': fix("the work runs in `{with}`: {owner}'s {exit} calls {close}() on every path{exits}", 'closed only if nothing before {close}() raised'),
  'fixed-caller-never-closed': fix("the {owner} object was never closed; `{with}` now closes it when the work ends, on every path ({owner}'s {exit} calls {close}())", 'the {owner} object was never closed'),
  'fixed-redundant-close': fix('{name}.close() ran again at the end of `{with}`, which already closes it; the second call is removed', '{name} was closed twice'),
  'not-context-manager': refusal('{owner} holds a {noun} ({field}) but cannot be made a context manager: {why}'),
  'close-kept': refusal('{owner}.{close}() is kept: {why}'),
  'would-fix': preview('{what}'),
} satisfies ReasonTable;

export type PyLifecycleReasonId = keyof typeof PY_LIFECYCLE_REASONS;
export type PyPoolReasonId = keyof typeof PY_POOL_REASONS;
export type PyCloseReasonId = keyof typeof PY_CLOSE_REASONS;

export function fillReason(table: ReasonTable, id: string, values: Record<string, string | undefined>): string {
  return formatReason(table, id, values);
}

export function fillProblem(table: ReasonTable, id: string, values: Record<string, string | undefined>): string | undefined {
  return formatProblem(table, id, values);
}
