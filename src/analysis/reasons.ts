// Every reason a lifecycle finding can give, in plain words. Placeholders in braces are filled per finding.
export const LIFECYCLE_REASONS = {
  'fixed-native': 'declared with `{using}`: {library} {version} disposes it natively, with the same effect as {method}(){why}',
  'fixed-adapter': 'a disposer declared right after the acquire calls {method}() when the scope ends{why}',
  'fixed-try-finally': 'the work runs in try/finally, so {method}() runs on every path{why}',
  'fixed-return-await': 'already released in a finally; `return await` keeps the {noun} until the returned query settles',
  'fixed-with-session': 'the work runs in a {helper} callback that calls {method}() on every path{why}',
  'fixed-native-callback': 'the work runs in {helper}, which ends the {noun} on every path{why}',
  'would-fix': 'released only on the happy path; `{using}` would release it on every path',
  returned: 'the {noun} is returned to the caller',
  'stored-in-field': 'the {noun} is stored in a field or an outer variable and outlives the function',
  'stored-in-object': 'the {noun} is stored in an object or array that may outlive the scope',
  aliased: 'the {noun} is copied to another variable',
  reassigned: 'the variable holding the {noun} is reassigned',
  'passed-to-function': 'the {noun} is passed to a function that may keep it (the call is not awaited)',
  'used-in-closure': 'the {noun} is used in a closure that may run after the scope ends',
  'released-in-callback': 'the {noun} is released inside a callback or timer',
  'release-with-argument': '{method}(…) is called with an argument, which destroys rather than releases; a disposer cannot make that choice',
  'release-result-used': 'the result of {method}() is used, so the call cannot move into a disposer',
  'released-conditionally': 'released only in some branches',
  'never-released': 'the {noun} is never released in this function',
  'release-not-last': 'statements run after the release in the finally block, and would then run before it',
  'different-releases': 'released by different calls on different paths ({method})',
  'transaction-unprotected': 'a transaction may still be open where a release would be added (no catch rolls it back first)',
  'returns-pending-use': 'a pending result that still uses the {noun} is returned from a function that is not async',
  'values-used-after-release': 'values computed while the {noun} is held are used after an await that follows the release; the release cannot be scoped without moving it',
  'not-stored': 'the {noun} is not kept in a local variable',
  'unsupported-position': 'acquired where a `using` declaration cannot go ({detail})',
  'used-outside-try': 'the variable is used outside the try block that acquires it',
  'using-unsupported': 'this file cannot take `using` syntax: {detail}',
  'callback-needs-async': 'a callback needs an async function around the lifecycle, and this one is not',
  'callback-yield': 'the body yields, which a callback cannot',
  'callback-return': 'a `return` in the body would return from the callback, not from the function',
  'callback-jump': 'a `break` or `continue` in the body jumps out of it, which a callback cannot',
} as const;

export type ReasonId = keyof typeof LIFECYCLE_REASONS;

export function reasonText(id: ReasonId, values: Record<string, string | undefined>): string {
  return LIFECYCLE_REASONS[id].replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? key);
}
