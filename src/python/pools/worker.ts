// The worker emitter: the body of a function another thread or a task queue runs goes into try/finally,
// and the finally removes the scoped sessions it used — so the session (and its connection) does not
// outlive the unit of work in a pooled thread. A docstring stays first.
import type { PyNode } from '../parse/tree';
import type { PySource, TextEdit } from '../parse/text';
import { statements } from '../parse/syntax';
import { insertAfterLine, linesAt } from '../emit/edits';

export function emitWorkerRemove(src: PySource, fn: PyNode, registries: string[]): TextEdit[] | null {
  const body = fn.field('body');
  if (!body) return null;
  const step = src.stepOf(fn, body);
  if (!step) return null;
  const stmts = statements(body);
  const doc = stmts[0]?.kind === 'expression_statement' && stmts[0].named[0]?.kind === 'string' ? stmts[0] : null;
  const work = doc ? stmts.slice(1) : stmts;
  if (!work.length) return null;
  const indent = src.indentAt(fn) + step;
  const first = src.lineOf(work[0].start);
  const last = src.lineOf(work[work.length - 1].end);
  const edits: TextEdit[] = [{ start: src.lineStart(first), end: src.lineStart(first), text: linesAt(src, indent, ['try:']) }];
  edits.push(...src.indentLines(first, last, step));
  edits.push(insertAfterLine(src, last, linesAt(src, indent, ['finally:', ...registries.map((r) => `${step}${r}.remove()`)])));
  return edits;
}
