// The with-item emitter: `with connect(dsn) as conn:` (a driver whose context manager only ends the
// transaction) becomes `with closing(connect(dsn)) as conn, conn:`. When the connection comes from a
// project function that may return None, it is made before a try whose finally closes it when it is not
// None, and the with statement keeps `with conn…:` — the None path fails exactly as before.
import type { PySource, TextEdit } from '../parse/text';
import type { WithItemPlan } from '../analysis/withItems';
import { insertAfterLine, linesAt } from './edits';

export function emitWithItem(src: PySource, plan: WithItemPlan, closingRef: string | null): { edits: TextEdit[]; fixed: string } {
  const { item, name, acquireExpr, withStmt } = plan;
  if (!plan.hoist) {
    const fixed = `${closingRef}(${acquireExpr.text}) as ${name}, ${name}`;
    return { edits: [{ start: item.start, end: item.end, text: fixed }], fixed: `with ${fixed}` };
  }
  const step = plan.step!;
  const indent = src.indentAt(withStmt);
  const first = src.lineOf(withStmt.start);
  const last = src.lineOf(withStmt.end);
  const edits: TextEdit[] = [
    { start: src.lineStart(first), end: src.lineStart(first), text: linesAt(src, indent, [`${name} = ${acquireExpr.text}`, 'try:']) },
    { start: item.start, end: item.end, text: name },
    ...src.indentLines(first, last, step),
    insertAfterLine(src, last, linesAt(src, indent, ['finally:', `${step}if ${name} is not None:`, `${step}${step}${name}.close()`])),
  ];
  return { edits, fixed: `${name} = ${acquireExpr.text}; try: with ${name}…; finally: ${name}.close()` };
}
