// The runner on throwaway transforms, in-process: what it does with whatever a transform returns or throws,
// independent of what the real transforms rewrite.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from '@babel/parser';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { LeakTransform, TransformOptions } from '../../src/core/model';
import { cleanup, makeProject } from './helpers';

afterAll(cleanup);

function fake(name: string, apply: LeakTransform['apply']): LeakTransform {
  return { meta: { name, description: `fake ${name}`, reasons: {} }, apply };
}

/** Appends a marker line; reports nothing. */
const appender = (name: string) => fake(name, (source) => ({ source: `${source}// ${name}\n`, findings: [] }));

async function run(cwd: string, argv: string[], transforms: LeakTransform[], tty = false, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    { cwd, env, stdout: { write: (s: string) => (stdout += s), isTTY: tty }, stderr: { write: (s: string) => (stderr += s), isTTY: tty } },
    { transforms },
  );
  return { code, stdout, stderr };
}

describe('runner (throwaway transforms)', () => {
  it('chains the transforms in registry order, each on the previous output', async () => {
    const dir = makeProject({ 'a.ts': "import 'pg'; new Pool();\n" });
    const r = await run(dir, ['--write', '-t', 'second', '-t', 'first'], [appender('first'), appender('second')]);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'a.ts'), 'utf8')).toBe("import 'pg'; new Pool();\n// first\n// second\n");
    const only = await run(dir, ['--write', '-t', 'second'], [appender('first'), appender('second')]);
    expect(only.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'a.ts'), 'utf8')).toBe("import 'pg'; new Pool();\n// first\n// second\n// second\n");
  });

  it('writes exactly the text a transform returns: BOM, CRLF, lone CR, non-ASCII', async () => {
    const dir = makeProject({ 'a.ts': "\uFEFFimport 'pg'; new Pool();\r\n" });
    const exact = "\uFEFFimport 'pg'; new Pool();\r\nconst s = 'ü — 😀';\rlet x;\n";
    let seen = '';
    const t = fake('exact', (source) => {
      seen = source;
      return { source: exact, findings: [] };
    });
    expect((await run(dir, ['--write'], [t])).code).toBe(0);
    expect(seen).toBe("\uFEFFimport 'pg'; new Pool();\r\n"); // the transform sees the BOM too
    expect(fs.readFileSync(path.join(dir, 'a.ts')).equals(Buffer.from(exact, 'utf8'))).toBe(true);
  });

  it('passes --adapter and --report-only to the transforms, and ignores any text returned in report-only mode', async () => {
    const dir = makeProject({ 'a.ts': "import 'pg'; new Pool();\n" });
    const seen: TransformOptions[] = [];
    const t = fake('opts', (source, _p, options) => {
      seen.push(options);
      return { source: source + '// changed\n', findings: [] };
    });
    await run(dir, ['--adapter', 'stack'], [t]);
    const r = await run(dir, ['--report-only'], [t]);
    // (Each file also gets the project passes' facts: not what this test is about.)
    expect(seen.map(({ facts: _facts, ...rest }) => rest)).toEqual([
      { adapter: 'stack', reportOnly: false },
      { adapter: 'object', reportOnly: true },
    ]);
    expect(r.stdout).toBe('');
    expect(fs.readFileSync(path.join(dir, 'a.ts'), 'utf8')).toBe("import 'pg'; new Pool();\n");
  });

  it('passes the absolute path, so a transform can find the nearest package.json', async () => {
    const dir = makeProject({ 'src/a.ts': "import 'pg'; new Pool();\n" });
    const paths: string[] = [];
    await run(dir, ['src'], [fake('p', (_s, p) => (paths.push(p), { source: null, findings: [] }))]);
    expect(paths).toEqual([path.join(dir, 'src', 'a.ts')]);
  });

  it('turns a thrown syntax error into a parse error with line and column, and goes on', async () => {
    const dir = makeProject({ 'a.ts': "import 'pg'; new Pool();\nconst x = );\n", 'b.ts': "import 'pg'; new Pool();\n" });
    const parsing = fake('parsing', (source) => {
      parse(source, { sourceType: 'module', plugins: ['typescript'] });
      return { source: source + '// ok\n', findings: [] };
    });
    const r = await run(dir, ['--json'], [parsing]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.files[0]).toMatchObject({ path: 'a.ts', status: 'error', error: { message: 'Unexpected token', line: 2, column: 11 } });
    expect(doc.files[0].error.message).not.toMatch(/\(\d+:\d+\)$/);
    expect(doc.files[1]).toMatchObject({ path: 'b.ts', status: 'changed' });
    expect(r.stderr).toMatch(/^a\.ts:2:11 {2}parse error: Unexpected token$/m);
  });

  it('reports a crashing transform as an internal error on that file, goes on with the others, exit 2', async () => {
    const dir = makeProject({ 'a.ts': "import 'pg'; new Pool();\n", 'b.ts': "import 'pg'; new Pool(); // fine\n" });
    const boom = fake('boom', (source) => {
      if (!source.includes('fine')) throw new TypeError('x is undefined');
      return { source: `${source}// ok\n`, findings: [] };
    });
    const r = await run(dir, ['--json'], [boom]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^a\.ts {2}error: internal error in transform boom: x is undefined \(please report it; --debug prints the stack\)$/m);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(JSON.parse(r.stdout).files[1]).toMatchObject({ path: 'b.ts', status: 'changed' });
    // --debug prints the stack under the line.
    const debug = await run(dir, ['--debug'], [boom]);
    expect(debug.stderr).toMatch(/^a\.ts {2}error: internal error in transform boom[^\n]*\n {4}TypeError: x is undefined\n {8}at /m);
  });

  it('prints a line per fix saying what was wrong, and the reported findings under a heading of their own', async () => {
    const dir = makeProject({ 'src/a.ts': "import 'pg'; new Pool();\n" });
    const t = fake('finds', (source) => ({
      source: null,
      findings: [
        { transform: 'finds', line: 7, column: 3, library: 'pg', resource: 'client', outcome: 'reported', style: null, reasonId: 'r', reason: 'escapes' },
        { transform: 'finds', line: 9, column: 1, library: 'pg', resource: 'c2', outcome: 'fixed', style: 'using', reasonId: 'f', reason: 'fixed it', problem: 'it leaked' },
      ],
    }));
    const text = await run(dir, [], [t]);
    expect(text.stdout).toBe('Leaks fixed (1):\n  src/a.ts:9:1  pg  it leaked → `using`\n\nNeeds a look by hand (1): left as written, with why\n  src/a.ts:7:3  pg  escapes\n');
    const check = await run(dir, ['--check'], [t]);
    expect(check.code).toBe(1);
    const json = JSON.parse((await run(dir, ['--json'], [t])).stdout);
    expect(json.files[0].findings.map((f: { outcome: string }) => f.outcome)).toEqual(['reported', 'fixed']);
  });

  it('lists injected transforms with --list-transforms', async () => {
    const dir = makeProject({});
    const r = await run(dir, ['--list-transforms'], [appender('one'), appender('three')]);
    expect(r.stdout).toBe('one    fake one\nthree  fake three\n');
  });

  it('colours the diff on a terminal unless NO_COLOR is set', async () => {
    const dir = makeProject({ 'a.ts': "import 'pg'; new Pool();\n" });
    expect((await run(dir, [], [appender('x')], true)).stdout).toContain('\u001b[32m+// x\u001b[0m');
    expect((await run(dir, [], [appender('x')], true, { NO_COLOR: '1' })).stdout).not.toContain('\u001b[');
    expect((await run(dir, [], [appender('x')], false)).stdout).not.toContain('\u001b[');
  });

  it('draws a progress bar on a terminal for runs over 200 files, and clears it', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 210; i++) files[`f${i}.ts`] = "import 'pg'; new Pool();\n";
    const dir = makeProject(files);
    const noop = fake('noop', () => ({ source: null, findings: [] }));
    const tty = await run(dir, [], [noop], true);
    expect(tty.stderr).toContain('210/210 files');
    expect(tty.stderr).toMatch(/\r\u001b\[K(\u001b\[2m)?leakproof:?(\u001b\[0m)? 210 files found/);
    expect((await run(dir, [], [noop], false)).stderr).not.toContain('210/210');
    const small = makeProject({ 'a.ts': "import 'pg'; new Pool();\n" });
    expect((await run(small, [], [noop], true)).stderr).not.toContain('1/1 files');
  });
});
