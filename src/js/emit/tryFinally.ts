// Emitter for the `try-finally` style: `const x = acquire(); try { … } finally { release }`, no helper.
import jscodeshift from 'jscodeshift';
import { declaredNames, type Node } from '../analysis/ast';
import type { Lifecycle } from '../analysis/lifecycles';
import type { ReasonId } from '../analysis/reasons';
import { carryComments, commentsOf, dropInnerReleases, planRegion, removeStatement, type RegionPlan } from './region';

const j = jscodeshift;

export type TryFinallyPlan = { ok: true; plan: RegionPlan | null } | { ok: false; reasonId: ReasonId; detail?: string };

export function planTryFinally(lc: Lifecycle): TryFinallyPlan {
  // The classic safe shapes need nothing but the `return await` fix.
  if (lc.alreadySafe) return { ok: true, plan: null };
  const result = planRegion(lc, false);
  return result.ok ? { ok: true, plan: result.plan } : result;
}

/** The release statement the finally will hold: the final one as written, else the first exit release's. */
function releaseStatementFor(lc: Lifecycle): Node {
  const chosen = lc.releases.find((r) => r.role === 'final') ?? lc.releases.find((r) => r.role === 'finally') ?? lc.releases[0];
  return chosen.statement.node;
}

export function emitTryFinally(lc: Lifecycle, plan: RegionPlan | null): void {
  if (!plan) {
    for (const ret of lc.returnsToAwait) ret.node.argument = j.awaitExpression(ret.node.argument);
    return;
  }
  const release = releaseStatementFor(lc);
  // Every release inside the region goes: the finally is now the only one (and keeps their comments).
  carryComments(commentsOf(dropInnerReleases(lc).filter((s) => s !== release)), release);
  const { body, moved, finalRelease } = plan;
  // Region, final release and tail sit right after the acquire (or its connect step), in that order.
  const start = body.indexOf(plan.startAfter) + 1;
  const count = moved.length + (finalRelease ? 1 : 0);
  // A region that is one try/catch already: give it the finally instead of nesting another try.
  const single = moved.length === 1 && moved[0].type === 'TryStatement' && !moved[0].finalizer ? moved[0] : null;
  if (single) {
    single.finalizer = j.blockStatement([release]);
    if (finalRelease) removeStatement(body, finalRelease);
    return;
  }
  // A try left with neither catch nor finally dissolves into the new one, unless its names would collide.
  const inner = moved.flatMap((s) => {
    if (s.type !== 'TryStatement' || s.handler || s.finalizer) return [s];
    const own = new Set(s.block.body.flatMap(declaredNames));
    const others = moved.filter((o) => o !== s).flatMap(declaredNames);
    return others.some((n) => own.has(n)) ? [s.block] : s.block.body;
  });
  const tryStatement = j.tryStatement(j.blockStatement(inner), null, j.blockStatement([release]));
  body.splice(start, count, tryStatement);
}
