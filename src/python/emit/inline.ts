// The `with` emitter for a resource made in an argument list (analysis/unnamed.ts): the statement moves one
// step in under `with <acquire> as <name>:`, and the argument becomes the name. Nothing else changes.
import type { PySource, TextEdit } from '../parse/text';
import type { InlinePlan } from '../analysis/unnamed';
import { linesAt } from './edits';

export function emitInline(src: PySource, plan: InlinePlan): { edits: TextEdit[]; header: string } {
  const first = src.lineOf(plan.stmt.start);
  const header = `with ${plan.acquire.text} as ${plan.name}:`;
  const at = src.lineStart(first);
  return {
    header,
    // (The header goes in before the first line's new indentation: insertions at one offset keep their order.)
    edits: [{ start: at, end: at, text: linesAt(src, src.indentAt(plan.stmt), [header]) }, ...src.indentLines(first, src.lineOf(plan.stmt.end), plan.step), { start: plan.acquire.start, end: plan.acquire.end, text: plan.name }],
  };
}
