// Every reason a remove-redundant-close finding can give, in plain words. Placeholders in braces are filled
// per finding. The rewrite of a caller's own lifecycle (`const db = new Database(); … await db.close()`)
// is a lifecycle like any other and reports with the lifecycle reasons (src/analysis/reasons.ts).
export const CLOSE_REASONS = {
  'fixed-close-removed':
    '{owner}.{method}() only released fields that no longer hold a resource ({fields}); the method is removed with them and with {calls}',
  'fixed-call-removed': '{owner}.{method}() released nothing and is removed, so this call goes too',
  'fixed-disposable':
    '{owner} owns a {noun} ({field}); `[{symbol}]` now calls {method}(), so callers can declare it with `{using}` ({method}() stays for callers that still call it)',
  'fixed-caller-using': "declared with `{using}`: {owner}'s `[{symbol}]` calls {method}() when the scope ends, on every path{why}",
  'fixed-double-release':
    '{method}() released {name} a second time: `{using}` already releases it at the end of the scope{consequence}',
  'would-fix': '{what}',
  'public-api':
    '{owner}.{method}() is reachable from the package entry point ({entry}): code outside this project may call it, so it is kept',
  'referenced-not-called': '{owner}.{method} is used other than as a call statement ({where}), so it is kept',
  'referenced-outside-run': '{owner}.{method}() is called from {where}, which this run does not rewrite, so it is kept',
  'still-required': '{owner}.{method}() is still required by a type ({where}: {message}), so it is kept',
  'inherited-member': '{owner}.{method}() implements, overrides or is overridden by a member of {other}, so it is kept',
  'double-release-kept':
    '{method}() releases {name} a second time (`{using}` releases it at the end of the scope{consequence}), but it is kept: {why}',
  'disposable-unsupported': '{owner} owns a {noun} ({field}) but cannot be made disposable: {why}',
  'project-unavailable': '{owner}.{method}() was not analysed across files: {why}',
} as const;

export type CloseReasonId = keyof typeof CLOSE_REASONS;

export function closeReasonText(id: CloseReasonId, values: Record<string, string | undefined>): string {
  return CLOSE_REASONS[id].replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

// What was wrong before each fix, in plain words (`--json`: `problem`).
const CLOSE_PROBLEMS = {
  'fixed-close-removed': '{owner}.{method}() released only fields that never hold a resource, and callers had to remember to call it',
  'fixed-call-removed': 'called {owner}.{method}(), which released nothing',
  'fixed-disposable': 'already released by {method}(); given a disposer because --modernize asked for it',
  'fixed-double-release': '{name} was released twice: {method}() after `{using}` had released it{consequence}',
} as const;

export type CloseProblemId = keyof typeof CLOSE_PROBLEMS;

export function closeProblemText(id: CloseProblemId, values: Record<string, string | undefined>): string {
  return CLOSE_PROBLEMS[id].replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}
