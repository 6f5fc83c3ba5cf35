// pool-lifecycle on its fixtures (`__testfixtures__/pool-lifecycle/<case>.input.ts`, `<case>.output.ts` when it
// changes), checked by the fixture runner; every fixture is also type-checked (tests/transforms/typecheck.test.ts)
// against the real pg, mongodb, typeorm, knex, sequelize, express, koa and fastify types. A case's
// `// as: packages/x/test/foo.ts` runs it as if the file lived there: where a file lives is part of what
// decides whether it is test code or a script.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { poolLifecycle } from '../../transforms/pool-lifecycle';
import { allTransforms, DEFAULT_TRANSFORMS } from '../../src/registry';
import { describeFixtures, FIXTURE_ROOT, loadCases } from '../fixtures/runner';

describeFixtures('pool-lifecycle');

const cases = loadCases('pool-lifecycle').map((c) => ({ ...c, ...c.styles[0] }));
const reasonIds = Object.keys(poolLifecycle.meta.reasons);

describe('pool-lifecycle fixtures', () => {
  it('has fixtures for rewrites and for refusals', () => {
    expect(cases.filter((c) => c.outputPath).length).toBeGreaterThanOrEqual(9);
    expect(cases.filter((c) => c.expected.some((e) => e.startsWith('reported '))).length).toBeGreaterThanOrEqual(12);
  });
});

describe('pool-lifecycle reason table', () => {
  // The runner checks each case's findings exactly, so what the cases expect is what the transform gives.
  const expected = new Set(cases.flatMap((c) => c.expected));

  it('has a fixture asserting every refusal reason', () => {
    const refusals = reasonIds.filter((id) => !id.startsWith('fixed-') && id !== 'would-fix');
    expect(refusals.filter((id) => !expected.has(`reported ${id}`))).toEqual([]);
  });

  it('has a fixture producing every kind of fix', () => {
    expect(reasonIds.filter((id) => id.startsWith('fixed-') && !expected.has(`fixed ${id}`))).toEqual([]);
  });


  it('is registered and runs by default after lifecycles', () => {
    expect(allTransforms().map((t) => t.meta.name)).toContain('pool-lifecycle');
    expect(DEFAULT_TRANSFORMS.indexOf('pool-lifecycle')).toBe(DEFAULT_TRANSFORMS.indexOf('lifecycles') + 1);
  });
});

describe('pool-lifecycle options and text', () => {
  const byName = (name: string) => cases.find((c) => c.name === name)!;

  it('--report-only reports what it would fix and rewrites nothing', () => {
    const handler = byName('handler-module-pool.ts');
    const result = poolLifecycle.apply(handler.input, handler.runPath, { reportOnly: true });
    expect(result.source).toBeNull();
    expect(result.findings.map((f) => `${f.outcome} ${f.reasonId}`)).toEqual(['reported no-shutdown-hook', 'reported would-fix']);
    const express = byName('express-request-scope.ts');
    const scoped = poolLifecycle.apply(express.input, express.runPath, { reportOnly: true });
    expect(scoped.source).toBeNull();
    expect(scoped.findings.map((f) => f.reasonId)).toEqual(['would-fix']);
  });

  it('keeps CRLF line endings and a BOM', () => {
    const handler = byName('express-request-scope.ts');
    const crlf = (s: string) => '\uFEFF' + s.replace(/\n/g, '\r\n');
    expect(poolLifecycle.apply(crlf(handler.input), handler.runPath, {}).source).toBe(crlf(handler.output));
  });

  it('reports the missing shutdown hook at the pool, and the removal at the teardown', () => {
    const handler = byName('handler-module-pool.ts');
    const result = poolLifecycle.apply(handler.input, handler.runPath, {});
    const hook = result.findings.find((f) => f.reasonId === 'no-shutdown-hook')!;
    const fixed = result.findings.find((f) => f.outcome === 'fixed')!;
    expect(handler.input.split('\n')[hook.line - 1]).toContain('const pool = new Pool()');
    expect(handler.input.split('\n')[fixed.line - 1]).toContain('await pool.end()');
    expect(hook.reason).toContain("process.once('SIGTERM'");
  });

  it('finds the shutdown hook in the project module that owns the pool', () => {
    const mongo = byName('mongo-imported-client.ts');
    const [fixed] = poolLifecycle.apply(mongo.input, mongo.runPath, {}).findings;
    expect(fixed.reason).toContain('; closeDb() closes it (lib/mongo.ts:7)');
  });

  const perCall = `import { Pool } from 'pg';
const pool = new Pool();
export async function handler(id: number) {
  const { rows } = await pool.query('SELECT $1::int AS id', [id]);
  await pool.end();
  return rows;
}
`;

  it('leaves teardown alone in test files, scripts and migrations', () => {
    for (const file of ['src/users.test.ts', 'src/users.spec.ts', 'scripts/users.ts', 'bin/users.ts', 'migrations/001-users.ts', 'src/migrate.ts']) {
      expect(poolLifecycle.apply(perCall, path.join(FIXTURE_ROOT, 'pool-lifecycle', file), {}), file).toEqual({ source: null, findings: [] });
    }
    const removed = poolLifecycle.apply(perCall, path.join(FIXTURE_ROOT, 'pool-lifecycle', 'src/users.ts'), {});
    expect(removed.source).not.toContain('pool.end()');
  });

  it('leaves teardown alone in shutdown handlers of every kind', () => {
    const handlers = [
      "process.once('SIGINT', () => { void pool.end(); });",
      "process.on('beforeExit', async () => { await pool.end(); });",
      'export async function gracefulShutdown() { await pool.end(); }',
      'export const stopDb = async () => { await pool.end(); };',
      'declare const server: import("node:http").Server;\nserver.close(() => { void pool.end(); });',
      'declare const fastify: import("fastify").FastifyInstance;\nfastify.addHook("onClose", async () => { await pool.end(); });',
      'class Db { async [Symbol.asyncDispose]() { await pool.end(); } }',
    ];
    for (const h of handlers) {
      const source = `import { Pool } from 'pg';\nconst pool = new Pool();\n${h}\n`;
      expect(poolLifecycle.apply(source, path.join(FIXTURE_ROOT, 'pool-lifecycle', 'hooks.ts'), {}), h).toEqual({ source: null, findings: [] });
      // …and each one counts as the pool's shutdown hook.
      const both = poolLifecycle.apply(`${perCall}${h}\n`, path.join(FIXTURE_ROOT, 'pool-lifecycle', 'hooks.ts'), {});
      expect(both.findings.map((f) => f.reasonId), h).toEqual(['fixed-teardown-removed']);
    }
  });

  it('leaves a single connection or a MongoClient made and ended per call to the lifecycle transforms, but reports a pool made per call', () => {
    const at = (name: string) => path.join(FIXTURE_ROOT, 'pool-lifecycle', name);
    const client = `import { Client } from 'pg';\nexport async function once() {\n  const client = new Client();\n  await client.connect();\n  await client.query('SELECT 1');\n  await client.end();\n}\n`;
    expect(poolLifecycle.apply(client, at('client.ts'), {})).toEqual({ source: null, findings: [] });
    const mongo = `import { MongoClient } from 'mongodb';\nexport async function count() {\n  const client = await MongoClient.connect('mongodb://127.0.0.1');\n  const n = await client.db('x').collection('y').countDocuments();\n  await client.close();\n  return n;\n}\n`;
    expect(poolLifecycle.apply(mongo, at('mongo.ts'), {})).toEqual({ source: null, findings: [] });
    const pool = `import { Pool } from 'pg';\nexport async function count() {\n  const pool = new Pool();\n  const { rows } = await pool.query('SELECT 1');\n  await pool.end();\n  return rows;\n}\n`;
    expect(poolLifecycle.apply(pool, at('pool.ts'), {}).findings.map((f) => [f.line, f.reasonId])).toEqual([[3, 'pool-per-call']]);
  });

  it('treats a function the module top level calls as a script entry', () => {
    const source = `import { Pool } from 'pg';\nconst pool = new Pool();\nasync function run() { await pool.query('SELECT 1'); await pool.end(); }\nrun().then(() => process.exit(0));\n`;
    expect(poolLifecycle.apply(source, path.join(FIXTURE_ROOT, 'pool-lifecycle', 'run.ts'), {})).toEqual({ source: null, findings: [] });
  });

  it('treats a route handler as per-call even when a script entry registers it', () => {
    const source = `import express from 'express';\nimport { Pool } from 'pg';\nconst pool = new Pool();\nfunction routes(app: express.Express) {\n  app.get('/', async (req, res) => {\n    res.json((await pool.query('SELECT 1')).rows);\n    await pool.end();\n  });\n}\nroutes(express());\n`;
    const out = poolLifecycle.apply(source, path.join(FIXTURE_ROOT, 'pool-lifecycle', 'routes.ts'), {});
    expect(out.findings.map((f) => f.reasonId)).toEqual(['no-shutdown-hook', 'fixed-teardown-removed']);
    expect(out.source).not.toContain('pool.end()');
  });

  it('keeps a block when unwrapping a try would redeclare a name', () => {
    // A handler's own release in a finally moves to the end of the response; the try it leaves goes.
    const source = `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
export const app = express();
app.use(async (req, res, next) => {
  req.db = await pool.connect();
  next();
});
app.get('/', async (req, res) => {
  const rows = 1;
  try {
    const rows = await req.db!.query('SELECT 1');
    res.json(rows);
  } finally {
    req.db!.release();
  }
  return rows;
});
`;
    const out = poolLifecycle.apply(source, path.join(FIXTURE_ROOT, 'pool-lifecycle', 'block.ts'), {}).source!;
    expect(out).toContain('  {\n    const rows = await req.db!.query');
    expect(out).not.toContain('finally');
  });

  it('leaves files without a teardown call or a web framework unparsed', () => {
    expect(poolLifecycle.apply('this is not even JavaScript {{{', 'x.ts', {})).toEqual({ source: null, findings: [] });
  });
});
