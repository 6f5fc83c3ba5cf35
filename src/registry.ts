// Every language leakproof reads, and the transforms `-t` can select. The runner, the CLI, config and doctor
// ask this module for a file's frontend; they know no language themselves.
import * as path from 'node:path';
import type { Frontend } from './core/frontend';
import type { LeakTransform } from './core/model';
import { jsFrontend } from './js/frontend';
import { pythonFrontend } from './python';

export const FRONTENDS: Frontend[] = [jsFrontend, pythonFrontend];

/** Every transform name, in the order the transforms chain (the first frontend that has one gives its text). */
export const TRANSFORMS: LeakTransform[] = (() => {
  const seen = new Map<string, LeakTransform>();
  for (const f of FRONTENDS) for (const t of f.transforms) if (!seen.has(t.meta.name)) seen.set(t.meta.name, t);
  return [...seen.values()];
})();

/** What runs when no `-t` is given: each lifecycle once, in the style `--style` picks. */
export const DEFAULT_TRANSFORMS = ['lifecycles', 'pool-lifecycle', 'remove-redundant-close'];

export function frontendFor(file: string): Frontend | undefined {
  const ext = path.extname(file).toLowerCase();
  return FRONTENDS.find((f) => f.extensions.includes(ext));
}

export function frontendNamed(language: string): Frontend {
  const f = FRONTENDS.find((x) => x.language === language);
  if (!f) throw new Error(`unknown language ${language}`);
  return f;
}

/** The chain a language runs for these names, in registry order (a name the language lacks is skipped). */
export function transformsFor(language: string, names: string[]): LeakTransform[] {
  return frontendNamed(language).transforms.filter((t) => names.includes(t.meta.name));
}

export function transformNamed(name: string): LeakTransform | undefined {
  return TRANSFORMS.find((t) => t.meta.name === name);
}
