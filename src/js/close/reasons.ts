import { fix, formatProblem, formatReason, preview, refusal, type ReasonTable } from '../../core/reasons';

// Every reason a remove-redundant-close finding can give, in plain words. Placeholders in braces are filled
// per finding. The rewrite of a caller's own lifecycle (`const db = new Database(); … await db.close()`)
// is a lifecycle like any other and reports with the lifecycle reasons (src/analysis/reasons.ts).
export const CLOSE_REASONS = {
  'fixed-close-removed':
    fix('{owner}.{method}() only released fields that no longer hold a resource ({fields}); the method is removed with them and with {calls}', '{owner}.{method}() released only fields that never hold a resource, and callers had to remember to call it'),
  'fixed-call-removed': fix('{owner}.{method}() released nothing and is removed, so this call goes too', 'called {owner}.{method}(), which released nothing'),
  'fixed-disposable':
    fix('{owner} owns a {noun} ({field}); `[{symbol}]` now calls {method}(), so callers can declare it with `{using}` ({method}() stays for callers that still call it)', 'already released by {method}(); given a disposer because --modernize asked for it'),
  'fixed-caller-using': fix("declared with `{using}`: {owner}'s `[{symbol}]` calls {method}() when the scope ends, on every path{why}"),
  'fixed-double-release':
    fix('{method}() released {name} a second time: `{using}` already releases it at the end of the scope{consequence}', '{name} was released twice: {method}() after `{using}` had released it{consequence}'),
  'would-fix': preview('{what}'),
  'public-api':
    refusal('{owner}.{method}() is reachable from the package entry point ({entry}): code outside this project may call it, so it is kept'),
  'referenced-not-called': refusal('{owner}.{method} is used other than as a call statement ({where}), so it is kept'),
  'referenced-outside-run': refusal('{owner}.{method}() is called from {where}, which this run does not rewrite, so it is kept'),
  'still-required': refusal('{owner}.{method}() is still required by a type ({where}: {message}), so it is kept'),
  'inherited-member': refusal('{owner}.{method}() implements, overrides or is overridden by a member of {other}, so it is kept'),
  'double-release-kept':
    refusal('{method}() releases {name} a second time (`{using}` releases it at the end of the scope{consequence}), but it is kept: {why}'),
  'disposable-unsupported': refusal('{owner} owns a {noun} ({field}) but cannot be made disposable: {why}'),
  'project-unavailable': refusal('{owner}.{method}() was not analysed across files: {why}'),
} satisfies ReasonTable;

export type CloseReasonId = keyof typeof CLOSE_REASONS;

export function closeReasonText(id: CloseReasonId, values: Record<string, string | undefined>): string {
  return formatReason(CLOSE_REASONS, id, values);
}

export type CloseProblemId = 'fixed-close-removed' | 'fixed-call-removed' | 'fixed-disposable' | 'fixed-double-release';

export function closeProblemText(id: CloseProblemId, values: Record<string, string | undefined>): string {
  return formatProblem(CLOSE_REASONS, id, values) ?? '';
}
