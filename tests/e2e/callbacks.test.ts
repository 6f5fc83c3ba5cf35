// Runtime proof for two library forms of issue 13, on the real servers:
//
//   - mysql's callback API (MariaDB): `findLeaky` returns before release() when its query fails; leakproof
//     moves the release to the start of the query's callback (fixed-release-first) and leaves `findSafe`
//     alone. After a query the server rejects, the original keeps its connection checked out of the pool;
//     the rewrite, like `findSafe`, does not, and gives the same value and error.
//   - pg-promise (PostgreSQL): `db.connect()` … `sco.done()` on the happy path only. The await-using and
//     try-finally rewrites (checked first: a `fixed` finding and new text) return what the original returns,
//     fail with the same error, and leave nothing checked out where the original leaks the connection.
//
// Subjects are tests/e2e/callbacks/*.ts, transformed in process and transpiled to CommonJS under
// tests/e2e/.work/cb-<run>/. A server that does not answer skips its part with one line; under CI it fails.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import type { TransformOutput } from '../../src/core/model';
import { transformNamed } from '../../src/registry';
import { endpoints, failWhenUnreachable, mysqlSettings, pgSettings, probe } from './harness/servers';
import { WORK_DIR } from './harness/workspace';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Subject = Record<string, any>;

const SUBJECTS = path.resolve(__dirname, 'callbacks');
const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
const scratch = path.join(WORK_DIR, `cb-${runId}`);
const nodeRequire = createRequire(__filename);

const sourceOf = (name: string) => fs.readFileSync(path.join(SUBJECTS, `${name}.ts`), 'utf8');

/** Transform (or not) and transpile a subject; returns the transform's output and the loaded module. */
function build(name: string, variant: 'original' | 'lifecycles' | 'await-using' | 'try-finally'): { output: TransformOutput | null; m: Subject } {
  const source = sourceOf(name);
  let output: TransformOutput | null = null;
  if (variant !== 'original') {
    const transform = transformNamed(variant);
    if (!transform) throw new Error(`no transform named ${variant}`);
    output = transform.apply(source, path.join(SUBJECTS, `${name}.ts`), {});
  }
  const file = path.join(scratch, variant, `${name}.ts`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const text = output?.source ?? source;
  fs.writeFileSync(file, text);
  const js = ts.transpileModule(text, { fileName: file, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true } });
  fs.writeFileSync(file.replace(/\.ts$/, '.js'), js.outputText);
  return { output, m: nodeRequire(file.replace(/\.ts$/, '.js')) };
}

async function reachable(server: 'PostgreSQL' | 'MariaDB'): Promise<boolean> {
  const r = await probe(endpoints[server]);
  if (r.ok) return true;
  if (failWhenUnreachable) throw new Error(`${server} is not reachable (${r.reason})`);
  console.log(`callbacks e2e: ${server} not reachable (${r.reason}); skipped`);
  return false;
}

afterAll(() => {
  if (!process.env.LEAKPROOF_E2E_KEEP) fs.rmSync(scratch, { recursive: true, force: true });
});

describe('mysql callback API on MariaDB', async () => {
  const up = await reachable('MariaDB');
  const BAD = 'SELECT n FROM lp_no_such_table_e2e';
  const GOOD = 'SELECT 41 + 1 AS n';

  it('moves the leaky callback\'s release first and leaves the safe one', () => {
    const result = transformNamed('lifecycles')!.apply(sourceOf('mysql'), path.join(SUBJECTS, 'mysql.ts'), {});
    const lines = sourceOf('mysql').split('\n');
    const leakyAt = lines.findIndex((l) => l.startsWith('export function findLeaky')) + 2;
    expect(result.findings.map((f) => `${f.line} ${f.outcome} ${f.reasonId}`)).toEqual([`${leakyAt} fixed fixed-release-first`]);
    // The rewritten callback reads as the safe one does, and only it changed.
    const body = (text: string, fn: string) => text.slice(text.indexOf(`export function ${fn}`)).split('\n}\n')[0].split('\n').slice(1).join('\n');
    expect(body(result.source!, 'findLeaky')).toBe(body(sourceOf('mysql'), 'findSafe'));
    expect(body(result.source!, 'findSafe')).toBe(body(sourceOf('mysql'), 'findSafe'));
  });

  for (const variant of ['original', 'lifecycles'] as const) {
    it.skipIf(!up)(`${variant}: ${variant === 'original' ? 'the leaky callback keeps its connection when the query fails' : 'nothing stays checked out'}`, async () => {
      const { m } = build('mysql', variant);
      const pool = m.makePool({ host: mysqlSettings.host, port: mysqlSettings.port, user: mysqlSettings.user, password: mysqlSettings.password, database: mysqlSettings.database });
      const call = (fn: string, sql: string) => new Promise<{ err: Error | null; value?: number }>((resolve) => m[fn](pool, sql, (err: Error | null, value?: number) => resolve({ err, value })));
      const checkedOut = () => pool._allConnections.length - pool._freeConnections.length;
      try {
        expect(await call('findSafe', GOOD)).toEqual({ err: null, value: 42 });
        expect(await call('findLeaky', GOOD)).toEqual({ err: null, value: 42 });
        expect(checkedOut()).toBe(0);
        const safe = await call('findSafe', BAD);
        expect(safe.err?.message).toMatch(/doesn't exist/);
        expect(checkedOut()).toBe(0);
        const leaky = await call('findLeaky', BAD);
        expect(leaky.err?.message).toBe(safe.err?.message);
        expect(checkedOut()).toBe(variant === 'original' ? 1 : 0);
      } finally {
        for (const c of [...pool._allConnections]) if (!pool._freeConnections.includes(c)) c.destroy();
        await new Promise((resolve) => pool.end(resolve));
      }
    });
  }
});

describe('pg-promise on PostgreSQL', async () => {
  const up = await reachable('PostgreSQL');
  const REASON = { 'await-using': 'fixed-adapter', 'try-finally': 'fixed-try-finally' } as const;

  for (const variant of ['original', 'await-using', 'try-finally'] as const) {
    it.skipIf(!up)(`${variant}: same value and error, and ${variant === 'original' ? 'the failure leaks the connection' : 'nothing left checked out'}`, async () => {
      const { output, m } = build('pg-promise', variant);
      if (variant !== 'original') {
        expect(output!.source).not.toBeNull();
        expect(output!.findings.map((f) => `${f.outcome} ${f.reasonId}`)).toEqual([`fixed ${REASON[variant]}`]);
      }
      const pgp = nodeRequire('pg-promise')({ noWarnings: true });
      const db = pgp({ ...pgSettings, application_name: `lp_cb_${runId}_${variant}`, max: 2 });
      const checkedOut = () => db.$pool.totalCount - db.$pool.idleCount;
      try {
        expect(await m.answer(db, 'SELECT 41 + 1 AS n')).toBe(42);
        expect(checkedOut()).toBe(0);
        await expect(m.answer(db, 'SELECT 1 / 0 AS n')).rejects.toThrow('division by zero');
        expect(checkedOut()).toBe(variant === 'original' ? 1 : 0);
      } finally {
        // The original's leaked client goes back destroyed; pg-promise prints a warning for an end() it did
        // not make, which is expected here.
        const idle = new Set(db.$pool._idle.map((item: Subject) => item.client));
        const warn = console.error;
        console.error = () => {};
        try {
          for (const client of [...db.$pool._clients]) if (!idle.has(client)) client.release(true);
        } finally {
          console.error = warn;
        }
        pgp.end();
      }
    });
  }
});
