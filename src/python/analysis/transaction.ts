// When the work ends in `x.commit()` and nothing else steers the transaction, the library's transaction
// block can replace the explicit commit: `with Session(e) as s, s.begin():` or `with engine.begin() as c:`.
// Both commit exactly where the code did and roll back when the work raises.
import type { PyNode } from '../parse/tree';
import { methodCallStatement, unwrapAwait } from '../parse/syntax';
import { exitsOf, roleOf, usesIn } from './flow';
import type { ResourceDescriptor } from './lifecycles';

export interface TransactionForm {
  kind: 'session' | 'connection';
  commit: PyNode;
}

const STEERING = /^(commit|rollback|begin|begin_nested|close|invalidate|in_transaction|get_transaction|connection|detach)$/;

export function transactionForm(name: string, resource: ResourceDescriptor, region: PyNode[], acquireExpr: PyNode): TransactionForm | null {
  if (!resource.transaction || !region.length) return null;
  const last = region[region.length - 1];
  const m = methodCallStatement(last);
  if (!m || m.method !== 'commit' || m.receiver.text !== name || m.awaited !== resource.releaseAwaited) return null;
  if (m.call.field('arguments')?.named.some((c) => c.kind !== 'comment')) return null;
  // A raise is fine (the transaction block rolls back where the original left it uncommitted); an early
  // return, break or continue would commit where the original did not.
  if (exitsOf(region).some((e) => e.kind !== 'raise')) return null;
  if (/\bautocommit\s*=/.test(acquireExpr.text)) return null;
  if (resource.transaction === 'connection') {
    const { expr } = unwrapAwait(acquireExpr);
    const fn = expr.field('function');
    if (fn?.kind !== 'attribute' || fn.field('attribute')?.text !== 'connect' || expr.field('arguments')?.named.some((c) => c.kind !== 'comment')) return null;
  }
  for (const u of usesIn(region, name)) {
    if (u.nested) return null;
    const r = roleOf(u.node);
    if (r.role === 'argument') return null; // the callee might commit or roll back itself
    if (r.role !== 'member') continue;
    const method = u.node.parent?.field('attribute')?.text ?? '';
    let stmt = u.node.parent!.parent;
    while (stmt && stmt.kind !== 'expression_statement' && stmt.kind !== 'block') stmt = stmt.parent;
    if (STEERING.test(method) && stmt !== last) return null;
  }
  return { kind: resource.transaction, commit: last };
}
