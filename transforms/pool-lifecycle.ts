/**
 * pool-lifecycle — stop tearing down shared pools per call; scope per-request sessions to the request.
 *
 * What it does:
 * 1. Removes a per-call teardown of a long-lived pool — `pool.end()`, `prisma.$disconnect()`,
 *    `mongoClient.close()`, `knex.destroy()`, `sequelize.close()`, `dataSource.destroy()` — only when the
 *    pool is a module-level binding (here or in a project module) made once, and the call is an
 *    unconditional statement of a function that provably runs once per call (a registered route,
 *    middleware, request hook or request listener, or an export of a module that is no entry point) and
 *    uses the pool first. When nothing in the file (or, for an exported or imported pool, no shutdown
 *    code in its package) closes that pool once, it reports where one belongs.
 * 2. Moves the release of a connection that middleware parks on the request (`req.db = await pool.connect()`,
 *    `res.locals.db`, `ctx.state.db`, `request.db`) to the end of the response, on every path — Express
 *    `res.on('close')`, Koa a finally around `await next()`, Fastify `onResponse` + `onRequestAbort` hooks —
 *    and removes the handlers' own releases (also through `const { db } = req` aliases).
 *
 * Why is this bad: a pool closed at the end of a call makes the next call fail ("Cannot use a pool after
 * calling end") or pay a full reconnect. A connection released by the handler on its happy path only is
 * never given back when the handler throws; a few failing requests exhaust the pool and the app hangs.
 *
 * Example:
 *   app.use(async (req, res, next) => {            app.use(async (req, res, next) => {
 *     req.db = await pool.connect();                 const db = await pool.connect();
 *     next();                                        if (res.closed) { db.release(); return; }
 *   });                                      →       req.db = db;
 *   app.get('/u', async (req, res) => {              res.on('close', () => db.release());
 *     res.json(await load(req.db));                  next();
 *     req.db.release();                            });
 *   });                                            app.get('/u', async (req, res) => { res.json(await load(req.db)); });
 *
 * Fix safety: a teardown is left alone in test code, scripts (bin/, scripts/, migrations/, seeds/, a #!
 * line, a package bin or script, `require.main === module`, functions the top level calls), module top
 * level and the callbacks it starts, shutdown code and disposers — decided by structure; a name can only
 * keep a teardown. A single connection (pg Client) and an object the same code makes or opens are whole
 * lifecycles, never removed. Reported, not rewritten: a module-level pool closed where the context cannot
 * be told or inside a callback; in per-call code, a pool not shown to be process-wide, reassigned or made
 * by the function, a module-level single connection, and a teardown with arguments, a used result, on some
 * paths only or in a finally (README, "pool-lifecycle", has the exact rules). Also reported: a pool (or
 * pooling client: knex, Sequelize, PrismaClient) a function makes, uses and never closes nor hands on —
 * each run leaves one behind with its connections open (docs/guide.md has what counts as handing on).
 * A request session is reported when a handler releases it conditionally or with an argument, hands it
 * to other code (a callback, a helper, a field), when a file it imports releases it too, when the acquire
 * is nested in a block, when a Koa middleware does not `await next()`, or when an Express release returns
 * a promise. Express: a client that left while the middleware waited for a connection gets its connection
 * released at once and no handler; when a client aborts later, 'close' releases while the handler may
 * still be running (pg queues that handler's further queries on the returned client). Koa: the finally
 * runs when the middleware chain is done, before a streamed body has been sent. Fastify: a client that
 * aborts while the hook waits for a connection is not covered (onRequestAbort runs before the connection
 * is on the request).
 */
import type { LeakTransform } from '../src/core/model';
import { asJscodeshift } from '../src/js/jscodeshift';
import { POOL_REASONS } from '../src/js/pools/reasons';
import { runPoolLifecycle } from '../src/js/pools/transform';

export const meta = {
  name: 'pool-lifecycle',
  description: 'Stop closing shared pools at the end of every call; release per-request connections when the response is done, on every path.',
  reasons: POOL_REASONS,
};

export const poolLifecycle: LeakTransform = {
  meta,
  apply: (source, path, options) => runPoolLifecycle(source, path, options, meta.name),
};

export default asJscodeshift(poolLifecycle);
