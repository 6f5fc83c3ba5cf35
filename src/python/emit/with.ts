// The `with` emitter: `x = ACQ` … `x.close()` becomes `with ACQ as x:` with the work indented one step of
// the block's own indentation, the close() line gone, and close() calls made redundant by the block
// (just before a return or raise) gone too. Everything else is left as it was written.
import type { PySource, TextEdit } from '../parse/text';
import type { LifecyclePlan } from '../analysis/lifecycles';
import { unwrapAwait } from '../parse/syntax';
import { insertAfterLine, linesAt, removeStatement } from './edits';

export interface WithEmit {
  edits: TextEdit[];
  /** The with statement's header, as written (for the finding). */
  header: string;
}

/** `closingRef` is how the file names contextlib.closing (needed for the `closing` form only). */
export function emitWith(src: PySource, plan: LifecyclePlan, closingRef: string | null): WithEmit {
  const { resource, name, acquire, acquireExpr, step } = plan;
  const asyncPrefix = resource.withForm === 'async-native' ? 'async ' : '';
  let item: string;
  if (plan.transaction?.kind === 'connection') {
    const call = unwrapAwait(acquireExpr).expr;
    const engine = call.field('function')!.field('object')!;
    item = `${engine.text}.begin() as ${name}`;
  } else if (resource.withForm === 'closing') item = `${closingRef}(${acquireExpr.text}) as ${name}`;
  else item = `${acquireExpr.text} as ${name}`;
  if (plan.transaction?.kind === 'session') item += `, ${name}.begin()`;
  const header = `${asyncPrefix}with ${item}:`;

  const edits: TextEdit[] = [{ start: acquire.start, end: acquire.end, text: header }];
  const deleted = new Set<number>();
  const remove = (stmt: import('../parse/tree').PyNode) => {
    const r = removeStatement(src, stmt);
    edits.push(...r.edits);
    for (const l of r.deleted) deleted.add(l);
  };
  for (const c of plan.innerCloses) remove(c);
  if (plan.transaction) remove(plan.transaction.commit);

  const first = src.lineOf(acquire.end) + 1;
  let last: number;
  if (plan.release) {
    last = src.lineOf(plan.release.start) - 1;
    remove(plan.release);
    // A comment kept from the close() line belongs to the work: indent it with the rest.
    const releaseLast = src.lineOf(plan.release.end);
    if (!deleted.has(releaseLast)) last = releaseLast;
  } else {
    last = src.lineOf((plan.region[plan.region.length - 1] ?? plan.list[plan.list.length - 1]).end);
  }
  for (let l = first; l <= last; l++) {
    if (deleted.has(l)) continue;
    edits.push(...src.indentLines(l, l, step));
  }

  // Nothing left to run inside the block: it still needs a statement.
  const remaining = plan.region.filter((s) => !plan.innerCloses.includes(s) && s !== plan.transaction?.commit);
  if (!remaining.length) {
    const pass = linesAt(src, src.indentAt(acquire) + step, ['pass']);
    if (plan.release) {
      const at = src.lineStart(src.lineOf(plan.release.start));
      edits.push({ start: at, end: at, text: pass });
    } else edits.push(insertAfterLine(src, src.lineOf(acquire.end), pass));
  }
  return { edits, header };
}

/**
 * Two resources opened one after the other and closed one after the other (`a = A(); b = B(); … a.close();
 * b.close()`) cannot nest (a closes first): they share one with statement, `with A() as a, B() as b:`.
 * The block closes b before a, so this is used only when neither acquire reads the other's name.
 */
export function emitWithPair(src: PySource, a: LifecyclePlan, b: LifecyclePlan): WithEmit {
  const asyncPrefix = a.resource.withForm === 'async-native' ? 'async ' : '';
  const header = `${asyncPrefix}with ${a.acquireExpr.text} as ${a.name}, ${b.acquireExpr.text} as ${b.name}:`;
  const edits: TextEdit[] = [{ start: a.acquire.start, end: a.acquire.end, text: header }];
  const deleted = new Set<number>();
  for (const stmt of [b.acquire, a.release!, b.release!, ...a.innerCloses, ...b.innerCloses]) {
    const r = removeStatement(src, stmt);
    edits.push(...r.edits);
    for (const l of r.deleted) deleted.add(l);
  }
  const first = src.lineOf(a.acquire.end) + 1;
  const last = src.lineOf(b.release!.end);
  for (let l = first; l <= last; l++) if (!deleted.has(l)) edits.push(...src.indentLines(l, l, a.step));
  return { edits, header };
}
