// What every lifecycle emitter run needs, whichever transform drives it: names that may be generated in a
// block, and the order (and live position) in which lifecycles are emitted.
import { declaredNames, enclosingFunction, pathOf, walk, type Node, type Path } from '../analysis/ast';
import type { Lifecycle } from '../analysis/lifecycles';

/**
 * Generated names only need to be unique where they are visible: in the enclosing function, next to the
 * module's own declarations. The set per function is kept, so names generated there earlier are seen.
 */
export function scopeNames(program: Node): (block: Path) => Set<string> {
  const moduleNames = new Set<string>();
  for (const s of program.body) for (const n of declaredNames(s)) moduleNames.add(n);
  const perFunction = new Map<Node, Set<string>>();
  return (block: Path): Set<string> => {
    const fn = enclosingFunction(block).node;
    let names = perFunction.get(fn);
    if (!names) {
      const set = new Set(moduleNames);
      walk(fn, (n: Node) => void (n.type === 'Identifier' && set.add(n.name)), true);
      perFunction.set(fn, set);
      names = set;
    }
    return names;
  };
}

/**
 * Lifecycles whose work moves into a try or a callback go outermost first (an outer region then carries
 * the inner lifecycle along, releases in their original order); `using` ones go innermost first (bounding
 * an inner region never moves an outer one's statements). Before each, its block is found again on the
 * live tree, since an earlier emit may have moved it; one whose statement is gone is skipped.
 */
export function emitInOrder<T extends { lc: Lifecycle; plan: { style: string } }>(root: Path, items: T[], emit: (item: T) => void): void {
  const moving = items.filter((e) => e.plan.style !== 'using');
  const using = items.filter((e) => e.plan.style === 'using').reverse();
  for (const item of [...moving, ...using]) {
    const { lc } = item;
    const statement = pathOf(root, lc.statement.node);
    if (!statement) continue;
    lc.block = statement.parent;
    if (lc.tryStatement) lc.tryStatement = pathOf(root, lc.tryStatement.node) ?? lc.tryStatement;
    if (lc.letStatement) lc.letStatement = pathOf(root, lc.letStatement.node) ?? lc.letStatement;
    emit(item);
  }
}
