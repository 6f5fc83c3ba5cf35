// Runtime proof for pool-never-closed, on a real PostgreSQL server: the fixture's count() (a pg Pool made,
// queried and never closed: __testfixtures__/pool-lifecycle/refuse-pool-never-closed.input.ts), compiled and
// called three times, leaves three connections open after it has returned — the reason's "each run leaves one
// behind, its connections open" — while the same function with the pool closed before it returns leaves none.
// Without a reachable server the test is skipped with one line, except under CI (env CI set), where it fails.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as net from 'node:net';
import * as path from 'node:path';
import ts from 'typescript';
import { Client } from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { poolLifecycle } from '../../transforms/pool-lifecycle';

const FIXTURE = path.join(__dirname, '../../__testfixtures__/pool-lifecycle/refuse-pool-never-closed.input.ts');
const settings = { host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432), user: process.env.PGUSER ?? 'postgres', database: process.env.PGDATABASE ?? 'test' };
const underCi = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';

function reachable(): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: settings.host, port: settings.port });
    const done = (why: string | null) => {
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(1500, () => done('no answer'));
    socket.once('connect', () => done(null));
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}

function load(source: string, tag: string): { count(connectionString: string): Promise<number> } {
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true }, fileName: FIXTURE });
  const filename = FIXTURE.replace(/\.ts$/, `.${tag}.js`);
  const m = new Module(filename, module) as Module & { _compile(code: string, file: string): void };
  m.filename = filename;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(filename));
  m._compile(outputText, filename);
  return m.exports as { count(connectionString: string): Promise<number> };
}

/** Open server connections under `name`, counted from another connection. */
async function openConnections(name: string): Promise<number> {
  const c = new Client(settings);
  await c.connect();
  try {
    const { rows } = await c.query('select count(*)::int as n from pg_stat_activity where application_name = $1', [name]);
    return rows[0].n;
  } finally {
    await c.end();
  }
}

let unreachable: string | null = null;
beforeAll(async () => {
  unreachable = await reachable();
  if (unreachable && !underCi) console.log(`pool-never-closed runtime test skipped: PostgreSQL is not reachable (${unreachable}); \`npm run services\` starts it`);
});

describe('pool-never-closed, at run time', () => {
  const source = fs.readFileSync(FIXTURE, 'utf8');
  const url = (name: string) => `postgres://${settings.user}@${settings.host}:${settings.port}/${settings.database}?application_name=${name}`;

  it('reports count(), whose every call leaves its pool and connection open after it returns', async (ctx) => {
    if (unreachable && !underCi) return ctx.skip();
    const findings = poolLifecycle.apply(source, FIXTURE, {}).findings.filter((f) => f.reasonId === 'pool-never-closed');
    expect(findings.map((f) => f.line)).toContain(source.split('\n').findIndex((l) => l.includes('const pool = new Pool({ connectionString })')) + 1);
    const name = `lp-never-closed-${process.pid}`;
    const { count } = load(source, 'as-written');
    for (let i = 0; i < 3; i++) expect(await count(url(name))).toBe(1);
    // (pg closes an idle client after 10 s by default: the three go on their own, after the test.)
    expect(await openConnections(name)).toBe(3);
  });

  it('leaves no connection open once the pool is closed before the function returns', async (ctx) => {
    if (unreachable && !underCi) return ctx.skip();
    const name = `lp-closed-${process.pid}`;
    const closed = source.replace("  return Number(res.rows[0].n);", "  await pool.end();\n  return Number(res.rows[0].n);");
    expect(closed).not.toBe(source);
    expect(poolLifecycle.apply(closed, FIXTURE, {}).findings.filter((f) => f.reasonId === 'pool-never-closed')).toHaveLength(3);
    const { count } = load(closed, 'closed');
    for (let i = 0; i < 3; i++) await count(url(name));
    expect(await openConnections(name)).toBe(0);
  });
});
