/**
 * pool-lifecycle — stop tearing down shared pools per call; scope per-request sessions to the request.
 *
 * What it does:
 * 1. Removes per-call teardowns of long-lived pools, pooling clients and engines — `pool.end()`,
 *    `prisma.$disconnect()`, `mongoClient.close()`, `knex.destroy()`, `sequelize.close()`,
 *    `dataSource.destroy()` — from functions that run once per call, when the pool is module-level,
 *    imported from a project module, a class field or a parameter. When nothing in the file (or, for an
 *    exported or imported pool, in its package) closes that pool at shutdown, it reports where one belongs.
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
 * Fix safety: teardown is left alone in a CLI or migration entry (`main`, a function the module's top level
 * calls, files under scripts/, bin/, migrations/), in test files and hooks (`afterAll`, `afterEach`,
 * `after`, `teardown`), in signal and shutdown handlers (`process.on('SIGTERM' | 'SIGINT' | 'beforeExit' |
 * 'exit')`, functions named like shutdown/close/stop/dispose/teardown, `server.close` callbacks, `onClose`
 * hooks) and at module top level. Reported, not rewritten: a pool made by the same per-call function
 * (moving it changes its lifetime), a teardown on some paths only, one whose result is used, a pool whose
 * variable is assigned again, a pool of unknown origin. A request session is reported when a handler
 * releases it conditionally or with an argument, hands it to other code (a callback, a helper, a field),
 * when a file it imports releases it too, when the acquire is nested in a block, when a Koa middleware
 * does not `await next()`, or when an Express release returns a promise. Express: a client that left while
 * the middleware waited for a connection gets its connection released at once and no handler; when a
 * client aborts later, 'close' releases while the handler may still be running (pg queues that handler's
 * further queries on the returned client). Koa: the finally runs when the middleware chain is done, before
 * a streamed body has been sent. Fastify: a client that aborts while the hook waits for a connection is
 * not covered (onRequestAbort runs before the connection is on the request).
 */
import type { LeakTransform } from '../src/model';
import { asJscodeshift } from '../src/jscodeshiftAdapter';
import { POOL_REASONS } from '../src/pools/reasons';
import { runPoolLifecycle } from '../src/pools/transform';

export const meta = {
  name: 'pool-lifecycle',
  description: 'Stop closing shared pools at the end of every call; release per-request connections when the response is done, on every path.',
  reasons: POOL_REASONS as Record<string, string>,
};

export const poolLifecycle: LeakTransform = {
  meta,
  apply: (source, path, options) => runPoolLifecycle(source, path, options, meta.name),
};

export default asJscodeshift(poolLifecycle);
