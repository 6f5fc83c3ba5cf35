// The lifecycle finder: one model of every acquire → use → release it sees in a file, with a verdict.
import { type Path } from '../ast';
import { FinderContext, Lifecycle } from './model';
import { findAcquires } from './acquires';
import { analyse } from './shape';
import { unresolvedLifecycles } from './unresolved';

/** Build the lifecycle model for every acquire in the file. Already-managed resources are skipped. */
export function findLifecycles(root: Path, ctx: FinderContext): Lifecycle[] {
  const result: Lifecycle[] = [];
  for (const c of findAcquires(root, ctx)) {
    const lc = analyse(c, ctx);
    if (lc) result.push(lc);
  }
  // Through a project module that is not there: reported, never rewritten.
  result.push(...unresolvedLifecycles(root, ctx, new Set(result.map((lc) => lc.acquire.node))));
  return result;
}

export type { FinderContext, Lifecycle, ReleaseSite } from './model';
export { analysingText } from './model';
export { BEGIN_SQL } from './flow';
