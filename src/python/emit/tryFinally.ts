// The try/finally emitter, for where `with` cannot be used: a Session on SQLAlchemy before 1.4 (no
// context manager), or an acquire through a project function that may return None (closing(None) would
// fail on exit). `x = ACQ` stays; the work goes into `try:`; the close() moves into `finally:`.
import type { PySource, TextEdit } from '../parse/text';
import type { PyNode } from '../parse/tree';
import type { LifecyclePlan } from '../analysis/lifecycles';
import { insertAfterLine, linesAt, removeStatement } from './edits';

export function emitTryFinally(src: PySource, plan: LifecyclePlan): { edits: TextEdit[] } {
  const { name, acquire, step, resource } = plan;
  const indent = src.indentAt(acquire);
  const close = `${resource.releaseAwaited ? 'await ' : ''}${name}.${resource.release}()`;
  const guarded = resource.maybeNone ? [`if ${name} is not None:`, `${step}${close}`] : [close];
  const edits: TextEdit[] = [];
  const acquireLast = src.lineOf(acquire.end);
  // The work is one try statement without a finally: the finally joins it instead of wrapping it.
  const sole = plan.region.length === 1 && plan.region[0].kind === 'try_statement' && !plan.region[0].named.some((c) => c.kind === 'finally_clause') ? plan.region[0] : null;
  if (sole) return { edits: mergeFinally(src, plan, sole, indent, guarded) };
  edits.push(insertAfterLine(src, acquireLast, linesAt(src, indent, ['try:'])));
  const deleted = new Set<number>();
  const remove = (stmt: PyNode) => {
    const r = removeStatement(src, stmt);
    edits.push(...r.edits);
    for (const l of r.deleted) deleted.add(l);
  };
  for (const c of plan.innerCloses) remove(c);

  const first = acquireLast + 1;
  const last = plan.release ? src.lineOf(plan.release.start) - 1 : src.lineOf((plan.region[plan.region.length - 1] ?? plan.list[plan.list.length - 1]).end);
  for (let l = first; l <= last; l++) if (!deleted.has(l)) edits.push(...src.indentLines(l, l, step));
  const remaining = plan.region.filter((s) => !plan.innerCloses.includes(s));
  const body = remaining.length ? '' : linesAt(src, indent + step, ['pass']);

  if (plan.release) {
    // The close() line becomes the finally's body, as it was written (a comment on it stays).
    const at = src.lineStart(src.lineOf(plan.release.start));
    edits.push({ start: at, end: at, text: body + linesAt(src, indent, ['finally:']) + (resource.maybeNone ? linesAt(src, indent + step, [`if ${name} is not None:`]) : '') });
    const extra = resource.maybeNone ? step + step : step;
    for (let l = src.lineOf(plan.release.start); l <= src.lineOf(plan.release.end); l++) edits.push(...src.indentLines(l, l, extra));
  } else {
    edits.push(insertAfterLine(src, last, body + linesAt(src, indent, ['finally:']) + linesAt(src, indent + step, guarded)));
  }
  return { edits };
}

function mergeFinally(src: PySource, plan: LifecyclePlan, tryStmt: PyNode, indent: string, guarded: string[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const c of plan.innerCloses) edits.push(...removeStatement(src, c).edits);
  const last = src.lineOf(tryStmt.end);
  if (plan.release) {
    const at = src.lineStart(src.lineOf(plan.release.start));
    edits.push({ start: at, end: at, text: linesAt(src, indent, ['finally:']) + (plan.resource.maybeNone ? linesAt(src, indent + plan.step, [`if ${plan.name} is not None:`]) : '') });
    const extra = plan.resource.maybeNone ? plan.step + plan.step : plan.step;
    for (let l = src.lineOf(plan.release.start); l <= src.lineOf(plan.release.end); l++) edits.push(...src.indentLines(l, l, extra));
  } else edits.push(insertAfterLine(src, last, linesAt(src, indent, ['finally:']) + linesAt(src, indent + plan.step, guarded)));
  return edits;
}
