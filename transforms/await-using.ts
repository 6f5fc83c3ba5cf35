/**
 * await-using — release acquired database and I/O resources on every path with `await using` / `using`.
 *
 * What it does: finds resources acquired from known libraries (pg, mysql2, mariadb, mongodb, typeorm,
 * neo4j-driver, oracledb, mssql, better-sqlite3, redis, ioredis, fs/promises) and released by hand, and
 * declares them with `await using` (native disposer) or adds a disposer object right after the acquire
 * (adapter), removing the manual releases.
 *
 * Why is this bad: a release written after the work is skipped when the work throws or returns early;
 * a pool then runs out of connections.
 *
 * Example:
 *   const client = await pool.connect();            const client = await pool.connect();
 *   const res = await client.query(sql);      →     using _releaseClient = { [Symbol.dispose]: () => client.release() };
 *   client.release();                               const res = await client.query(sql);
 *
 * Fix safety: rewrites only when every release is provably replaced by the disposal at the same point
 * (see `meta.reasons` for each refusal). Never moves a release past an `await`.
 */
import type { LeakTransform } from '../src/model';
import { asJscodeshift } from '../src/jscodeshiftAdapter';
import { runUsingTransform, USING_REASONS } from '../src/emit/usingTransform';

export const meta = {
  name: 'await-using',
  description: 'Rewrite acquire → use → release lifecycles into `await using` / `using` so release happens on every path.',
  reasons: USING_REASONS,
};

export const awaitUsing: LeakTransform = {
  meta,
  apply: (source, path, options) => runUsingTransform(source, path, options, meta.name),
};

export default asJscodeshift(awaitUsing);
