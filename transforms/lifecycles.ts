/**
 * lifecycles — the default: rewrite each leaky lifecycle in the style `--style` picks (default `auto`).
 *
 * `auto` uses `await using` where the file's toolchain takes it (TypeScript ≥ 5.2 with the disposable lib,
 * Babel's explicit-resource-management plugin, or Node ≥ 24), else the library's own callback API where
 * one has the same semantics, else try/finally. Each fix's finding says which style and why.
 * See await-using, with-session and try-finally for each style's rules.
 */
import type { LeakTransform } from '../src/core/model';
import { asJscodeshift } from '../src/js/jscodeshift';
import { LIFECYCLE_TRANSFORM_REASONS, runLifecycleTransform } from '../src/js/lifecycles/transform';

export const meta = {
  name: 'lifecycles',
  description: 'Rewrite leaky lifecycles in the style --style picks (auto: `using` where the toolchain takes it, else a callback API, else try/finally).',
  reasons: LIFECYCLE_TRANSFORM_REASONS,
};

export const lifecycles: LeakTransform = {
  meta,
  apply: (source, path, options) => runLifecycleTransform(source, path, options, { transform: meta.name }),
};

export default asJscodeshift(lifecycles);
