// remove-redundant-close through the CLI and plain jscodeshift, on copies of its fixture projects: the plan
// made in the runner's main thread (also with worker threads), one diff per affected file in a dry run,
// files outside the run keeping their methods, and jscodeshift agreeing byte for byte when run in band.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, copyProject, read, REPO, runCli } from '../cli/helpers';
import { FIXTURE_ROOT, loadProjects } from '../fixtures/runner';

const CLOSE_FIXTURES = path.join(FIXTURE_ROOT, 'remove-redundant-close');
const loadCloseCases = () => loadProjects('remove-redundant-close');

afterAll(cleanup);

const FIXTURE_OPTIONS = JSON.parse(
  fs
    .readFileSync(path.join(REPO, '__testfixtures__/tsconfig.json'), 'utf8')
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n'),
).compilerOptions;

/** A copy of a case's input project that stands on its own: its own tsconfig, the repo's installed packages. */
function project(name: string): string {
  const dir = copyProject(path.join(CLOSE_FIXTURES, name, 'input'));
  // Without noEmit: tsc builds the copy, which is what lets `auto` choose `using` there (compiled down).
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...FIXTURE_OPTIONS, noEmit: undefined }, include: ['src/**/*.ts'] }, null, 2));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function expectOutputs(name: string, dir: string): void {
  const c = loadCloseCases().find((x) => x.name === name)!;
  for (const f of c.files) expect(read(dir, f.rel), `${name}/${f.rel}`).toBe(f.output);
}

/** A run's JSON report, its elapsed time left out (the one thing two runs of the same files differ in). */
function reportOf(run: { stdout: string }) {
  const doc = JSON.parse(run.stdout);
  doc.totals.elapsedMs = 0;
  return doc;
}

const changedFiles = (name: string) =>
  loadCloseCases()
    .find((x) => x.name === name)!
    .files.filter((f) => f.input !== f.output)
    .map((f) => f.rel);

describe('remove-redundant-close in the CLI', () => {
  it('dry run: one diff per affected file, nothing written', () => {
    const dir = project('redundant-close');
    const before = read(dir, 'src/user-store.ts');
    const run = runCli(['-t', 'remove-redundant-close', '--no-color'], dir);
    // Changes not written are something to look at: exit 1.
    expect(run.code, run.stderr).toBe(1);
    const diffs = [...run.stdout.matchAll(/^--- a\/(.*)$/gm)].map((m) => m[1]);
    expect(diffs).toEqual(changedFiles('redundant-close'));
    expect(read(dir, 'src/user-store.ts')).toBe(before);
  });

  it('--write gives the fixture outputs, and a second run changes nothing', () => {
    const dir = project('redundant-close');
    const run = runCli(['-t', 'remove-redundant-close', '--write', '--force'], dir);
    expect(run.code, run.stderr).toBe(0);
    expectOutputs('redundant-close', dir);
    const again = runCli(['-t', 'remove-redundant-close', '--json'], dir);
    expect(JSON.parse(again.stdout).totals).toMatchObject({ changed: 0, fixed: 0, errors: 0 });
  });

  it('by default, after lifecycles and pool-lifecycle, the class and its callers change together', () => {
    const dir = project('disposable-class');
    const run = runCli(['--write', '--force', '--json', '--modernize'], dir);
    // Everything written, nothing left to look at.
    expect(run.code, run.stderr).toBe(0);
    expectOutputs('disposable-class', dir);
    const report = JSON.parse(run.stdout);
    const byPath = Object.fromEntries(report.files.map((f: { path: string; status: string }) => [f.path, f.status]));
    // report.ts names no library: the prefilter drops it, the plan brings it back.
    expect(byPath['src/report.ts']).toBe('changed');
    expect(byPath['src/server.ts']).toBe('unchanged');
  });

  it('keeps a method whose call sits in a file outside the run, and says where', () => {
    const dir = project('redundant-close');
    const run = runCli(['-t', 'remove-redundant-close', '--json', 'src/user-store.ts', 'src/report.ts'], dir);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.totals).toMatchObject({ changed: 0, fixed: 0 });
    const store = report.files.find((f: { path: string }) => f.path === 'src/user-store.ts');
    expect(store.findings.map((f: { reasonId: string }) => f.reasonId)).toEqual(['referenced-outside-run']);
    expect(store.findings[0].reason).toMatch(/^UserStore\.close\(\) is called from src\/jobs\.ts:\d+, which this run does not rewrite, so it is kept$/);
  });

  it('hands the plan to worker threads', () => {
    const dir = project('disposable-class');
    for (let i = 0; i < 60; i++) fs.writeFileSync(path.join(dir, `src/pool${i}.ts`), `import { Pool } from 'pg';\nexport const pool${i} = new Pool();\n`);
    const run = runCli(['-t', 'remove-redundant-close', '--write', '--force', '--cpus', '4', '--modernize'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/on [2-4] worker threads/);
    expectOutputs('disposable-class', dir);
  });

  it('with every transform on worker threads, plans beside lifecycles and pool-lifecycle and gives the one-thread report', () => {
    for (const name of ['disposable-class', 'redundant-close']) {
      const dir = project(name);
      for (let i = 0; i < 60; i++) fs.writeFileSync(path.join(dir, `src/pool${i}.ts`), `import { Pool } from 'pg';\nexport const pool${i} = new Pool();\n`);
      const pooled = runCli(['--json', '--modernize', '--cpus', '4'], dir, { LEAKPROOF_TIMINGS: '1' });
      const single = runCli(['--json', '--modernize', '--cpus', '1'], dir, { LEAKPROOF_TIMINGS: '1' });
      expect(pooled.stderr).toMatch(/on [2-4] worker threads/);
      expect(pooled.stderr).toContain('pass closePlan (javascript, beside the transforms)');
      expect(single.stderr).toMatch(/ s {2}pass closePlan \(javascript\)\n/);
      const doc = reportOf(pooled);
      expect(doc).toEqual(reportOf(single));
      expect(doc.totals.changed).toBeGreaterThan(0);
      // The files the plan brings back are there (the prefilter drops report.ts: it names no library).
      if (name === 'disposable-class') expect(doc.files.find((f: { path: string }) => f.path === 'src/report.ts').status).toBe('changed');
      if (name !== 'disposable-class') continue;
      // (Its fixture outputs are those of every transform with --modernize, as in the test above.)
      const written = runCli(['--write', '--force', '--modernize', '--cpus', '4'], dir);
      expect(written.code, written.stderr).toBe(0);
      expectOutputs(name, dir);
    }
  });

  it('without a pool, while the index runs here, plans beside lifecycles and pool-lifecycle and gives the one-thread report', () => {
    for (const name of ['disposable-class', 'redundant-close']) {
      const dir = project(name);
      const beside = runCli(['--json', '--modernize', '--cpus', '2'], dir, { LEAKPROOF_TIMINGS: '1' });
      const single = runCli(['--json', '--modernize', '--cpus', '1'], dir, { LEAKPROOF_TIMINGS: '1' });
      // Too few files for a pool: the transforms run in the main thread, the plan in a thread of its own.
      expect(beside.stderr).not.toMatch(/worker thread/);
      expect(beside.stderr).toContain('pass closePlan (javascript, beside the transforms)');
      expect(single.stderr).toMatch(/ s {2}pass closePlan \(javascript\)\n/);
      const doc = reportOf(beside);
      expect(doc).toEqual(reportOf(single));
      expect(doc.totals.changed).toBeGreaterThan(0);
      if (name === 'disposable-class') expect(doc.files.find((f: { path: string }) => f.path === 'src/report.ts').status).toBe('changed');
      // Without the index nothing keeps the main thread busy: the plan runs there, before the transforms.
      const plain = runCli(['--json', '--modernize', '--cpus', '2', '--no-index'], dir, { LEAKPROOF_TIMINGS: '1' });
      expect(plain.stderr).toMatch(/ s {2}pass closePlan \(javascript\)\n/);
    }
  });

  it('where no file declares a class with a close-like method, plans in order here, not in a thread of its own', () => {
    const dir = project('redundant-close');
    // The store's close() goes: no class of the project has a close-like method or a disposer left.
    fs.writeFileSync(path.join(dir, 'src/user-store.ts'), "import { Pool } from 'pg';\n\nexport class UserStore {\n  pool = new Pool();\n}\n");
    for (const f of fs.readdirSync(path.join(dir, 'src'))) {
      const file = path.join(dir, 'src', f);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^.*\.close\(\);?\n/gm, ''));
    }
    const here = runCli(['--json', '--cpus', '2'], dir, { LEAKPROOF_TIMINGS: '1' });
    const single = runCli(['--json', '--cpus', '1'], dir);
    expect(here.stderr).not.toContain('beside the transforms');
    expect(here.stderr).toMatch(/ s {2}pass index \(javascript\)\n[^]* s {2}pass closePlan \(javascript\)\n/);
    expect(reportOf(here)).toEqual(reportOf(single));
    // A close-like method anywhere in the run sends the plan back to its thread.
    fs.writeFileSync(path.join(dir, 'src/user-store.ts'), "import { Pool } from 'pg';\n\nexport class UserStore {\n  pool = new Pool();\n  async close(): Promise<void> {\n    await this.pool.end();\n  }\n}\n");
    const beside = runCli(['--json', '--cpus', '2'], dir, { LEAKPROOF_TIMINGS: '1' });
    expect(beside.stderr).toContain('pass closePlan (javascript, beside the transforms)');
    expect(reportOf(beside)).toEqual(reportOf(runCli(['--json', '--cpus', '1'], dir)));
  });

  it('with no file the prefilter keeps, still transforms the files the plan beside brings back', () => {
    const dir = copyProject(path.join(CLOSE_FIXTURES, 'redundant-close', 'input'));
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', module: 'commonjs' }, include: ['src/**/*.ts'] }));
    fs.writeFileSync(path.join(dir, 'src/store.ts'), 'export class Store {\n  private cache?: Map<string, string>;\n  close(): void {\n    this.cache = undefined;\n  }\n}\n');
    fs.writeFileSync(path.join(dir, 'src/main.ts'), "import { Store } from './store';\n\nconst s = new Store();\ns.close();\n");
    const beside = runCli(['--json', '--cpus', '2', 'src/store.ts', 'src/main.ts'], dir, { LEAKPROOF_TIMINGS: '1' });
    const single = runCli(['--json', '--cpus', '1', 'src/store.ts', 'src/main.ts'], dir);
    expect(beside.stderr).toContain('pass closePlan (javascript, beside the transforms)');
    const doc = reportOf(beside);
    expect(doc).toEqual(reportOf(single));
    expect(doc.files.map((f: { path: string; status: string }) => `${f.path} ${f.status}`)).toEqual(['src/main.ts changed', 'src/store.ts changed']);
  });
});

function jscodeshift(dir: string, ...options: string[]) {
  return spawnSync(
    process.execPath,
    [path.join(REPO, 'node_modules/jscodeshift/bin/jscodeshift.js'), '-t', path.join(REPO, 'dist/transforms/remove-redundant-close.js'), '--extensions=ts', '--parser=ts', ...options, path.join(dir, 'src')],
    // From the repository, as the other jscodeshift test: jscodeshift's babel hook then leaves node_modules alone.
    { cwd: REPO, encoding: 'utf8' },
  );
}

describe('remove-redundant-close as a plain jscodeshift module', () => {
  it('with --no-babel --run-in-band gives the same bytes as leakproof', () => {
    const viaJscodeshift = project('redundant-close');
    const viaLeakproof = project('redundant-close');
    const jscs = jscodeshift(viaJscodeshift, '--no-babel', '--run-in-band');
    expect(jscs.status, jscs.stderr + jscs.stdout).toBe(0);
    const lp = runCli(['-t', 'remove-redundant-close', '--write', '--force'], viaLeakproof);
    expect(lp.code, lp.stderr).toBe(0);
    for (const rel of changedFiles('redundant-close')) expect(read(viaJscodeshift, rel), rel).toBe(read(viaLeakproof, rel));
    expectOutputs('redundant-close', viaJscodeshift);
  });

  for (const [when, flags, why] of [
    ['with several writing processes', ['--no-babel', '--cpus=2'], 'several processes that write files as they go'],
    ["with jscodeshift's babel hook", ['--run-in-band'], 'babel hook'],
  ] as const) {
    it(`${when}, edits nothing across files and says how to run it`, () => {
      const dir = project('redundant-close');
      const jscs = jscodeshift(dir, ...flags);
      expect(jscs.status, jscs.stderr + jscs.stdout).toBe(0);
      for (const f of loadCloseCases().find((x) => x.name === 'redundant-close')!.files) expect(read(dir, f.rel)).toBe(f.input);
      expect(jscs.stdout).toContain(why);
      expect(jscs.stdout).toContain('run jscodeshift with --no-babel --run-in-band');
    });
  }
});
