// leakproof.config.json through the built CLI: configured pairs fixed, configured ignores honoured, and a
// bad configuration stops the run (exit 2) with its precise message.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, copyProject, makeProject, REPO, runCli, writeTree } from '../cli/helpers';

afterAll(cleanup);

/** The custom-resource fixture in a temp dir, with this repo's installed packages linked in. */
function customResource(): string {
  const dir = copyProject(path.join(REPO, '__testfixtures__/projects/custom-resource'));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

interface JsonFile {
  path: string;
  status: string;
  findings: { resource: string; library: string; outcome: string; style: string | null }[];
}

const files = (stdout: string): JsonFile[] => JSON.parse(stdout).files;

describe('custom resources through the CLI', () => {
  const project = customResource();

  it('fixes the configured pairs (type-aware mode on) and leaves the configured ignores out', () => {
    const r = runCli(['--json', '.'], project);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(1); // a dry run with changes
    const report = files(r.stdout);
    expect(report.map((f) => f.path)).toEqual(['src/db.ts', 'src/orders.ts']);
    const orders = report.find((f) => f.path === 'src/orders.ts')!;
    expect(orders.status).toBe('changed');
    expect(orders.findings).toEqual([
      expect.objectContaining({ resource: 'conn', library: 'acme-db', outcome: 'fixed', style: 'using' }),
      expect.objectContaining({ resource: 'lease', library: 'acme-db', outcome: 'fixed', style: 'using' }),
    ]);
  });

  it('a file that mentions only a configured acquire passes the prefilter', () => {
    const r = runCli(['--json', '--no-types', 'src/orders.ts'], project);
    expect(files(r.stdout)[0]).toMatchObject({ path: 'src/orders.ts', status: 'changed' });
  });

  it('ignore globs are relative to the package root, wherever the CLI runs from', () => {
    // From the root: named explicitly, the file is still left out.
    const named = runCli(['--json', 'scripts/seed.ts'], project);
    expect(files(named.stdout)).toEqual([]);
    expect(named.stderr).toContain('scripts/seed.ts: skipped (matches --ignore)');
    // From inside the ignored directory.
    expect(files(runCli(['--json', '.'], path.join(project, 'scripts')).stdout)).toEqual([]);
    // From the parent directory.
    const parent = path.dirname(project);
    const fromParent = files(runCli(['--json', path.basename(project)], parent).stdout).map((f) => f.path);
    expect(fromParent).toContain(`${path.basename(project)}/src/orders.ts`);
    expect(fromParent.some((p) => p.includes('scripts/'))).toBe(false);
  });

  it('without the configuration the same files have nothing to fix', () => {
    const bare = customResource();
    fs.rmSync(path.join(bare, 'leakproof.config.json'));
    const r = runCli(['--json', '.'], bare);
    expect(r.code).toBe(0);
    expect(files(r.stdout).flatMap((f) => f.findings)).toEqual([]);
    expect(files(r.stdout).map((f) => f.path)).toContain('scripts/seed.ts');
  });
});

describe('a bad configuration: exit 2 and the precise message on stderr', () => {
  const DB = { 'src/db.ts': 'export async function getConn() { return { free: async () => {} }; }\n' };
  const GOOD = { module: './src/db', acquire: 'getConn', release: 'free', async: true };
  const cases: [string, unknown, string][] = [
    ['wrong type', { resources: [{ ...GOOD, release: 42 }] }, 'leakproof.config.json: resources[0].release: expected a non-empty string, got 42'],
    [
      'missing key',
      { resources: [{ module: './src/db', release: 'free' }] },
      'leakproof.config.json: resources[0].acquire: missing; expected a function the module exports ("getConn") or Export.method ("pool.getConn")',
    ],
    [
      'unknown key',
      { resources: [GOOD], ignores: ['scripts/**'] },
      'leakproof.config.json: ignores: unknown key; expected one of resources, ignore, style, helperPath, helperImport (did you mean "ignore"?)',
    ],
    ['bad style', { style: 'finally' }, 'leakproof.config.json: style: expected one of "auto", "using", "with-session", "try-finally", got "finally"'],
  ];
  for (const [name, config, message] of cases) {
    it(name, () => {
      const project = makeProject({ ...DB, 'leakproof.config.json': JSON.stringify(config, null, 2) });
      const r = runCli(['.'], project);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`leakproof: ${message}\n`);
      expect(r.stdout).toBe('');
    });
  }

  it('in package.json, and in a package below the path given (named relative to the current directory)', () => {
    const project = makeProject({ ...DB });
    writeTree(project, {
      'packages/api/package.json': JSON.stringify({ name: 'api', leakproof: { resources: [{ ...GOOD, module: 7 }] } }),
      'packages/api/src/db.ts': DB['src/db.ts'],
    });
    const r = runCli(['--json', '.'], project);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('leakproof: packages/api/package.json: leakproof.resources[0].module: expected a package name ("@acme/db") or a path relative to the config file ("./db"), got 7\n');
    // A package the paths do not reach is not checked.
    expect(runCli(['--json', 'src'], project).code).toBe(0);
  });

  it('the package a named file sits in is checked too', () => {
    const project = makeProject({ ...DB, 'leakproof.config.json': '{ "style": "usin" }' });
    const r = runCli(['src/db.ts'], path.join(project));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('leakproof.config.json: style: expected one of');
  });
});
