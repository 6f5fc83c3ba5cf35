// Where a teardown runs decides whether pool-lifecycle may remove it: only code that provably runs once per
// call loses it; code that runs once per process keeps it; code that cannot be told is reported. These cases
// check each structural signal through the transform's real outcome (source changed or not, and findings).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { poolLifecycle } from '../../transforms/pool-lifecycle';
import { clearPackageCaches } from '../../src/js/project/packageInfo';
import { FIXTURE_ROOT } from '../fixtures/runner';

const HEAD = `import { Pool } from 'pg';\nconst pool = new Pool();\n`;
const WORK = `await pool.query('SELECT 1');\n  await pool.end();`;

function outcome(source: string, file = path.join(FIXTURE_ROOT, 'pool-lifecycle', 'src', 'orders.ts')) {
  const r = poolLifecycle.apply(source, file, {});
  return { removed: r.source !== null && !r.source.includes('pool.end()'), reasons: r.findings.map((f) => f.reasonId) };
}

describe('provably per call: the teardown goes', () => {
  const cases: Record<string, string> = {
    'express route': `import express from 'express';\n${HEAD}const app = express();\napp.post('/orders', async (req, res) => {\n  ${WORK}\n  res.end();\n});\n`,
    'express middleware': `import express from 'express';\n${HEAD}const app = express();\napp.use(async (req, res, next) => {\n  ${WORK}\n  next();\n});\n`,
    'fastify per-request hook': `import Fastify from 'fastify';\n${HEAD}const app = Fastify();\napp.addHook('preHandler', async (request, reply) => {\n  ${WORK}\n});\n`,
    "http server 'request' listener": `import * as http from 'node:http';\n${HEAD}const server = http.createServer();\nserver.on('request', async (req, res) => {\n  ${WORK}\n  res.end();\n});\n`,
    'CommonJS exports.handler (a Lambda)': `const { Pool } = require('pg');\nconst pool = new Pool();\nexports.handler = async (event) => {\n  ${WORK}\n  return { statusCode: 200 };\n};\n`,
    'method of an exported class': `${HEAD}export class Orders {\n  async count() {\n    ${WORK}\n  }\n}\n`,
    'method of an object module.exports holds': `const { Pool } = require('pg');\nconst pool = new Pool();\nmodule.exports = {\n  async count() {\n    ${WORK}\n  },\n};\n`,
    'function exported by name': `${HEAD}async function count() {\n  ${WORK}\n}\nexport { count };\n`,
  };
  for (const [name, source] of Object.entries(cases)) {
    it(name, () => {
      const o = outcome(source, path.join(FIXTURE_ROOT, 'pool-lifecycle', 'src', name.includes('CommonJS') || name.includes('module.exports') ? 'orders.js' : 'orders.ts'));
      expect(o.removed).toBe(true);
      expect(o.reasons).toContain('fixed-teardown-removed');
    });
  }
});

describe('once per process, or test code: the teardown stays, silently', () => {
  const cases: Record<string, string> = {
    'fastify onReady hook': `import Fastify from 'fastify';\n${HEAD}const app = Fastify();\napp.addHook('onReady', async () => {\n  ${WORK}\n});\n`,
    'top-level IIFE': `${HEAD}(async () => {\n  ${WORK}\n})();\n`,
    'exported function that ends the process': `${HEAD}export async function report() {\n  ${WORK}\n  process.exit(0);\n}\n`,
    'an it() callback inside a helper of a file not named as a test': `declare function it(name: string, fn: () => Promise<void>): void;\n${HEAD}export function suite() {\n  it('counts', async () => {\n    ${WORK}\n  });\n}\n`,
    'a function that only closes the pool': `${HEAD}export async function release() {\n  await pool.end();\n}\n`,
    'a pool made in the enclosing function': `import { Pool } from 'pg';\nexport function routes(app: import('express').Express) {\n  const pool = new Pool();\n  app.get('/x', async (req, res) => {\n    ${WORK}\n    res.end();\n  });\n}\n`,
  };
  for (const [name, source] of Object.entries(cases)) {
    it(name, () => {
      expect(outcome(source)).toEqual({ removed: false, reasons: [] });
    });
  }
});

describe('cannot be told: reported, never removed', () => {
  it('a callback the top level gives to a call that may run it more than once', () => {
    expect(outcome(`${HEAD}setInterval(async () => {\n  ${WORK}\n}, 60_000);\n`)).toEqual({ removed: false, reasons: ['context-unknown'] });
    const queue = `declare const queue: { process(fn: (job: unknown) => Promise<void>): void };\n${HEAD}queue.process(async (job) => {\n  ${WORK}\n});\n`;
    expect(outcome(queue)).toEqual({ removed: false, reasons: ['context-unknown'] });
    // use() of a one-parameter function is a plugin, not middleware: not per call, but not known to run once.
    const plugin = `declare const chai: { use(fn: (c: unknown) => void): void };\n${HEAD}chai.use(async (c) => {\n  ${WORK}\n});\n`;
    expect(outcome(plugin)).toEqual({ removed: false, reasons: ['context-unknown'] });
  });

  it('a module-level pg Client connected and ended by the same per-call function', () => {
    const source = `import { Client } from 'pg';\nconst client = new Client();\nexport async function count() {\n  await client.connect();\n  await client.query('SELECT 1');\n  await client.end();\n}\n`;
    expect(outcome(source)).toEqual({ removed: false, reasons: ['single-connection'] });
  });

  it('an exported function of a module whose top level awaits work', () => {
    expect(outcome(`${HEAD}await pool.query('SELECT 1');\nexport async function count() {\n  ${WORK}\n}\n`)).toEqual({ removed: false, reasons: ['context-unknown'] });
  });

  it('a teardown in a catch block of a per-call function', () => {
    const source = `${HEAD}export async function count() {\n  try {\n    await pool.query('SELECT 1');\n  } catch (err) {\n    await pool.end();\n    throw err;\n  }\n}\n`;
    const r = poolLifecycle.apply(source, path.join(FIXTURE_ROOT, 'pool-lifecycle', 'src', 'orders.ts'), {});
    expect(r.source).toBeNull();
    expect(r.findings.map((f) => [f.reasonId, f.reason.includes('in a catch block')])).toEqual([['teardown-conditional', true]]);
  });
});

describe('a file the package runs as a script keeps its teardowns', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-pools-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('by a package.json script or bin naming it', () => {
    const source = `${HEAD}export async function nightly() {\n  ${WORK}\n}\n`;
    fs.mkdirSync(path.join(dir, 'src', 'jobs'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'svc', scripts: { nightly: 'ts-node src/jobs/nightly.ts' }, bin: { report: './src/jobs/report.js' } }));
    clearPackageCaches();
    for (const name of ['nightly.ts', 'report.ts']) {
      const file = path.join(dir, 'src', 'jobs', name);
      fs.writeFileSync(file, source);
      expect(poolLifecycle.apply(source, file, {}), name).toEqual({ source: null, findings: [] });
    }
    // The same text in a module nothing runs directly loses its teardown.
    const lib = path.join(dir, 'src', 'jobs', 'lib.ts');
    expect(poolLifecycle.apply(source, lib, {}).source).not.toContain('pool.end()');
  });

  it('an exported function that a script imports is not known to run per call', () => {
    const source = `${HEAD}export async function syncUsers() {\n  ${WORK}\n}\n`;
    for (const pkg of ['alone', 'imported']) {
      fs.mkdirSync(path.join(dir, pkg, 'src'), { recursive: true });
      fs.writeFileSync(path.join(dir, pkg, 'package.json'), JSON.stringify({ name: pkg }));
      fs.writeFileSync(path.join(dir, pkg, 'src', 'users.ts'), source);
    }
    fs.mkdirSync(path.join(dir, 'imported', 'scripts'));
    fs.writeFileSync(path.join(dir, 'imported', 'scripts', 'sync.ts'), `import { syncUsers } from '../src/users';\nvoid syncUsers();\n`);
    clearPackageCaches();
    expect(poolLifecycle.apply(source, path.join(dir, 'alone', 'src', 'users.ts'), {}).source).not.toContain('pool.end()');
    const r = poolLifecycle.apply(source, path.join(dir, 'imported', 'src', 'users.ts'), {});
    expect(r.source).toBeNull();
    expect(r.findings.map((f) => f.reasonId)).toEqual(['context-unknown']);
    expect(r.findings[0].reason).toContain('imported by ../scripts/sync.ts (the file is under scripts/), which runs once');
  });
});

describe('folders above the project say nothing about a file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-pools-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a checkout named like a test folder, without package.json: its tsconfig.json or .git marks where the project starts', () => {
    const source = `${HEAD}export async function count() {\n  ${WORK}\n}\n`;
    for (const [checkout, marker] of [['orders_test', 'tsconfig.json'], ['test-shop', '.git'], ['e2e_copy', null]] as const) {
      fs.mkdirSync(path.join(dir, checkout, 'api', 'src'), { recursive: true });
      if (marker === '.git') fs.mkdirSync(path.join(dir, checkout, '.git'));
      else if (marker) fs.writeFileSync(path.join(dir, checkout, 'api', marker), '{}');
      const file = path.join(dir, checkout, 'api', 'src', 'orders.ts');
      fs.writeFileSync(file, source);
      clearPackageCaches();
      const r = poolLifecycle.apply(source, file, {});
      // With a marker the service is per-call code; without one the whole path counts, and the checkout's
      // name makes it test code, whose teardowns stay.
      if (marker) expect(r.source, checkout).not.toContain('pool.end()');
      else expect(r, checkout).toEqual({ source: null, findings: [] });
    }
    // A test folder inside the project is still one.
    const inside = path.join(dir, 'orders_test', 'api', 'test', 'orders.ts');
    fs.mkdirSync(path.dirname(inside), { recursive: true });
    fs.writeFileSync(inside, source);
    expect(poolLifecycle.apply(source, inside, {})).toEqual({ source: null, findings: [] });
  });
});
