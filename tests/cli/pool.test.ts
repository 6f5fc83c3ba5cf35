import { afterAll, describe, expect, it } from 'vitest';
import { BROKEN, cleanup, hashTree, LEAKY, makeProject, PLAIN, read, RETURNED, runCli, type Tree } from './helpers';
import { validate } from './schema';
import * as path from 'node:path';
import type * as PoolModule from '../../src/cli/pool';
import type { WorkItem, WorkResult } from '../../src/cli/work';

afterAll(cleanup);

// Enough files past the prefilter (≥ 50) for the runner to start a worker pool.
function bigProject(): string {
  const files: Tree = {};
  for (let i = 0; i < 60; i++) files[`src/users/user${String(i).padStart(2, '0')}.ts`] = LEAKY.replace('getUser', `getUser${i}`);
  for (let i = 0; i < 5; i++) files[`src/borrow${i}.ts`] = RETURNED;
  for (let i = 0; i < 10; i++) files[`src/plain${i}.ts`] = PLAIN;
  files['src/broken.ts'] = BROKEN;
  return makeProject(files);
}

function withoutTime(stdout: string) {
  const doc = JSON.parse(stdout);
  expect(validate(doc)).toEqual([]);
  doc.totals.elapsedMs = 0;
  return doc;
}

describe('worker pool', () => {
  const project = bigProject();

  it('gives the same report on worker threads as in the main thread', () => {
    const pooled = runCli(['--json', '--cpus', '4'], project);
    const single = runCli(['--json', '--cpus', '1'], project);
    expect(pooled.stderr).toMatch(/on [2-4] worker threads/);
    expect(single.stderr).not.toContain('worker thread');
    expect(pooled.code).toBe(1); // changes, reports and the broken file to look at
    expect(single.code).toBe(1);
    const doc = withoutTime(pooled.stdout);
    expect(doc).toEqual(withoutTime(single.stdout));
    expect(doc.totals).toMatchObject({ filesFound: 76, filesParsed: 65, changed: 60, unchanged: 5, skipped: 10, errors: 1, fixed: 60, reported: 5 });
  });

  it('writes every file on --write, and a second run finds nothing to do', () => {
    const copy = bigProject();
    const r = runCli(['--write', '--cpus', '4'], copy);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('wrote 60 files');
    expect(read(copy, 'src/users/user42.ts')).toContain('using _releaseClient');
    const after = hashTree(copy);
    const again = runCli(['--write', '--cpus', '4', '--ignore', 'src/broken.ts'], copy);
    expect(again.code).toBe(1); // the reported lifecycles are still there
    expect(again.stderr).toMatch(/on [2-4] worker threads/);
    expect(again.stderr).toMatch(/ 0 changed,/);
    expect(hashTree(copy)).toEqual(after);
  });

  it('--fail-on-error stops the pool: exit 2, nothing written', () => {
    const copy = bigProject();
    const before = hashTree(copy);
    const r = runCli(['--write', '--fail-on-error', '--cpus', '4'], copy);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^src\/broken\.ts:3:\d+ {2}parse error/m);
    expect(hashTree(copy)).toEqual(before);
  });

  it('on two cores, one worker: the main thread runs the index and the close plan has a thread of its own', () => {
    const r = runCli(['--json', '--cpus', '2'], project);
    expect(r.stderr).toContain('on 1 worker thread');
    expect(withoutTime(r.stdout)).toEqual(withoutTime(runCli(['--json', '--cpus', '1'], project).stdout));
  });

  it('does not start a pool for a handful of files', () => {
    const small = makeProject({ 'src/user.ts': LEAKY });
    const r = runCli(['--cpus', '8'], small);
    expect(r.code).toBe(1); // a dry run with a change to look at
    expect(r.stderr).not.toContain('worker thread');
  });

  it('the transforms start on files the index hands out while it reads the rest: the same report as one thread', () => {
    // Each route takes its pool from the project (only the index knows it is a pg pool), most name pg for a
    // type, so they pass the first look and are handed out one by one; the others are brought back at the
    // end; the class's close() goes to the close plan, which runs beside.
    const files: Tree = {
      'src/lib/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool();\n",
      'src/lib/repo.ts': "import { Pool } from 'pg';\nexport class Repo {\n  private pool = new Pool();\n  async close() {\n    await this.pool.end();\n  }\n}\n",
    };
    for (let i = 0; i < 60; i++) {
      const typed = i % 6 !== 0;
      files[`src/routes/r${String(i).padStart(2, '0')}.ts`] =
        `${typed ? "import type { PoolClient } from 'pg';\n" : ''}import { pool } from '../lib/db';\nexport async function get${i}(id: number) {\n  const client${typed ? ': PoolClient' : ''} = await pool.connect();\n  const res = await client.query('SELECT $1::int AS n', [id]);\n  client.release();\n  return res.rows[0];\n}\n`;
    }
    const project = makeProject(files);
    const pooled = runCli(['--json', '--cpus', '4', '--no-types'], project);
    const single = runCli(['--json', '--cpus', '1', '--no-types'], project);
    expect(pooled.stderr).toMatch(/on [2-4] worker threads/);
    const doc = withoutTime(pooled.stdout);
    expect(doc).toEqual(withoutTime(single.stdout));
    expect(doc.totals).toMatchObject({ changed: 60, fixed: 60 });
  });
});

describe('a file the pool cannot hand to a thread', () => {
  it('fails alone, as an internal error of its own; the files beside it are transformed', async () => {
    // The compiled pool (the worker thread runs compiled code).
    const { runInPool, workerFile } = (await import(path.resolve(__dirname, '../../dist/src/cli/pool.js'))) as typeof PoolModule;
    const file = workerFile();
    expect(file).not.toBeNull();
    const dir = makeProject({ 'a.ts': LEAKY, 'b.ts': LEAKY });
    const item = (id: number, rel: string): WorkItem => ({ id, abs: path.join(dir, rel), rel, text: LEAKY, language: 'javascript' });
    // A fact holding a function cannot be cloned into a worker thread.
    const bad = { ...item(1, 'b.ts'), facts: { index: { exports: { f: (() => 1) as unknown as never }, params: {} } } };
    const results: WorkResult[] = [];
    await runInPool(file!, [item(0, 'a.ts'), bad], { transforms: ['lifecycles'], options: {}, diff: true }, 1, (r) => (results.push(r), true));
    results.sort((x, y) => x.id - y.id);
    expect(results.map((r) => r.status)).toEqual(['changed', 'error']);
    expect(results[1].error).toMatchObject({ kind: 'transform', message: expect.stringContaining('could not be handed to a worker thread') });
  });
});
