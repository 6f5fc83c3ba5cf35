// `with psycopg2.connect(dsn) as conn:` reads like a scoped connection but only scopes a transaction:
// psycopg2's and sqlite3's connection context managers commit or roll back and leave the connection open.
// The fix keeps that transaction block and adds the close: `with closing(connect(dsn)) as conn, conn:`
// (closing enters first and exits last, so the commit still happens before the close).
import type { PyNode } from '../parse/tree';
import type { PySource } from '../parse/text';
import { blockPosition, nameUses, statements, unwrapParens } from '../parse/syntax';
import { WITH_KEEPS_OPEN } from '../../catalog/python/dbapi';
import { boundNames, roleOf } from './flow';
import { checkUses, exitRefusal } from './region';
import { scopeOf, type Scope } from './scope';
import type { LifecycleVerdict, ResourceDescriptor, ResourceFilter } from './lifecycles';
import type { FileModel } from './values';
import type { PyLifecycleReasonId } from '../report/reasons';

export interface WithItemPlan {
  shape: 'with-item';
  name: string;
  resource: ResourceDescriptor;
  scope: Scope;
  withStmt: PyNode;
  item: PyNode;
  acquireExpr: PyNode;
  /** The acquire may return None: move it before a try/finally that closes when it is not None. */
  hoist: boolean;
  step: string | null;
}

export function findWithItems(model: FileModel, src: PySource, accept: ResourceFilter): LifecycleVerdict[] {
  const out: LifecycleVerdict[] = [];
  for (const w of model.tree.root.findAll(['with_statement'])) {
    if (w.children[0]?.kind === 'async') continue;
    const clause = w.named.find((c) => c.kind === 'with_clause');
    if (!clause) continue;
    const items = clause.named.filter((c) => c.kind === 'with_item');
    items.forEach((item, index) => {
      const v = item.field('value');
      if (v?.kind !== 'as_pattern') return;
      const source = v.named.find((c) => c.kind !== 'as_pattern_target' && c.kind !== 'comment');
      const target = v.field('alias');
      const id = target?.named[0];
      if (!source || !id || id.kind !== 'identifier' || target!.named.length !== 1) return;
      const expr = unwrapParens(source);
      if (expr.kind !== 'call') return;
      const scope = scopeOf(w);
      if (!scope) return;
      const value = model.classify(expr, scope.fn);
      if (!value || value.kind !== 'dbapi-connection' || !WITH_KEEPS_OPEN.includes(value.library)) return;
      const resource = accept(value);
      if (!resource) return;
      out.push(judgeItem(src, w, item, index, id.text, expr, resource, scope));
    });
  }
  return out;
}

function judgeItem(src: PySource, w: PyNode, item: PyNode, index: number, name: string, expr: PyNode, resource: ResourceDescriptor, scope: Scope): LifecycleVerdict {
  const report = (reasonId: PyLifecycleReasonId, values: Record<string, string> = {}): LifecycleVerdict => ({
    kind: 'report', reasonId, values, node: item, name, resource,
  });
  const body = w.field('body');
  if (!body) return { kind: 'skip' };
  const region = statements(body);
  // The code closes it itself inside the block: not this shape.
  for (const u of nameUses(body, name)) {
    if (u.node.parent?.kind === 'attribute' && u.node.parent.field('attribute')?.text === 'close') return { kind: 'skip' };
  }
  const uses = checkUses(src, region, name, resource);
  if (uses) return report(uses.reasonId, uses.values);
  // Items after this one that hand the connection elsewhere (`… as conn, helper(conn) as h`) are work too.
  const line = (n: PyNode) => String(src.lineOf(n.start) + 1);
  // A later binding of the name (`with connect(p) as con:` again, `con = …`) starts another value: neither it nor
  // what it covers (that with's body, what follows the assignment in its block) uses this one.
  const binders = scope.top.findAll(['with_statement', 'expression_statement']).filter((s) => s.start >= w.end);
  const later = nameUses(scope.top, name).filter((u) => u.node.start >= w.end && !boundAnew(binders, name, u.node));
  if (later.length) return report('used-after-block', { name, line: line(later[0].node) });
  // Before the item only a `global`/`nonlocal` of the name can keep what it binds (an earlier value's uses do not).
  const before = (u: { node: PyNode }) => u.node.start < item.start && /^(global|nonlocal)_statement$/.test(u.node.parent?.kind ?? '');
  for (const u of nameUses(scope.top, name).filter((u) => before(u) || (u.node.start > item.end && u.node.start < body.start))) {
    const role = roleOf(u.node).role;
    if (role !== 'member' && role !== 'with-item' && role !== 'rebound') return report('stored', { where: u.node.parent?.text ?? name });
  }
  // Names the later items of the same with statement bind from the connection (`conn.cursor() as cur`).
  const clause = item.parent!;
  const seeds = clause.named
    .filter((c) => c.kind === 'with_item' && c.start > item.end)
    .flatMap((c) => {
      const v = c.field('value');
      const alias = v?.kind === 'as_pattern' ? v.field('alias') : null;
      const source = v?.kind === 'as_pattern' ? v.named.find((x) => x.kind !== 'as_pattern_target' && x.kind !== 'comment') : null;
      return alias && source && nameUses(source, name).length ? boundNames(alias) : [];
    });
  const exits = exitRefusal(src, region, name, resource, scope.top, true, {}, seeds);
  if (exits) return report(exits.reasonId, exits.values);
  let step: string | null = null;
  if (resource.maybeNone) {
    const pos = blockPosition(w);
    if (index !== 0 || !pos) return report('maybe-none', { via: resource.via ?? 'the factory' });
    step = pos.block.kind === 'module' ? null : src.stepOf(pos.block.parent!, pos.block);
    if (!step) return report('indentation', { detail: 'the with statement is on one line with its header, or mixes tabs and spaces' });
  }
  return { kind: 'fix', plan: { shape: 'with-item', name, resource, scope, withStmt: w, item, acquireExpr: expr, hoist: resource.maybeNone, step } };
}

/**
 * Is this use of `name` a new binding of it, or covered by one among `binders` (the with statements and
 * expression statements after the block: a later with's alias, an assignment)?
 */
function boundAnew(binders: PyNode[], name: string, use: PyNode): boolean {
  if (roleOf(use).role === 'rebound' || use.parent?.kind === 'as_pattern_target') return true;
  for (const s of binders) {
    if (s.start > use.start) continue;
    if (s.kind === 'with_statement') {
      const body = s.field('body');
      if (body?.contains(use) && s.findAll(['as_pattern_target']).some((t) => t.text === name && !body.contains(t))) return true;
      continue;
    }
    const a = s.named.find((c) => c.kind === 'assignment');
    if (a?.field('left')?.kind !== 'identifier' || a.field('left')!.text !== name || a.field('right')?.contains(use)) continue;
    // The assignment comes first in a block that holds the use: every path to the use passes it.
    if (s.parent?.contains(use) && use.start > s.end) return true;
  }
  return false;
}
