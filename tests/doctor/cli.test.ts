// `leakproof doctor` through the built bin: text, --json, and its usage errors.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { REPO, runCli } from '../cli/helpers';

const PROJECTS = '__testfixtures__/projects';

describe('leakproof doctor', () => {
  it('parses as its own command', () => {
    expect(parseArgs(['doctor'], '9.9.9', 4)).toEqual({ kind: 'doctor', path: '.', json: false });
    expect(parseArgs(['doctor', 'packages/api', '--json'], '9.9.9', 4)).toEqual({ kind: 'doctor', path: 'packages/api', json: true });
    // Paths named like the command still reach the run after `--` or as `./doctor`.
    expect(parseArgs(['./doctor'], '9.9.9', 4)).toMatchObject({ kind: 'run', options: { paths: ['./doctor'] } });
  });

  it('--json: the same facts, one entry per package root under the path', () => {
    const r = runCli(['doctor', '--json', PROJECTS], REPO);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc.version).toBe(1);
    const byName = Object.fromEntries(doc.packages.map((p: { name: string }) => [p.name, p]));
    expect(Object.keys(byName)).toEqual(expect.arrayContaining(['custom-resource', 'js-legacy', 'typed-service']));
    expect(byName['custom-resource']).toMatchObject({
      path: `${PROJECTS}/custom-resource`,
      typescript: { version: '5.9.3', source: 'installed' },
      tsconfig: { file: 'tsconfig.json', disposableTypes: { ok: true } },
      node: { hasDisposeSymbols: { ok: true }, runsUsingAsWritten: { ok: false } },
      styles: { ts: { auto: 'using', change: null, compilers: expect.arrayContaining([expect.objectContaining({ name: 'tsc (tsconfig.json)', lowering: 'lowers' })]) } },
    });
    expect(byName['js-legacy'].styles.js).toMatchObject({
      auto: 'with-session (library callback) or try-finally',
      change: 'require Node >= 24 in engines.node of package.json (now ">=18")',
    });
  });

  it('text: TypeScript, tsconfig, the Node evidence, libraries with native disposal per resource, styles, compilers and the change', () => {
    const r = runCli(['doctor', path.join(PROJECTS, 'js-legacy')], REPO);
    expect(r.code).toBe(0);
    const text = r.stdout;
    expect(text).toMatch(/^js-legacy {2}__testfixtures__\/projects\/js-legacy$/m);
    expect(text).toContain('  tsconfig      ../../tsconfig.json: target ES2022, lib ES2023, esnext.disposable; `using` types: yes (lib esnext.disposable)');
    expect(text).toContain('  Node          engines.node ">=18" (package.json): from 18.0.0');
    expect(text).toContain('                has Symbol.asyncDispose (Node >= 20.4): no (engines.node ">=18" (package.json): admits Node 18.0.0)');
    expect(text).toContain('    mysql2  3.24.6 (installed; declared ^3.9.0)');
    expect(text).toMatch(/ {6}PoolConnection +Symbol\.asyncDispose since 3\.18\.0: yes, disposes natively/);
    expect(text).toMatch(/ {6}PoolClient {2}no native disposer in any version/);
    expect(text).toMatch(/ {6}FileHandle {2}Symbol\.asyncDispose since Node 20\.4\.0: no \(adapter\)/);
    expect(text).toContain(
      '    .js files  with-session (library callback) or try-finally: Node runs the JavaScript as written (no Babel config compiles it); engines.node ">=18" (package.json) admits Node 18.0.0, which cannot parse `using` (Node parses it from 24)',
    );
    expect(text).toContain('               to enable `await using`: require Node >= 24 in engines.node of package.json (now ">=18")');
    expect(text).toContain('               compiled by: Node runs the JavaScript as written (no Babel config compiles it)');
  });

  it('defaults to the current directory; from inside a package, reports that package', () => {
    const r = runCli(['doctor', '--json'], path.join(REPO, PROJECTS, 'custom-resource', 'src'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).packages.map((p: { name: string; path: string }) => [p.name, p.path])).toEqual([['custom-resource', '..']]);
  });

  it('usage errors exit 2', () => {
    const missing = runCli(['doctor', 'no-such-dir'], REPO);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('leakproof: doctor: no-such-dir: no such file or directory\n');
    const flag = runCli(['doctor', '--write'], REPO);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('leakproof: doctor takes a path and --json, not --write');
  });

  it('--help names the command', () => {
    expect(runCli(['--help'], REPO).stdout).toContain('leakproof doctor [path]');
    const help = runCli(['doctor', '--help'], REPO);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--json');
    expect(help.stdout).not.toContain('--write');
  });
});
