/**
 * try-finally — the classic `const x = await acquire(); try { … } finally { release }`, no helper at all.
 *
 * What it does: moves the work after an acquire into a try whose finally holds the (single) release.
 * A lifecycle that is already in that shape is left alone (only `return query()` becomes `return await`).
 * A manual transaction that only commits on the happy path (knex, sequelize, kysely; generic-pool's
 * release) gets `try { work; commit } catch (err) { rollback; throw err; }`.
 *
 * Why is this bad: see await-using; this style runs everywhere, on any Node and any compiler.
 *
 * Fix safety: the same refusals as await-using. A synchronous tail after the release moves into the try;
 * a tail that awaits stays outside, and values it needs from the body make the lifecycle a report.
 */
import type { LeakTransform } from '../src/core/model';
import { asJscodeshift } from '../src/js/jscodeshift';
import { LIFECYCLE_TRANSFORM_REASONS, runLifecycleTransform } from '../src/js/lifecycles/transform';

export const meta = {
  name: 'try-finally',
  description: 'Rewrite acquire → use → release lifecycles into try/finally so release happens on every path.',
  reasons: LIFECYCLE_TRANSFORM_REASONS,
};

export const tryFinally: LeakTransform = {
  meta,
  apply: (source, path, options) => runLifecycleTransform(source, path, options, { transform: meta.name, style: 'try-finally' }),
};

export default asJscodeshift(tryFinally);
