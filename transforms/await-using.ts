/**
 * await-using — release acquired database and I/O resources on every path with `await using` / `using`.
 *
 * What it does: finds resources acquired from known libraries (pg, pg-promise, mysql2, mysql, mariadb,
 * mongodb, mongoose, typeorm, neo4j-driver, oracledb, mssql, better-sqlite3, sqlite3, redis, ioredis,
 * fs/promises) and released by hand, and declares them with `await using` where the installed library
 * disposes natively with the same effect, or adds a disposer object right after the acquire (the adapter),
 * removing the manual releases. Resources whose work goes on in the library's callbacks (mysql's
 * `pool.getConnection((err, conn) => …)`) are reported when some path out of those callbacks keeps them.
 *
 * Why is this bad: a release written after the work is skipped when the work throws or returns early;
 * a pool then runs out of connections.
 *
 * Example:
 *   const client = await pool.connect();            const client = await pool.connect();
 *   const res = await client.query(sql);      →     using _releaseClient = { [Symbol.dispose]: () => client.release() };
 *   client.release();                               const res = await client.query(sql);
 *
 * Fix safety: rewrites only when every release is provably replaced by disposal at the same point; never
 * moves a release past an `await`. Files that cannot take `using` syntax (plain JavaScript for Node < 24
 * without Babel's plugin, TypeScript < 5.2) are reported, not rewritten. Every refusal is in `meta.reasons`.
 */
import type { LeakTransform } from '../src/core/model';
import { asJscodeshift } from '../src/js/jscodeshift';
import { LIFECYCLE_TRANSFORM_REASONS, runLifecycleTransform } from '../src/js/lifecycles/transform';

export const meta = {
  name: 'await-using',
  description: 'Rewrite acquire → use → release lifecycles into `await using` / `using` so release happens on every path.',
  reasons: LIFECYCLE_TRANSFORM_REASONS,
};

export const awaitUsing: LeakTransform = {
  meta,
  apply: (source, path, options) => runLifecycleTransform(source, path, options, { transform: meta.name, style: 'using' }),
};

export default asJscodeshift(awaitUsing);
