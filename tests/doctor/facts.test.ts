// leakproof doctor's facts: two differently configured fixture packages, and the one change suggested for
// each way `await using` can be out of reach.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { clearConfigCache } from '../../src/config/load';
import { FALLBACK_STYLE, gatherFacts, packageFacts, type PackageFacts } from '../../src/doctor/facts';
import { renderDoctorText } from '../../src/doctor/print';
import { lifecycles } from '../../transforms/lifecycles';
import { clearPackageCaches } from '../../src/project/packageInfo';

const REPO = path.resolve(__dirname, '../..');
const PROJECTS = path.join(REPO, '__testfixtures__/projects');

afterEach(() => {
  clearPackageCaches();
  clearConfigCache();
});

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** A package outside the repository (nothing installed: versions come from the declared ranges). */
function tempPackage(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-doctor-'));
  made.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

const lib = (p: PackageFacts, name: string) => p.libraries.find((l) => l.library === name);
const native = (p: PackageFacts, name: string) => Object.fromEntries(lib(p, name)!.resources.map((r) => [r.kind, r.native]));

describe('a TypeScript 5.9 package with esnext.disposable (custom-resource)', () => {
  const facts = () => packageFacts(path.join(PROJECTS, 'custom-resource'), REPO);

  it('TypeScript, tsconfig, engines, Babel', () => {
    const p = facts();
    expect(p.name).toBe('custom-resource');
    expect(p.path).toBe('__testfixtures__/projects/custom-resource');
    expect(p.typescript).toEqual({ version: '5.9.3', source: 'installed', declared: '^5.9.0' });
    expect(p.tsconfig).toEqual({ file: 'tsconfig.json', target: 'ES2022', lib: ['ES2023', 'esnext.disposable'], disposableLib: true });
    expect(p.node).toEqual({ engines: '>=20.19', minimum: '20.19.0' });
    expect(p.babel).toMatchObject({ plugin: false, explicitResourceManagement: false, uses: false });
  });

  it('installed library versions and native disposal per resource', () => {
    const p = facts();
    expect(lib(p, 'mysql2')).toMatchObject({ package: 'mysql2', version: '3.24.6', source: 'installed', declared: '^3.24.0' });
    expect(native(p, 'mysql2')).toEqual({ PoolConnection: true, Connection: true });
    expect(lib(p, 'mysql2')!.resources[0]).toMatchObject({ since: '3.18.0', decidedBy: 'mysql2', dispose: 'async' });
    expect(lib(p, 'pg')).toMatchObject({ version: '8.23.1', source: 'installed' });
    expect(native(p, 'pg')).toEqual({ PoolClient: false, Client: false });
    expect(lib(p, 'pg')!.resources[0].since).toBeNull();
    // The runtime is a library too: its version is the engines lower bound.
    expect(lib(p, 'fs/promises')).toMatchObject({ package: 'node', version: '20.19.0', source: 'engines' });
    expect(native(p, 'fs/promises')).toEqual({ FileHandle: true });
    // Libraries known for a callback the with-session style maps manual handles onto say which.
    expect(lib(p, 'knex')?.callbacks).toEqual(['Knex.transaction(cb) for a manual transaction']);
    expect(lib(p, 'pg')?.callbacks).toEqual([]);
  });

  it('auto uses `using` for .ts; for .js it would need Node 24', () => {
    const p = facts();
    expect(p.styles.ts).toEqual({ auto: 'using', via: 'TypeScript 5.9.3', reason: null, change: null });
    expect(p.styles.js).toMatchObject({ auto: FALLBACK_STYLE, change: 'require Node >= 24 in engines (engines.node is ">=20.19")' });
  });

  it('its configuration', () => {
    expect(facts().config).toEqual({
      file: 'leakproof.config.json',
      error: null,
      resources: [
        { library: 'acme-db', module: './src/db', acquire: 'getConn', release: 'free', async: true },
        { library: 'acme-db', module: './src/db', acquire: 'pool.checkout', release: 'checkin', async: false },
      ],
      ignore: ['scripts/**'],
      style: null,
    });
  });
});

describe('a plain JavaScript package on Node >=18 without Babel (js-legacy)', () => {
  const root = path.join(PROJECTS, 'js-legacy');

  it('auto for .js is a callback or try/finally, and the change that would enable `await using`', () => {
    const p = packageFacts(root, REPO);
    expect(p.tsconfig).toBeNull();
    expect(p.node).toEqual({ engines: '>=18', minimum: '18.0.0' });
    expect(p.babel).toMatchObject({ plugin: false, explicitResourceManagement: false, uses: false });
    expect(p.styles.js).toEqual({
      auto: FALLBACK_STYLE,
      via: null,
      reason: 'plain JavaScript run by Node >=18, which may be older than 24, with no Babel explicit-resource-management plugin',
      change: 'require Node >= 24 in engines (engines.node is ">=18")',
    });
    // Node 18 predates FileHandle's disposer (20.4).
    expect(native(p, 'fs/promises')).toEqual({ FileHandle: false });
    expect(lib(p, 'pg')).toMatchObject({ declared: '^8.11.0', version: '8.23.1' });
    expect(p.config).toBeNull();
  });

  it('agrees with what the transform does there', () => {
    const file = path.join(root, 'src/report.js');
    const out = lifecycles.apply(fs.readFileSync(file, 'utf8'), file, {});
    expect(out.findings).toEqual([expect.objectContaining({ outcome: 'fixed', style: 'try-finally' })]);
  });
});

describe('the one change that would enable `await using`', () => {
  const ts = (files: Record<string, unknown>) => packageFacts(tempPackage(files), os.tmpdir()).styles.ts;
  const js = (files: Record<string, unknown>) => packageFacts(tempPackage(files), os.tmpdir()).styles.js;

  it('TypeScript: install, upgrade, or the disposable lib', () => {
    expect(ts({ 'package.json': { name: 'a' } }).change).toBe('install typescript >= 5.2');
    expect(ts({ 'package.json': { name: 'b', devDependencies: { typescript: '~5.1.6' } } }).change).toBe('upgrade typescript to >= 5.2 (declared: 5.1.6)');
    const noLib = { 'package.json': { name: 'c', devDependencies: { typescript: '^5.9.0' } }, 'tsconfig.json': { compilerOptions: { target: 'ES2022', lib: ['ES2022'] } } };
    expect(ts(noLib)).toMatchObject({ auto: FALLBACK_STYLE, change: 'add "esnext.disposable" to compilerOptions.lib in tsconfig.json' });
    expect(ts({ ...noLib, 'tsconfig.json': { compilerOptions: { lib: ['ES2022', 'ESNext'] } } })).toMatchObject({ auto: 'using', change: null });
    expect(ts({ ...noLib, 'tsconfig.json': { compilerOptions: { target: 'ESNext' } } })).toMatchObject({ auto: 'using', change: null });
  });

  it('JavaScript: Node 24, the Babel plugin, or a newer preset-env', () => {
    expect(js({ 'package.json': { name: 'd', engines: { node: '>=24' } } })).toMatchObject({ auto: 'using', via: 'Node 24.0.0' });
    expect(js({ 'package.json': { name: 'e' } }).change).toBe('require Node >= 24 in engines (engines.node is not set)');
    const babel = { name: 'f', devDependencies: { '@babel/core': '^7.28.0' } };
    expect(js({ 'package.json': babel }).change).toBe('add @babel/plugin-transform-explicit-resource-management');
    expect(js({ 'package.json': { ...babel, devDependencies: { ...babel.devDependencies, '@babel/preset-env': '^7.20.0' } } }).change).toBe(
      'upgrade @babel/preset-env to >= 7.28',
    );
    expect(js({ 'package.json': { ...babel, devDependencies: { '@babel/preset-env': '^7.28.0' } } })).toMatchObject({ auto: 'using', via: '@babel/preset-env 7.28.0' });
    expect(js({ 'package.json': { ...babel, devDependencies: { '@babel/plugin-transform-explicit-resource-management': '^7.28.0' } } })).toMatchObject({ auto: 'using' });
  });
});

describe('gatherFacts', () => {
  it('every package root at or under the path, sorted; node_modules and dot-directories skipped', () => {
    const dir = tempPackage({
      'package.json': { name: 'mono' },
      'packages/api/package.json': { name: 'api' },
      'packages/web/package.json': { name: 'web' },
      'node_modules/dep/package.json': { name: 'dep' },
      '.cache/x/package.json': { name: 'cached' },
    });
    expect(gatherFacts('.', dir).packages.map((p) => [p.name, p.path])).toEqual([
      ['mono', '.'],
      ['api', 'packages/api'],
      ['web', 'packages/web'],
    ]);
    // From inside a package's subdirectory: the package it sits in.
    fs.mkdirSync(path.join(dir, 'packages/api/src'));
    expect(gatherFacts('packages/api/src', dir).packages.map((p) => p.name)).toEqual(['api']);
  });

  it('a bad configuration is a fact, not a crash', () => {
    const dir = tempPackage({ 'package.json': { name: 'bad' }, 'leakproof.config.json': { style: 'usin' } });
    const p = packageFacts(dir, dir);
    expect(p.config).toMatchObject({ file: 'leakproof.config.json', error: 'leakproof.config.json: style: expected one of "auto", "using", "with-session", "try-finally", got "usin"' });
    expect(renderDoctorText({ version: 1, packages: [p] })).toContain('Config        leakproof.config.json: style: expected one of');
  });
});
