// Every language leakproof reads, and the transforms `-t` can select. The runner, the CLI, config and doctor
// ask this module for a file's frontend; they know no language themselves. A language's code (its parser,
// transforms and passes) loads on first use: a thread that reads no file of a language never loads it.
import * as path from 'node:path';
import type { Frontend } from './core/frontend';
import type { TextTest } from './core/regex';
import type { LeakTransform } from './core/model';
import { JS_EXTENSIONS } from './js/syntax/extensions';
import { PYTHON_EXTENSIONS } from './python/parse/extensions';

/** The transform names each language offers, known without loading it (tests/cli/registry.test.ts checks them). */
export const LANGUAGE_TRANSFORMS: Record<string, string[]> = {
  javascript: ['lifecycles', 'await-using', 'with-session', 'try-finally', 'pool-lifecycle', 'remove-redundant-close'],
  python: ['lifecycles', 'pool-lifecycle', 'remove-redundant-close'],
};

/** A frontend that loads its language's code the first time anything beyond its name and file kinds is asked. */
function lazyFrontend(language: string, extensions: string[], load: () => Frontend): Frontend {
  let loaded: Frontend | null = null;
  const get = () => (loaded ??= load());
  return {
    language,
    extensions,
    prefilter: (extraNames) => get().prefilter(extraNames),
    firstLook: (extraNames) => get().firstLook?.(extraNames) as TextTest,
    checkParses: (source, file) => get().checkParses(source, file),
    get transforms() {
      return get().transforms;
    },
    get passes() {
      return get().passes;
    },
    get rootMarkers() {
      return get().rootMarkers;
    },
  };
}

/* eslint-disable @typescript-eslint/no-require-imports */
export const FRONTENDS: Frontend[] = [
  lazyFrontend('javascript', JS_EXTENSIONS, () => (require('./js/frontend') as typeof import('./js/frontend')).jsFrontend),
  lazyFrontend('python', PYTHON_EXTENSIONS, () => (require('./python') as typeof import('./python')).pythonFrontend),
];
/* eslint-enable @typescript-eslint/no-require-imports */

let all: LeakTransform[] | null = null;
/**
 * Every transform, in the order the transforms chain (the first frontend that has one gives its text). A
 * language whose names an earlier one already gave is not loaded for this.
 */
export function allTransforms(): LeakTransform[] {
  if (all) return all;
  const seen = new Map<string, LeakTransform>();
  for (const f of FRONTENDS) {
    if (LANGUAGE_TRANSFORMS[f.language].every((n) => seen.has(n))) continue;
    for (const t of f.transforms) if (!seen.has(t.meta.name)) seen.set(t.meta.name, t);
  }
  return (all = [...seen.values()]);
}

/** Every transform name, in the order of allTransforms(), without loading any language. */
export function transformNames(): string[] {
  return [...new Set(FRONTENDS.flatMap((f) => LANGUAGE_TRANSFORMS[f.language]))];
}

/** The names of the chain a language runs for these names, in registry order: transformsFor's, without loading it. */
export function chainNames(language: string, names: string[]): string[] {
  return LANGUAGE_TRANSFORMS[frontendNamed(language).language].filter((n) => names.includes(n));
}

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
  return allTransforms().find((t) => t.meta.name === name);
}
