// Case 2, the callers: `const db = new Database(); … await db.close();` is a lifecycle of a project class,
// found and judged by the lifecycle finder with the class as its catalogue (see classes.ts), and rewritten
// by the same emitters in the style the other transforms would pick: `await using db = new Database()`
// where the class disposes itself (or gets its disposer in this run) and the file takes `using`, an adapter
// disposer where it cannot dispose itself, try/finally where the file cannot take `using`. A project class
// has no callback API, so `--style with-session` gets try/finally.
import type { Finding, StyleChoice, TransformOptions } from '../../core/model';
import { findLifecycles, type Lifecycle } from '../analysis/lifecycles';
import { Provenance } from '../provenance/values';
import { indexFactsOf } from '../provenance/pass';
import { indexView } from '../provenance/serial';
import { projectFileCache } from '../syntax/projectFiles';
import { lifecycleProblem, lifecycleReasonText, type ReasonId } from '../analysis/reasons';
import type { Node, Path } from '../analysis/ast';
import { emitInOrder, scopeNames, withdrawClaim } from '../emit/order';
import { usingSupport } from '../project/packageInfo';
import { emitUsing, usingNeedsRefusal } from '../emit/using';
import { emitTryFinally, planTryFinally } from '../emit/tryFinally';
import type { FileTypeFacts } from '../checker/typeFacts';
import type { ClassCatalog } from './classes';
import { closeReasonText } from './reasons';

type Plan = { style: 'using'; native: boolean; nativeAsync: boolean } | { style: 'try-finally' };

export interface CallerContext {
  transform: string;
  file: string;
  options: TransformOptions;
  parseStatement(code: string): Node;
  /** Only say whether something would be rewritten (`changed`): the tree is one made for reading. */
  dryRun?: boolean;
}

/** The callers' lifecycles of project classes in this file: rewritten in place (unless report-only), with findings. */
export function rewriteCallers(root: Path, cc: ClassCatalog, facts: FileTypeFacts, ctx: CallerContext): { findings: Finding[]; changed: boolean } {
  const findings: Finding[] = [];
  if (Object.keys(facts.calls).length === 0) return { findings, changed: false };
  const provenance = new Provenance(cc.catalog, ctx.file, { shared: { files: projectFileCache(), exports: new Map() }, index: indexView(indexFactsOf(ctx.options), cc.catalog) });
  const lifecycles = findLifecycles(root, { catalog: cc.catalog, file: ctx.file, provenance, typeFacts: facts });
  if (lifecycles.length === 0) return { findings, changed: false };
  const style: StyleChoice = ctx.options.style ?? 'auto';
  const support = usingSupport(ctx.file);
  const finding = (lc: Lifecycle, outcome: Finding['outcome'], fields: { style?: Finding['style']; reasonId: string; reason: string }): Finding => ({
    transform: ctx.transform,
    line: lc.line,
    column: lc.column,
    library: lc.library,
    resource: lc.name,
    outcome,
    style: fields.style ?? null,
    reasonId: fields.reasonId,
    reason: fields.reason,
  });
  const lifecycleFinding = (lc: Lifecycle, reasonId: ReasonId, values: Record<string, string | undefined> = {}, outcome: Finding['outcome'] = 'reported', st: Finding['style'] = null) =>
    finding(lc, outcome, { style: st, reasonId, reason: lifecycleReasonText(lc, reasonId, values) });

  const toEmit: { lc: Lifecycle; plan: Plan }[] = [];
  for (const lc of lifecycles) {
    if (!lc.verdict.fix) {
      findings.push(lifecycleFinding(lc, lc.verdict.reasonId, { detail: lc.verdict.detail, method: lc.verdict.method ?? lc.release.method }));
      continue;
    }
    // Leaks first: a caller that already closes in a finally stays as written unless --modernize asks
    // (only a `return` of a promise the finally does not wait for gets its await).
    const safe = lc.alreadySafe && !ctx.options.modernize;
    if (safe && lc.returnsToAwait.length === 0) continue;
    const wantsUsing = !safe && (style === 'using' || (style === 'auto' && support.ok));
    if (!safe && style === 'using' && !support.ok) {
      findings.push(lifecycleFinding(lc, 'using-unsupported', { detail: support.reason }));
      continue;
    }
    let plan: Plan;
    let why = '';
    if (wantsUsing) {
      const refusal = usingNeedsRefusal(lc);
      if (refusal) {
        findings.push(lifecycleFinding(lc, refusal.reasonId, { detail: refusal.detail }));
        continue;
      }
      // Its own disposer, when it has one that can run here: an unawaited async release is fire-and-forget,
      // which `await using` would turn into a wait.
      const own = lc.typeDispose ?? null;
      const native = !!own && lc.releaseArgs === '' && (own === 'sync' || lc.isAsyncContext) && !(lc.release.async && !lc.releaseAwaited);
      plan = { style: 'using', native, nativeAsync: own === 'async' };
      if (style === 'auto' && support.ok) why = ` (auto: ${support.via} takes \`using\`)`;
    } else {
      const p = planTryFinally(lc);
      if (!p.ok) {
        findings.push(lifecycleFinding(lc, p.reasonId, { detail: p.detail }));
        continue;
      }
      if (!p.plan && lc.returnsToAwait.length === 0) continue;
      plan = { style: 'try-finally' };
      why =
        style === 'with-session'
          ? ' (with-session: a project class has no callback API)'
          : style === 'auto' && !support.ok
            ? ` (auto: no \`using\` here — ${support.reason})`
            : '';
    }
    const using = plan.style === 'using' && plan.native ? (plan.nativeAsync ? 'await using' : 'using') : lc.release.async && lc.releaseAwaited ? 'await using' : 'using';
    if (ctx.options.reportOnly) {
      findings.push(lifecycleFinding(lc, 'would-fix', { using }));
      continue;
    }
    toEmit.push({ lc, plan });
    const modernized = lc.alreadySafe && lc.returnsToAwait.length === 0;
    const outcome = modernized ? 'modernized' : 'fixed';
    let fixed: Finding;
    if (plan.style === 'using' && plan.native) {
      const symbol = plan.nativeAsync ? 'Symbol.asyncDispose' : 'Symbol.dispose';
      fixed = finding(lc, outcome, {
        style: 'using',
        reasonId: 'fixed-caller-using',
        reason: closeReasonText('fixed-caller-using', { using, owner: lc.kind.name, symbol, method: lc.release.method, why }),
      });
    } else if (plan.style === 'using') {
      fixed = lifecycleFinding(lc, 'fixed-adapter', { using, why }, outcome, 'using');
    } else if (lc.alreadySafe) {
      fixed = lifecycleFinding(lc, 'fixed-return-await', {}, outcome, 'try-finally');
    } else {
      fixed = lifecycleFinding(lc, 'fixed-try-finally', { why }, outcome, 'try-finally');
    }
    fixed.problem = lifecycleProblem(lc, modernized);
    findings.push(fixed);
  }
  if (toEmit.length === 0) return { findings, changed: false };
  if (ctx.dryRun) return { findings, changed: true };

  // As in the lifecycle transforms: names unique per function, moved regions outermost first, `using`
  // innermost first, each lifecycle's block found again on the live tree.
  const program = root.node.type === 'File' ? root.node.program : root.node;
  const namesInScopeOf = scopeNames(program);
  // A lifecycle the emit cannot make after all (planned again on the live tree) is reported, not claimed.
  const demote = (lc: Lifecycle, reasonId: ReasonId, values: Record<string, string | undefined>) => withdrawClaim(findings, lc, lifecycleFinding(lc, reasonId, values));
  emitInOrder(root, toEmit, ({ lc, plan }) => {
    if (plan.style === 'using') {
      emitUsing(lc, { native: plan.native, nativeAsync: plan.nativeAsync, adapter: ctx.options.adapter ?? 'object', usedNames: namesInScopeOf(lc.block), parseStatement: ctx.parseStatement });
    } else {
      const again = planTryFinally(lc);
      if (again.ok) emitTryFinally(lc, again.plan);
      else demote(lc, again.reasonId, { detail: again.detail });
    }
  }, ({ lc }, holder) => demote(lc, 'crosses-rewrite', { detail: holder }));
  return { findings, changed: true };
}
