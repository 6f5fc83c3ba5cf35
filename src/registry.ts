import type { LeakTransform } from './core/model';
import { lifecycles } from '../transforms/lifecycles';
import { awaitUsing } from '../transforms/await-using';
import { withSession } from '../transforms/with-session';
import { tryFinally } from '../transforms/try-finally';
import { poolLifecycle } from '../transforms/pool-lifecycle';
import { removeRedundantClose } from '../transforms/remove-redundant-close';

/** Every transform `-t` can select. The three style transforms are alternatives to `lifecycles`, not additions. */
export const TRANSFORMS: LeakTransform[] = [lifecycles, awaitUsing, withSession, tryFinally, poolLifecycle, removeRedundantClose];

/** What runs when no `-t` is given: each lifecycle once, in the style `--style` picks. */
export const DEFAULT_TRANSFORMS = ['lifecycles', 'pool-lifecycle', 'remove-redundant-close'];

export function transformNamed(name: string): LeakTransform | undefined {
  return TRANSFORMS.find((t) => t.meta.name === name);
}
