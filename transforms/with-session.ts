/**
 * with-session — run each lifecycle's work in a callback that releases on every path.
 *
 * What it does: rewrites `acquire → use → release` into the library's own callback API where one has the
 * same semantics (mongodb `client.withSession(async (session) => …)`; for manual transactions knex
 * `transaction(cb)`, sequelize managed `transaction(cb)`, kysely `transaction().execute(cb)`, typeorm
 * `dataSource.transaction(cb)`, and generic-pool `pool.use(cb)`), otherwise into a generated, typed
 * `withSession(acquire, release, async (x) => …)` helper, added once per package root
 * (`src/leakproof/with-session.ts`, or `leakproof/with-session.ts` without `src/`; `.cjs` for JavaScript)
 * and imported at each call site. `--helper-import <module>` points call sites at an existing helper and
 * generates nothing; `--helper-path` moves the generated one. The generated file is returned in
 * `extraFiles` and created only when absent; under plain jscodeshift it is written by the transform.
 *
 * Why is this bad: see await-using; this style fits code that cannot take `using` syntax.
 *
 * Example:
 *   const client = await pool.connect();          const res = await withSession(() => pool.connect(),
 *   const res = await client.query(sql);    →       (client) => client.release(), async (client) => {
 *   client.release();                                  const res = await client.query(sql);
 *   return res.rows;                                   return res; });
 *                                                    return res.rows;   (when the tail awaits; else inside)
 *
 * Fix safety: values computed in the body and used after it come out as the callback's result; a `return`
 * in the body stays a return only when the body runs to the end of the function; bodies that `yield` or
 * `break`/`continue` out are reported. A manual transaction maps onto its library's callback only in the
 * two shapes the callback reproduces exactly (work then commit; or try { work; commit } catch { rollback;
 * rethrow }); the explicit commit and rollback go because the callback makes those calls. Elsewhere (pg,
 * mysql2 BEGIN/COMMIT, a shape that does not fit) they stay where they are and only the release is
 * guaranteed, and the finding says why. Never uses APIs that may run the callback twice (neo4j
 * executeRead/Write, mongodb withTransaction).
 */
import type { LeakTransform } from '../src/core/model';
import { asJscodeshift } from '../src/js/jscodeshift';
import { LIFECYCLE_TRANSFORM_REASONS, runLifecycleTransform } from '../src/js/lifecycles/transform';

export const meta = {
  name: 'with-session',
  description: 'Rewrite acquire → use → release lifecycles into a callback (library API or a generated withSession helper).',
  reasons: LIFECYCLE_TRANSFORM_REASONS,
};

export const withSession: LeakTransform = {
  meta,
  apply: (source, path, options) => runLifecycleTransform(source, path, options, { transform: meta.name, style: 'with-session' }),
};

export default asJscodeshift(withSession);
