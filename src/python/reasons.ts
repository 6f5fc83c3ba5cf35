// Every reason a Python finding can give, in plain words, per transform. Placeholders in braces are filled
// per finding; a finding's reason comes from these tables only, so it can never disagree with the rewrite.

export const PY_LIFECYCLE_REASONS = {
  'fixed-with': 'the work runs in `{with}`, so the {noun} is closed on every path{exits} ({cm})',
  'fixed-with-begin':
    'the work runs in `{with}`: it commits where the code called commit(), rolls back when the work raises, and closes the {noun} on every path ({begin})',
  'fixed-closing':
    "the work runs in `{with}`, which only calls close(), on every path{exits}; the connection's own context manager is not used ({library}: {cm})",
  'fixed-with-yield': 'the {noun} was never closed; `{with}` closes it when the generator finishes or is closed ({cm})',
  'fixed-try-finally': 'the work runs in try/finally, so {name}.close() runs on every path{exits} ({why})',
  'fixed-never-closed': 'the {noun} was never closed; {how} now closes it when the {scope} ends, on every path ({cm})',
  'fixed-with-item':
    "`with {item}` only ended the transaction and never closed the connection ({library}: {cm}); `{fixed}` keeps that transaction block and closes the connection after it, on every path",
  'fixed-with-item-hoist':
    '`with {item}` only ended the transaction and never closed the connection ({library}: {cm}); {via}() may return None, so the connection is made before a try whose finally closes it when it is not None, and the with block stays as it was',
  'never-closed': 'the {noun} is never closed in this function',
  'module-global-session':
    '{name} is a {noun} made at {where}, when the module is loaded, and shared by the code that uses it ({user}); there is no unit of work to scope it to (make one per request or task)',
  'used-after-block': '{name} is used after the `with` block (line {line}), where closing it at the end of the block would change that use',
  'maybe-none': '{via}() may return None and the connection is not the first item of its with statement, so it cannot be made before a try/finally',
  'closed-conditionally': 'close() is called only inside a branch (line {line}), not at the end of the block that opens the {noun}',
  returned: 'the {noun} is returned to the caller',
  stored: 'the {noun} is stored in {where}, which may outlive the function',
  aliased: 'the {noun} is also held by another name ({where})',
  reassigned: '{name} is assigned again (line {line}) before close()',
  'not-local': '{name} is declared global or nonlocal, so other code holds it too',
  'used-after-close': '{name} is used again after close() (line {line}){reopens}; a `with` block ending where close() was would not cover that use',
  'used-in-closure': '{name} is used in a nested function or lambda (line {line}) that may run after the `with` block has closed it',
  'closed-early': 'close() at line {line} runs in the middle of the work, not at its end',
  'early-exit-value':
    'the `{exit}` at line {line} leaves with the {noun} still open and hands out {what}, computed from it; inside `with` the {noun} would close before the caller uses it{consequence}',
  'shared-line': 'the {what} shares its line with another statement (`;`)',
  indentation: "the block's indentation cannot be extended safely ({detail})",
  'release-mismatch': 'close() is {detail}, which does not match the {noun}',
  'would-fix': '{what}',
} as const;

export const PY_POOL_REASONS = {
  'fixed-dispose-removed':
    '{engine}.dispose() ran on every call of {fn}() and threw away the pool of an engine that outlives the call; it is removed ({shutdown})',
  'fixed-dispose-moved':
    '{engine}.dispose() ran on every call of {fn}(); the engine belongs to each {owner} object, so it now runs once, in {owner}.{close}()',
  'engine-per-call': '{call} makes a new engine and pool on every call of {fn}(){dispose}; create the engine once per process',
  'scoped-session-per-call':
    'scoped_session() makes a new registry on every call of {fn}(){detail}; its thread-local session is never removed. Create the registry once per process and call remove() when each unit of work ends',
  'dispose-conditional': '{engine}.dispose() runs only on some paths of {fn}() (line {line}), so removing it cannot be checked',
  'dispose-engine-reassigned': '{engine} is bound inside {fn}(), so which pool dispose() closes, and whether it outlives the call, is not known',
  'dispose-engine-param': '{engine} is passed in by the caller of {fn}(), so whether it outlives the call is not known',
  'fixed-teardown-remove':
    '{registry} is a scoped session used by request handlers and nothing removes it; an @{app}.teardown_appcontext function now calls {registry}.remove() after every request, also one that raised',
  'fixed-teardown-close':
    'g.{attr} holds a {noun} that no teardown closes; an @{app}.teardown_appcontext function now pops it from g and closes it after every request, also one that raised',
  'fixed-worker-remove':
    '{fn}() runs in a worker ({how}) and uses the scoped session {registry} without remove(); a finally now removes it when the work ends, on every path',
  'teardown-no-app': '{what} but no Flask app is made at module level ({detail}), so there is no app to register a teardown on',
  'teardown-closed-elsewhere': 'g.{attr} is closed in {where}, not in a teardown, so a request that raises keeps it open',
  'teardown-not-idempotent': "g.{attr} is also closed in {where}, and {library}'s close() raises when called twice, so a teardown cannot close it again",
  'worker-remove-missing': '{fn}() runs in a worker ({how}) and uses the scoped session {registry} without remove(){detail}',
  'would-fix': '{what}',
} as const;

export const PY_CLOSE_REASONS = {
  'fixed-context-manager':
    '{owner} holds a {noun} ({field}) and releases it in {close}(); `{enter}`/`{exit}` now call {close}(), so callers can scope it with `{with}`',
  'fixed-caller-with': "the work runs in `{with}`: {owner}'s {exit} calls {close}() on every path{exits}",
  'fixed-redundant-close': '{name}.close() ran again at the end of `{with}`, which already closes it; the second call is removed',
  'not-context-manager': '{owner} holds a {noun} ({field}) but cannot be made a context manager: {why}',
  'close-kept': '{owner}.{close}() is kept: {why}',
  'would-fix': '{what}',
} as const;

export type PyLifecycleReasonId = keyof typeof PY_LIFECYCLE_REASONS;
export type PyPoolReasonId = keyof typeof PY_POOL_REASONS;
export type PyCloseReasonId = keyof typeof PY_CLOSE_REASONS;

export function fillReason(table: Record<string, string>, id: string, values: Record<string, string | undefined>): string {
  return table[id].replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}
