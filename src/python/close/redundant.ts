// close() calls a `with` block makes redundant: `with Session(engine) as s: …; s.close()` closes twice.
// The last statement of the block (or one right before a return or raise that leaves it) goes when a
// second close() is a no-op for that object; where it is not (PyMySQL raises), it stays.
import type { PyNode } from '../parse/tree';
import { blockPosition, methodCallStatement, nameUses, statements, unwrapParens } from '../parse/syntax';
import { isResourceKind, resourceFact } from '../../catalog/python';
import { isLibraryKind, type FileModel } from '../analysis/values';
import { enclosingFunctionOf } from '../analysis/values';
import type { ClassFacts } from '../analysis/classFacts';

export interface RedundantClose {
  stmt: PyNode;
  name: string;
  withHeader: string;
  library: string;
}

/** What a with item's value closes at the end of the block, and whether closing it again is harmless. */
function closesAtExit(model: FileModel, value: PyNode, fn: PyNode | null, classes: Map<string, ClassFacts>): { library: string } | null {
  const expr = unwrapParens(value);
  if (expr.kind === 'call') {
    const callee = expr.field('function');
    const q = model.imports.qualify(callee);
    // closing(x): close() on exit, whatever x is; a second close() must be harmless for x itself.
    if (q === 'contextlib.closing') {
      const inner = expr.field('arguments')?.named.find((c) => c.kind !== 'comment');
      const v = inner ? model.classify(inner, fn) : null;
      if (v && isLibraryKind(v.kind) && isResourceKind(v.kind) && resourceFact(v.kind, v.library).closeIdempotent) return { library: v.library };
      return null;
    }
  }
  const v = model.classify(expr, fn);
  if (!v) return null;
  if (v.kind === 'instance') {
    const c = classes.get(v.className ?? '');
    return c && c.contextManager === 'exists' && c.closeIdempotent ? { library: 'project' } : null;
  }
  if (!isLibraryKind(v.kind) || !isResourceKind(v.kind) || v.kind === 'dbapi-connection' || v.kind === 'raw-connection') return null;
  const fact = resourceFact(v.kind, v.library);
  return fact.withForm !== 'closing' && fact.closeIdempotent ? { library: v.library } : null;
}

export function findRedundantCloses(model: FileModel, classes: Map<string, ClassFacts>): RedundantClose[] {
  const out: RedundantClose[] = [];
  if (!/\.close\(/.test(model.tree.text)) return out;
  for (const w of model.tree.root.findAll(['with_statement'])) {
    const isAsync = w.children[0]?.kind === 'async';
    const body = w.field('body');
    const clause = w.named.find((c) => c.kind === 'with_clause');
    if (!body || !clause) continue;
    const fn = enclosingFunctionOf(w);
    for (const item of clause.named.filter((c) => c.kind === 'with_item')) {
      const v = item.field('value');
      if (v?.kind !== 'as_pattern') continue;
      const alias = v.field('alias')?.named[0];
      const source = v.named.find((c) => c.kind !== 'as_pattern_target' && c.kind !== 'comment');
      if (alias?.kind !== 'identifier' || !source) continue;
      const name = alias.text;
      const closes = closesAtExit(model, source, fn, classes);
      if (!closes) continue;
      // Rebound inside the block: the name may not be the with's object any more.
      if (nameUses(body, name).some((u) => u.node.parent?.kind === 'assignment' && u.node.parent.field('left') === u.node)) continue;
      const list = statements(body);
      for (const s of list) {
        const m = methodCallStatement(s);
        if (!m || m.method !== 'close' || m.receiver.text !== name || m.awaited !== isAsync || m.call.field('arguments')?.named.some((c) => c.kind !== 'comment')) continue;
        const pos = blockPosition(s)!;
        const next = pos.list[pos.index + 1];
        // Right before a return whose value might read the object, the order would change (read, then close):
        // only a bare return, a literal or a raise.
        const plainExit = next && (next.kind === 'raise_statement' || (next.kind === 'return_statement' && (!next.named.some((c) => c.kind !== 'comment') || /^(none|true|false|integer|float|string)$/.test(next.named.find((c) => c.kind !== 'comment')!.kind))));
        if (!(pos.index === pos.list.length - 1 || plainExit)) continue;
        if (pos.list.length === 1) continue; // alone, it keeps the block a block
        out.push({ stmt: s, name, withHeader: `with ${item.text}`, library: closes.library });
      }
    }
  }
  return out;
}
