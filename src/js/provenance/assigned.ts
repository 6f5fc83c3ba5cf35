// A `let` declared without a value and filled later (`let pool;` … `before(async () => { pool = await
// oracledb.createPool(cfg); })`): what it holds is what every assignment to it gives, when they agree.
import { bindingOwnerPath, collectPaths, type Node, type Path } from '../analysis/ast';
import type { Value } from './values';

/**
 * A `let` declared without a value: the instance every assignment to it gives (the same library and kind
 * each time), or null when one gives anything else or nothing can be said.
 */
export function assignedEverywhere(owner: Path, ownerNode: Node, name: string, evaluate: (right: Node) => Value | null): Value | null {
  const assignments = collectPaths(owner, (n: Node) => n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && n.left.name === name).filter(
    (p) => bindingOwnerPath(p.get('left'), name)?.node === ownerNode,
  );
  let found: Value | null = null;
  for (const a of assignments) {
    if (a.node.operator !== '=') return null;
    const v = evaluate(a.node.right);
    if (v?.t !== 'instance') return null;
    if (found && (found.t !== 'instance' || found.kind.lib !== v.kind.lib || found.kind.name !== v.kind.name)) return null;
    found ??= v;
  }
  return found;
}
