// leakproof doctor's facts: two differently configured fixture packages, the cases of the `using` rule
// (the same decision a run makes), and what the doctor no longer prints.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { clearConfigCache } from '../../src/config/load';
import { FALLBACK_STYLE, gatherFacts, packageFacts, type PackageFacts } from '../../src/doctor/facts';
import { renderDoctorText } from '../../src/doctor/print';
import { lifecycles } from '../../transforms/lifecycles';
import { clearPackageCaches, usingSupport } from '../../src/js/project/packageInfo';

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

  it('TypeScript, tsconfig and the Node evidence', () => {
    const p = facts();
    expect(p.name).toBe('custom-resource');
    expect(p.path).toBe('__testfixtures__/projects/custom-resource');
    expect(p.typescript).toEqual({ version: '5.9.3', source: 'installed', declared: '^5.9.0' });
    expect(p.tsconfig).toEqual({
      file: 'tsconfig.json',
      target: 'ES2022',
      lib: ['ES2023', 'esnext.disposable'],
      types: ['node'],
      unresolved: [],
      disposableTypes: { ok: true, by: 'lib esnext.disposable' },
    });
    expect(p.node).toMatchObject({ engines: '>=20.19', minimum: '20.19.0' });
    // Its own engines, then this repository's (the workspace above it), then the installed @types/node.
    expect(p.node.evidence.map((e) => e.said)).toEqual(['engines.node ">=20.19" (package.json)', 'engines.node ">=20.19" (../../../package.json)', '@types/node 20.19.43']);
    expect(p.node.runsUsingAsWritten).toEqual({ ok: false, by: 'engines.node ">=20.19" (package.json): admits Node 20.19.0' });
    expect(p.node.hasDisposeSymbols).toEqual({ ok: true, by: 'engines.node ">=20.19" (package.json): from Node 20.19.0' });
  });

  it('installed library versions and native disposal per resource', () => {
    const p = facts();
    expect(lib(p, 'mysql2')).toMatchObject({ package: 'mysql2', version: '3.24.6', source: 'installed', declared: '^3.24.0' });
    expect(native(p, 'mysql2')).toEqual({ PoolConnection: true, Connection: true, CallbackPoolConnection: false });
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

  it('auto uses `using` for .ts (compiled down, Node 20.19 has the symbols); for .js it would need Node 24', () => {
    const p = facts();
    expect(p.styles.ts).toMatchObject({ auto: 'using', reason: null, change: null });
    expect(p.styles.ts.via).toMatch(/^tsc \(tsconfig\.json\).* compile `using` down; Node 20\.19\.0\+ \(engines\.node\) has Symbol\.asyncDispose$/);
    expect(p.styles.ts.compilers[0]).toMatchObject({ name: 'tsc (tsconfig.json)', lowering: 'lowers', detail: 'tsconfig.json targets ES2022' });
    expect(p.styles.js).toMatchObject({ auto: FALLBACK_STYLE, change: 'require Node >= 24 in engines.node of package.json (now ">=20.19")' });
    expect(p.subfolders).toEqual([]);
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
    // It has no tsconfig.json; a .ts file here would be compiled by the fixtures' one two folders up.
    expect(p.tsconfig?.file).toBe('../../tsconfig.json');
    expect(p.node).toMatchObject({ engines: '>=18', minimum: '18.0.0' });
    expect(p.styles.js).toEqual({
      auto: FALLBACK_STYLE,
      via: null,
      reason: 'Node runs the JavaScript as written (no Babel config compiles it); engines.node ">=18" (package.json) admits Node 18.0.0, which cannot parse `using` (Node parses it from 24)',
      change: 'require Node >= 24 in engines.node of package.json (now ">=18")',
      compilers: [
        expect.objectContaining({ name: 'Node', lowering: 'keeps' }),
        expect.objectContaining({ name: 'vitest', lowering: 'unknown' }),
      ],
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

// The cases of the rule, each a package written here: what doctor prints is what a run decides for a
// file of the package (usingSupport), from the same facts.
describe('doctor shows the decision a run makes', () => {
  const ESNEXT = { compilerOptions: { target: 'ESNext', module: 'NodeNext' } };
  const ES2022 = { compilerOptions: { target: 'ES2022', lib: ['ES2022', 'esnext.disposable'] } };
  const TS59 = { typescript: '^5.9.0' };
  const cases: { name: string; files: Record<string, unknown>; ext: '.ts' | '.js'; auto: 'using' | typeof FALLBACK_STYLE; text: string[] }[] = [
    {
      name: 'esnext + engines >=20',
      files: { 'package.json': { name: 'a', devDependencies: TS59, engines: { node: '>=20' } }, 'tsconfig.json': ESNEXT },
      ext: '.ts',
      auto: FALLBACK_STYLE,
      text: [
        '    .ts files  with-session (library callback) or try-finally: tsc (tsconfig.json) leaves `using` as written (tsconfig.json targets ESNext); engines.node ">=20" (package.json) admits Node 20.0.0, which cannot parse `using` (Node parses it from 24)',
        '               to enable `await using`: require Node >= 24 in engines.node of package.json (now ">=20")',
        '               compiled by: tsc (tsconfig.json) leaves `using` as written (tsconfig.json targets ESNext)',
        '                runs `using` as written (Node >= 24): no (engines.node ">=20" (package.json): admits Node 20.0.0)',
      ],
    },
    {
      name: 'es2022 + TypeScript 5.9 + esnext.disposable, Node >= 20.19',
      files: { 'package.json': { name: 'b', devDependencies: TS59, engines: { node: '>=20.19' } }, 'tsconfig.json': ES2022 },
      ext: '.ts',
      auto: 'using',
      text: [
        '  tsconfig      tsconfig.json: target ES2022, lib ES2022, esnext.disposable; `using` types: yes (lib esnext.disposable)',
        '    .ts files  using: tsc (tsconfig.json) compiles `using` down; Node 20.19.0+ (engines.node) has Symbol.asyncDispose',
      ],
    },
    {
      name: 'engines >=24 + esnext',
      files: { 'package.json': { name: 'c', devDependencies: TS59, engines: { node: '>=24' } }, 'tsconfig.json': ESNEXT },
      ext: '.ts',
      auto: 'using',
      text: ['    .ts files  using: Node 24.0.0+ runs `using` as written (engines.node ">=24" (package.json))', '                runs `using` as written (Node >= 24): yes (engines.node ">=24" (package.json): from Node 24.0.0)'],
    },
    {
      name: 'a JavaScript package without proof',
      files: { 'package.json': { name: 'd' } },
      ext: '.js',
      auto: FALLBACK_STYLE,
      text: [
        "  Node          nothing says which version (no engines.node, .nvmrc, .node-version, Dockerfile FROM node or @types/node in the package's folder or above it)",
        '                runs `using` as written (Node >= 24): unknown (nothing says)',
        '               to enable `await using`: require Node >= 24 in engines.node',
      ],
    },
    {
      name: 'conflicting evidence (engines >=24, .nvmrc 22, Dockerfile node:24)',
      files: { 'package.json': { name: 'e', engines: { node: '>=24' } }, '.nvmrc': '22\n', Dockerfile: 'FROM node:24-alpine\n' },
      ext: '.js',
      auto: FALLBACK_STYLE,
      text: [
        '  Node          engines.node ">=24" (package.json): from 24.0.0',
        '                .nvmrc "22": from 22.0.0',
        '                Dockerfile FROM node:24-alpine: from 24.0.0',
        '               to enable `await using`: set .nvmrc to Node >= 24 (now "22")',
      ],
    },
    {
      name: 'a Babel project with preset-env 7.28',
      files: { 'package.json': { name: 'f', engines: { node: '>=20.19' }, devDependencies: { '@babel/core': '^7.28.0', '@babel/preset-env': '^7.28.0' } }, 'babel.config.json': { presets: ['@babel/preset-env'] } },
      ext: '.js',
      auto: 'using',
      text: ['    .js files  using: Babel compiles `using` down; Node 20.19.0+ (engines.node) has Symbol.asyncDispose'],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const root = tempPackage(c.files);
      const p = packageFacts(root, os.tmpdir());
      const style = c.ext === '.ts' ? p.styles.ts : p.styles.js;
      expect(style.auto).toBe(c.auto);
      // The same function decides for a file there.
      const support = usingSupport(path.join(root, 'src', `x${c.ext}`));
      expect(support.ok).toBe(c.auto === 'using');
      expect(support.ok ? support.via : support.reason).toBe(support.ok ? style.via : style.reason);
      const text = renderDoctorText({ version: 1, packages: [p] }).split('\n');
      for (const line of c.text) expect(text).toContain(line);
      expect(text.join('\n')).not.toMatch(/\bnull\b/);
    });
  }
});

describe('what doctor no longer prints', () => {
  it('no `null` version for the runtime when nothing says which Node runs the package', () => {
    const p = packageFacts(tempPackage({ 'package.json': { name: 'g', dependencies: { pg: '^8.11.0' } } }), os.tmpdir());
    expect(lib(p, 'fs/promises')).toMatchObject({ version: null, source: 'engines' });
    const text = renderDoctorText({ version: 1, packages: [p] });
    expect(text).toContain('    fs/promises  Node version unknown (no engines.node)');
    expect(text).not.toMatch(/\bnull\b/);
  });

  it('no disposable-types verdict for a TypeScript that predates `using`', () => {
    const root = tempPackage({ 'package.json': { name: 'h', devDependencies: { typescript: '~4.4.4' } }, 'tsconfig.json': { compilerOptions: { lib: ['esnext'] } } });
    const p = packageFacts(root, os.tmpdir());
    expect(p.tsconfig?.disposableTypes).toBeNull();
    expect(renderDoctorText({ version: 1, packages: [p] })).toContain('  tsconfig      tsconfig.json: target (default), lib esnext; `using` types: n/a (TypeScript 4.4.4 predates `using`)');
    expect(p.styles.ts.change).toBe('upgrade typescript to >= 5.2 (declared: 4.4.4)');
  });

  it('no Babel advice to a TypeScript project that Babel does not compile', () => {
    const root = tempPackage({
      'package.json': { name: 'i', devDependencies: { typescript: '^5.9.0', '@babel/core': '^7.28.0' }, engines: { node: '>=20' } },
      'tsconfig.json': { compilerOptions: { target: 'ESNext' } },
    });
    const p = packageFacts(root, os.tmpdir());
    expect(p.styles.ts.change).toBe('require Node >= 24 in engines.node of package.json (now ">=20")');
    expect(renderDoctorText({ version: 1, packages: [p] })).not.toContain('@babel/plugin-transform-explicit-resource-management');
  });

  it("a sub-folder's tsconfig is not the package's; where it decides otherwise, it gets its own line", () => {
    const root = tempPackage({
      'package.json': { name: 'j', devDependencies: { typescript: '^5.9.0' }, engines: { node: '>=20.19' } },
      'tsconfig.json': { compilerOptions: { target: 'ES2022', lib: ['ES2022', 'esnext.disposable'] } },
      'scripts/tsconfig.json': { compilerOptions: { target: 'ESNext' } },
      'test/tsconfig.json': { extends: '../tsconfig.json' },
    });
    const p = packageFacts(root, os.tmpdir());
    expect(p.tsconfig?.file).toBe('tsconfig.json');
    expect(p.styles.ts.auto).toBe('using');
    // test/ agrees with the root and is not listed; scripts/ keeps `using` for Node 20.
    expect(p.subfolders.map((s) => [s.tsconfig, s.ts.auto])).toEqual([['scripts/tsconfig.json', FALLBACK_STYLE]]);
    expect(usingSupport(path.join(root, 'scripts/seed.ts')).ok).toBe(false);
    expect(renderDoctorText({ version: 1, packages: [p] })).toContain(
      '    .ts files under scripts/tsconfig.json  with-session (library callback) or try-finally: tsc (scripts/tsconfig.json) leaves `using` as written (scripts/tsconfig.json targets ESNext)',
    );
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
