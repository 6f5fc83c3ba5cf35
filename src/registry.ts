import type { LeakTransform } from './model';
import { awaitUsing } from '../transforms/await-using';

/** Every transform the CLI knows, in the order they run on a file. */
export const TRANSFORMS: LeakTransform[] = [awaitUsing];

export function transformNamed(name: string): LeakTransform | undefined {
  return TRANSFORMS.find((t) => t.meta.name === name);
}
