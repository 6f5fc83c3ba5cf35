// What every lifecycle emitter run needs, whichever transform drives it: names that may be generated in a
// block, and the order (and live position) in which lifecycles are emitted.
import { declaredNames, enclosingFunction, pathOf, walk, type Node, type Path } from '../analysis/ast';
import type { Lifecycle } from '../analysis/lifecycles';
import type { Finding } from '../../core/model';

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
 * live tree, since an earlier emit may have moved it. One whose statement is gone (an outer region took
 * its acquire in and declared its variable above: it is released after that region's own release) is not
 * emitted: `lost` hears of it, with the name of the emitted lifecycle whose finally now follows its acquire
 * (crosses-rewrite's detail).
 */
export function emitInOrder<T extends { lc: Lifecycle; plan: { style: string } }>(root: Path, items: T[], emit: (item: T) => void, lost: (item: T, holder: string) => void): void {
  const moving = items.filter((e) => e.plan.style !== 'using');
  const using = items.filter((e) => e.plan.style === 'using').reverse();
  const done: T[] = [];
  for (const item of [...moving, ...using]) {
    const { lc } = item;
    const statement = pathOf(root, lc.statement.node);
    // Gone, or its releases no longer in its function (an outer region took its acquire into a callback and
    // left its release outside): the region it was planned on is not there any more.
    if (!statement || (item.plan.style !== 'using' && !lc.releases.every((r) => sameFunction(pathOf(root, r.statement.node), statement)))) {
      lost(item, holderOf(root, lc, done)?.lc.name ?? 'another lifecycle of this function');
      continue;
    }
    lc.block = statement.parent;
    if (lc.tryStatement) lc.tryStatement = pathOf(root, lc.tryStatement.node) ?? lc.tryStatement;
    if (lc.letStatement) lc.letStatement = pathOf(root, lc.letStatement.node) ?? lc.letStatement;
    emit(item);
    done.push(item);
  }
}

function sameFunction(p: Path | null, other: Path): boolean {
  return !!p && enclosingFunction(p).node === enclosingFunction(other).node;
}

/**
 * The emitted lifecycle whose rewrite now holds the acquire: the try/finally whose finally releases it, or
 * the call (a with-session helper's) whose arguments name it.
 */
function holderOf<T extends { lc: Lifecycle }>(root: Path, lc: Lifecycle, done: T[]): T | null {
  for (let p = pathOf(root, lc.acquire.node)?.parent ?? null; p; p = p.parent) {
    const around: Node[] = p.node.type === 'TryStatement' && p.node.finalizer ? [p.node.finalizer] : p.node.type === 'CallExpression' ? p.node.arguments : [];
    const holder = done.find((d) => {
      let named = false;
      for (const n of around) walk(n, (x: Node) => void (x.type === 'Identifier' && x.name === d.lc.name && (named = true)), true);
      return named;
    });
    if (holder) return holder;
  }
  return null;
}

/** A lifecycle the emit could not make after all: its `fixed` finding gives way to `reported` (a refusal's). */
export function withdrawClaim(findings: Finding[], lc: Lifecycle, reported: Finding): void {
  const i = findings.findIndex((f) => f.line === lc.line && f.column === lc.column && f.outcome !== 'reported');
  if (i >= 0) findings[i] = reported;
}
