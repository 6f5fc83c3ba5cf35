// remove-redundant-close on its multi-file fixtures (`__testfixtures__/remove-redundant-close/<case>/`: a small
// project under input/, the same project rewritten under output/, options.json), checked file by file by the
// fixture runner; the transform runs on its own as jscodeshift would run it: the plan is made lazily from each
// case's tsconfig. Inputs and outputs are type-checked with every other fixture (tests/transforms/typecheck.test.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeRedundantClose } from '../../transforms/remove-redundant-close';
import { CLOSE_REASONS } from '../../src/js/close/reasons';
import { clearCloseCaches } from '../../src/js/close/analyze';
import { DEFAULT_TRANSFORMS, allTransforms } from '../../src/registry';
import type { Finding } from '../../src/core/model';
import { describeFixtures, loadProjects } from '../fixtures/runner';

describeFixtures('remove-redundant-close');

const cases = loadProjects('remove-redundant-close');
const label = (f: Finding) => `${f.outcome} ${f.reasonId}`;
const temps: string[] = [];
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

describe('remove-redundant-close fixtures', () => {
  it('has a case for each part of the issue', () => {
    expect(cases.map((c) => c.name).sort()).toEqual(['disposable-class', 'disposable-unsupported', 'double-release', 'kept', 'leaking-callers', 'redundant-close']);
    // The class in one file, callers in others, and a caller that keeps its call.
    const disposable = cases.find((c) => c.name === 'disposable-class')!;
    expect(disposable.files.filter((f) => f.input !== f.output).length).toBeGreaterThanOrEqual(3);
    // server.ts keeps its close() in a SIGTERM handler: untouched, and no finding (the database lives for the process).
    expect(disposable.files.some((f) => f.rel === 'src/server.ts' && f.input === f.output && f.expected.length === 0)).toBe(true);
  });
});

describe('remove-redundant-close reasons and registration', () => {
  it('has a fixture or a test for every reason of its own', () => {
    const produced = new Set(cases.flatMap((c) => c.files.flatMap((f) => f.expected.map((e) => e.split(' ')[1]))));
    // Made by the tests below (report only) and by the CLI tests (a call outside the run, jscodeshift flags).
    const elsewhere = ['project-unavailable', 'would-fix', 'referenced-outside-run'];
    expect(Object.keys(CLOSE_REASONS).filter((id) => !produced.has(id) && !elsewhere.includes(id))).toEqual([]);
  });

  it('is registered and runs by default after lifecycles', () => {
    expect(allTransforms().map((t) => t.meta.name)).toContain('remove-redundant-close');
    expect(DEFAULT_TRANSFORMS.indexOf('remove-redundant-close')).toBeGreaterThan(DEFAULT_TRANSFORMS.indexOf('lifecycles'));
  });
});

describe('remove-redundant-close options and text', () => {
  const file = (name: string, rel: string) => cases.find((c) => c.name === name)!.files.find((f) => f.rel === rel)!;

  it('--report-only reports what it would do and rewrites nothing', () => {
    for (const [name, rel] of [
      ['redundant-close', 'src/user-store.ts'],
      ['redundant-close', 'src/report.ts'],
      ['disposable-class', 'src/database.ts'],
      ['disposable-class', 'src/report.ts'],
      ['double-release', 'src/audit.ts'],
    ]) {
      const f = file(name, rel);
      const c = cases.find((x) => x.name === name)!;
      const result = removeRedundantClose.apply(f.input, f.inputPath, { ...c.options, reportOnly: true });
      expect(result.source, `${name}/${rel}`).toBeNull();
      expect(result.findings.map(label), `${name}/${rel}`).toEqual(['reported would-fix']);
    }
  });

  it('keeps CRLF line endings and a BOM (a changed text finds its calls again with the checker)', () => {
    const crlf = (s: string) => '\uFEFF' + s.replace(/\n/g, '\r\n');
    for (const [name, rel] of [
      ['redundant-close', 'src/report.ts'],
      ['redundant-close', 'src/user-store.ts'],
      ['disposable-class', 'src/database.ts'],
      ['disposable-class', 'src/report.ts'],
    ]) {
      const f = file(name, rel);
      const c = cases.find((x) => x.name === name)!;
      expect(removeRedundantClose.apply(crlf(f.input), f.inputPath, c.options).source, `${name}/${rel}`).toBe(crlf(f.output));
    }
  });

  it('finds the calls of a removed method in a text an earlier transform changed', () => {
    const f = file('redundant-close', 'src/jobs.ts');
    const changed = f.input.replace("import { Pool } from 'pg';", "import { Pool } from 'pg';\n// an earlier transform was here\n");
    const result = removeRedundantClose.apply(changed, f.inputPath, {});
    expect(result.source).toBe(f.output.replace("import { Pool } from 'pg';", "import { Pool } from 'pg';\n// an earlier transform was here\n"));
    expect(result.findings.map(label).sort()).toEqual([...f.expected].sort());
  });

  it('uses the style the other transforms would: try/finally with --style try-finally', () => {
    const f = file('disposable-class', 'src/report.ts');
    const result = removeRedundantClose.apply(f.input, f.inputPath, { style: 'try-finally' });
    expect(result.source).toMatch(/ {2}const db = new Database\(\);\n(\n)? {2}try \{\n/);
    expect(result.source).toContain('  } finally {\n    await db.close();\n  }\n');
    expect(result.findings.map(label)).toEqual(['fixed fixed-try-finally']);
  });

  it('without a tsconfig.json, fixes double releases only, and says nothing about classes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-close-'));
    temps.push(dir);
    const source = `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
export class Store {
  private client?: PoolClient;
  async close(): Promise<void> {
    this.client?.release();
  }
}
export async function one(): Promise<number> {
  const client = await pool.connect();
  using _releaseClient = { [Symbol.dispose]: () => client.release() };
  const res = await client.query('SELECT 1 AS n');
  client.release();
  return res.rows[0].n;
}
`;
    const result = removeRedundantClose.apply(source, path.join(dir, 'store.ts'), {});
    expect(result.source).toBe(source.replace('  client.release();\n  return', '  return'));
    expect(result.findings.map(label)).toEqual(['fixed fixed-double-release']);
  });

  it('leaves a file without any close-like word alone without parsing it', () => {
    expect(removeRedundantClose.apply('this is not even JavaScript {{{', 'x.ts', {})).toEqual({ source: null, findings: [] });
  });

  it('plans again once the caches are cleared', () => {
    clearCloseCaches();
    const f = file('redundant-close', 'src/user-store.ts');
    expect(removeRedundantClose.apply(f.input, f.inputPath, {}).source).toBe(f.output);
  });
});
