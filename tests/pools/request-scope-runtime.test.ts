// Runtime proof for pool-lifecycle's request scope, on a real PostgreSQL server: an Express app
// (tests/pools/subjects/express-app.ts) whose handler throws on bad input, with a pool of 3 — and the same
// app in Koa and Fastify (koa-app.ts, fastify-app.ts).
//   - as written, each failing request keeps its client: after 3 the pool is exhausted and a good request
//     fails too (its middleware times out waiting for a connection);
//   - rewritten by the transform (compiled with ts.transpileModule to CommonJS and required), every
//     request is answered and every connection is back after each one.
// Request loops are bounded in count, each request in time. Without a reachable server the test is skipped
// with one line — except under CI (env CI set), where that fails. `npm run services` starts the server.
import * as fs from 'node:fs';
import type * as http from 'node:http';
import Module from 'node:module';
import * as net from 'node:net';
import * as path from 'node:path';
import ts from 'typescript';
import { Pool, type PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolLifecycle } from '../../transforms/pool-lifecycle';

const SUBJECTS = path.join(__dirname, 'subjects');
const SUBJECT = path.join(SUBJECTS, 'express-app.ts');
const settings = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  database: process.env.PGDATABASE ?? 'test',
  password: process.env.PGPASSWORD,
};
const MAX = 3;
const FAILING_REQUESTS = 12;
const REQUEST_TIMEOUT_MS = 5000;
const underCi = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';

function reachable(timeoutMs = 1500): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: settings.host, port: settings.port });
    const done = (why: string | null) => {
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs} ms`));
    socket.once('connect', () => done(null));
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}

let unreachable: string | null = null;
beforeAll(async () => {
  unreachable = await reachable();
  if (unreachable && !underCi) {
    console.log(`pool-lifecycle runtime test skipped: PostgreSQL is not reachable on ${settings.host}:${settings.port} (${unreachable}); \`npm run services\` starts it`);
  }
});
/** Skip without a server, except under CI, where the first test fails instead. */
const needServer = (ctx: { skip(): void }) => {
  if (unreachable && !underCi) ctx.skip();
};

/** Compile TypeScript to CommonJS and load it as a module next to the subject (so `express`, `pg` resolve). */
function loadModule<T>(source: string, subject: string, tag: string): T {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: subject,
  });
  const filename = subject.replace(/\.ts$/, `.${tag}.js`);
  const m = new Module(filename, module) as Module & { _compile(code: string, file: string): void };
  m.filename = filename;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(filename));
  m._compile(outputText, filename);
  return m.exports as T;
}

function load(source: string, tag: string): { createApp(pool: Pool): import('express').Express } {
  return loadModule(source, SUBJECT, tag);
}

interface Running {
  pool: Pool;
  server: http.Server;
  base: string;
  checkedOut: Set<PoolClient>;
}

async function start(variant: { createApp(pool: Pool): import('express').Express }, name: string): Promise<Running> {
  const pool = new Pool({ ...settings, max: MAX, connectionTimeoutMillis: 1000, idleTimeoutMillis: 0, application_name: `leakproof-${name}-${process.pid}` });
  const checkedOut = new Set<PoolClient>();
  pool.on('acquire', (c) => checkedOut.add(c));
  pool.on('release', (_err, c) => checkedOut.delete(c));
  const app = variant.createApp(pool);
  // Express logs each handler error; the test counts them instead.
  app.use((_err: unknown, _req: unknown, res: import('express').Response, _next: unknown) => void res.status(500).send('failed'));
  const server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as net.AddressInfo;
  return { pool, server, base: `http://127.0.0.1:${port}`, checkedOut };
}

async function stop(r: Running): Promise<void> {
  r.server.closeAllConnections();
  await new Promise<void>((resolve) => r.server.close(() => resolve()));
  // Clients the leaky variant never gave back are destroyed, so the pool can end.
  for (const c of r.checkedOut) c.release(true);
  await r.pool.end();
}

async function get(r: Running, p: string): Promise<number | string> {
  try {
    const res = await fetch(`${r.base}${p}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    await res.arrayBuffer();
    return res.status;
  } catch (err) {
    return `no answer (${(err as Error).name})`;
  }
}

/** Give the response's 'close' listeners a moment: they run after the client has its answer. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const numbers: string[] = [];
afterAll(() => {
  if (numbers.length) console.log(`\npool-lifecycle runtime (pool max ${MAX}):\n  ${numbers.join('\n  ')}\n`);
});

describe('pool-lifecycle on a real Express app and PostgreSQL', () => {
  const original = fs.readFileSync(SUBJECT, 'utf8');

  it('finds PostgreSQL (under CI an unreachable server fails the run)', (ctx) => {
    needServer(ctx);
    expect(unreachable, `PostgreSQL at ${settings.host}:${settings.port}`).toBeNull();
  });

  it('as written: failing requests keep their clients and exhaust the pool', async (ctx) => {
    needServer(ctx);
    const r = await start(load(original, 'original'), 'original');
    try {
      expect(await get(r, '/items/1')).toBe(200);
      let exhaustedAfter = 0;
      for (let i = 1; i <= FAILING_REQUESTS && !exhaustedAfter; i++) {
        expect(await get(r, '/items/oops')).toBe(500);
        await settle();
        if (r.checkedOut.size === MAX && r.pool.idleCount === 0) exhaustedAfter = i;
      }
      expect(exhaustedAfter).toBe(MAX);
      // A good request now waits for a connection that never comes back, and fails.
      const started = Date.now();
      expect(await get(r, '/items/2')).toBe(500);
      numbers.push(
        `as written: pool exhausted after ${exhaustedAfter} failing requests (${r.checkedOut.size}/${MAX} clients checked out, 0 idle); ` +
          `the next good request failed after ${Date.now() - started} ms waiting for a connection`,
      );
    } finally {
      await stop(r);
    }
  }, 60_000);

  it('rewritten: every request is answered and every connection is back', async (ctx) => {
    needServer(ctx);
    const output = poolLifecycle.apply(original, SUBJECT, {});
    expect(output.findings.map((f) => `${f.outcome} ${f.reasonId}`)).toEqual(['fixed fixed-request-scope']);
    expect(output.source).toContain("res.on('close'");
    expect(output.source).not.toContain('req.db!.release()');
    const r = await start(load(output.source!, 'rewritten'), 'rewritten');
    try {
      const statuses: (number | string)[] = [];
      for (let i = 1; i <= FAILING_REQUESTS; i++) {
        statuses.push(await get(r, '/items/oops'), await get(r, `/items/${i}`));
        await settle();
        expect(r.checkedOut.size, `clients checked out after round ${i}`).toBe(0);
      }
      expect(statuses).toEqual(Array.from({ length: FAILING_REQUESTS }, () => [500, 200]).flat());
      // Concurrently, more requests than connections: all answered, all connections back.
      const burst = await Promise.all(Array.from({ length: 4 * MAX }, (_, i) => get(r, i % 2 ? '/items/oops' : `/items/${i}`)));
      expect(burst).toEqual(Array.from({ length: 4 * MAX }, (_, i) => (i % 2 ? 500 : 200)));
      await settle();
      expect(r.checkedOut.size).toBe(0);
      expect(r.pool.waitingCount).toBe(0);
      expect(r.pool.idleCount).toBe(r.pool.totalCount);
      const server = await r.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [
        `leakproof-rewritten-${process.pid}`,
      ]);
      numbers.push(
        `rewritten: ${2 * FAILING_REQUESTS + 4 * MAX} requests (${FAILING_REQUESTS + 2 * MAX} failing) all answered; ` +
          `${r.checkedOut.size} clients checked out, ${r.pool.idleCount}/${r.pool.totalCount} idle, ${server.rows[0].n} server sessions`,
      );
    } finally {
      await stop(r);
    }
  }, 60_000);
});

// Koa and Fastify: the same app, the same proof, smaller numbers.
interface Served {
  base: string;
  close(): Promise<void>;
}
const FRAMEWORKS: { name: string; file: string; how: string; serve(app: unknown): Promise<Served> }[] = [
  {
    name: 'koa',
    file: 'koa-app.ts',
    how: 'finally',
    async serve(app) {
      const koa = app as import('koa');
      koa.silent = true; // Koa logs each route error; the test counts them instead.
      const server = koa.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      return {
        base: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
        close: async () => {
          server.closeAllConnections();
          await new Promise<void>((resolve) => server.close(() => resolve()));
        },
      };
    },
  },
  {
    name: 'fastify',
    file: 'fastify-app.ts',
    how: "addHook('onResponse'",
    async serve(app) {
      const fastify = app as import('fastify').FastifyInstance;
      await fastify.listen({ port: 0, host: '127.0.0.1' });
      return { base: `http://127.0.0.1:${(fastify.server.address() as net.AddressInfo).port}`, close: () => fastify.close() };
    },
  },
];

describe('pool-lifecycle on real Koa and Fastify apps and PostgreSQL', () => {
  for (const fw of FRAMEWORKS) {
    it(`${fw.name}: exhausted as written after ${MAX} failing requests, every connection back once rewritten`, async (ctx) => {
      needServer(ctx);
      const subject = path.join(SUBJECTS, fw.file);
      const original = fs.readFileSync(subject, 'utf8');
      const output = poolLifecycle.apply(original, subject, {});
      expect(output.findings.map((f) => `${f.outcome} ${f.reasonId}`)).toEqual(['fixed fixed-request-scope']);
      expect(output.source).toContain(fw.how);
      const seen: string[] = [];
      for (const [variant, source] of [
        ['original', original],
        ['rewritten', output.source!],
      ] as const) {
        const pool = new Pool({ ...settings, max: MAX, connectionTimeoutMillis: 1000, idleTimeoutMillis: 0 });
        const checkedOut = new Set<PoolClient>();
        pool.on('acquire', (c) => checkedOut.add(c));
        pool.on('release', (_err, c) => checkedOut.delete(c));
        const app = loadModule<{ createApp(pool: Pool): unknown }>(source, subject, variant).createApp(pool);
        const served = await fw.serve(app);
        const r = { base: served.base } as Running;
        try {
          const statuses: (number | string)[] = [];
          for (let i = 1; i <= MAX + 2; i++) {
            statuses.push(await get(r, '/items/oops'), await get(r, `/items/${i}`));
            await settle();
          }
          if (variant === 'original') {
            // The good request after the MAX-th failure waits for a connection in vain.
            expect(statuses.slice(0, 2 * MAX)).toEqual([500, 200, 500, 200, 500, 500].slice(0, 2 * MAX));
            expect(checkedOut.size).toBe(MAX);
          } else {
            expect(statuses).toEqual(Array.from({ length: MAX + 2 }, () => [500, 200]).flat());
            expect(checkedOut.size).toBe(0);
            expect(pool.idleCount).toBe(pool.totalCount);
          }
          seen.push(`${variant}: ${statuses.join(' ')} → ${checkedOut.size}/${MAX} checked out`);
        } finally {
          await served.close();
          for (const c of checkedOut) c.release(true);
          await pool.end();
        }
      }
      numbers.push(`${fw.name}: ${seen.join('; ')}`);
    }, 60_000);
  }
});
