// Where `using` may go: only where the code that will run accepts it. Each package is written fresh
// outside the repository (nothing resolves from its node_modules unless the case installs it).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clearPackageCaches, usingSupport } from '../../src/js/project/packageInfo';
import { decideUsing } from '../../src/js/project/usingDecision';

const dirs: string[] = [];
function pkg(files: Record<string, unknown>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-support-'));
  dirs.push(root);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  clearPackageCaches();
  return root;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A package "installed" under node_modules (only its package.json: versions are all that is read). */
const installed = (name: string, version: string) => ({ [`node_modules/${name}/package.json`]: { name, version } });

const TS59 = { typescript: '^5.9.0' };
const ES2022_DISPOSABLE = { compilerOptions: { target: 'ES2022', lib: ['ES2022', 'esnext.disposable'] } };
const ts = (root: string, rel = 'src/a.ts') => usingSupport(path.join(root, rel));
const reason = (r: ReturnType<typeof usingSupport>) => (r.ok ? '' : r.reason);

describe('TypeScript that tsc compiles down', () => {
  it('ES2022 + TypeScript 5.9 + lib esnext.disposable on Node >= 20.19: `using`, compiled down', () => {
    const root = pkg({ 'package.json': { devDependencies: TS59, engines: { node: '>=20.19' } }, 'tsconfig.json': ES2022_DISPOSABLE });
    expect(ts(root)).toEqual({ ok: true, via: 'tsc (tsconfig.json) compiles `using` down; Node 20.19.0+ (engines.node) has Symbol.asyncDispose' });
  });

  it('the same with nothing saying which Node runs it: no (the compiled code needs Symbol.asyncDispose)', () => {
    const root = pkg({ 'package.json': { devDependencies: TS59 }, 'tsconfig.json': ES2022_DISPOSABLE });
    expect(reason(ts(root))).toBe(
      'tsc (tsconfig.json) compiles `using` down, but the compiled code calls Symbol.asyncDispose: nothing says the code runs on a Node with Symbol.asyncDispose (>= 20.4)',
    );
  });

  it('engines.node >=20 admits 20.0–20.3, which lack Symbol.asyncDispose: no', () => {
    const root = pkg({ 'package.json': { devDependencies: TS59, engines: { node: '>=20' } }, 'tsconfig.json': ES2022_DISPOSABLE });
    expect(reason(ts(root))).toMatch(/engines\.node ">=20" \(package\.json\) admits Node 20\.0\.0, which lacks Symbol\.asyncDispose/);
    // The 18.18 backport counts, when the range stays on the 18 line.
    const backport = pkg({ 'package.json': { devDependencies: TS59, engines: { node: '^18.18.0 || >=20.4' } }, 'tsconfig.json': ES2022_DISPOSABLE });
    expect(ts(backport).ok).toBe(true);
    const nineteen = pkg({ 'package.json': { devDependencies: TS59, engines: { node: '>=18.18' } }, 'tsconfig.json': ES2022_DISPOSABLE });
    expect(ts(nineteen).ok).toBe(false);
  });

  it('@types/node is the hint left when nothing else says which Node runs it', () => {
    const root = pkg({ 'package.json': { devDependencies: { ...TS59, '@types/node': '^22.10.0' } }, 'tsconfig.json': { compilerOptions: { target: 'ES2022' } } });
    // It also brings the disposable types (TypeScript 5 includes every @types package).
    expect(ts(root)).toEqual({ ok: true, via: 'tsc (tsconfig.json) compiles `using` down; Node 22.10.0+ (@types/node) has Symbol.asyncDispose' });
  });

  it('importHelpers: tslib must be >= 2.6', () => {
    const files = { 'package.json': { devDependencies: TS59, engines: { node: '>=20.19' } }, 'tsconfig.json': { compilerOptions: { ...ES2022_DISPOSABLE.compilerOptions, importHelpers: true } } };
    expect(reason(ts(pkg({ ...files, ...installed('tslib', '2.5.3') })))).toMatch(/tsconfig\.json sets importHelpers, and tslib is 2\.5\.3: the `using` helpers are in tslib from 2\.6/);
    expect(ts(pkg({ ...files, ...installed('tslib', '2.8.1') })).ok).toBe(true);
  });

  it('follows `extends` from a package and from an array, later entries winning', () => {
    const root = pkg({
      'package.json': { devDependencies: TS59, engines: { node: '>=22' } },
      ...installed('@tsconfig/node22', '22.0.2'),
      'node_modules/@tsconfig/node22/tsconfig.json': '{ "compilerOptions": { "target": "es2022", "lib": ["es2024"], } }',
      'tsconfig.base.json': { compilerOptions: { lib: ['es2024', 'esnext.disposable'] } },
      'tsconfig.json': { extends: ['@tsconfig/node22/tsconfig.json', './tsconfig.base.json'] },
    });
    const d = decideUsing(path.join(root, 'src/a.ts'));
    expect(d.tsconfig?.options).toMatchObject({ target: 'es2022', lib: ['es2024', 'esnext.disposable'] });
    expect(d.ok).toBe(true);
  });

  it('an `extends` that cannot be read leaves the target unknown: no', () => {
    const root = pkg({ 'package.json': { devDependencies: TS59, engines: { node: '>=20.19' } }, 'tsconfig.json': { extends: '@tsconfig/node20/tsconfig.json', compilerOptions: { lib: ['esnext'] } } });
    expect(reason(ts(root))).toMatch(/^tsc \(tsconfig\.json\) is not known to compile `using` down \(the target comes from @tsconfig\/node20\/tsconfig\.json, which could not be read/);
    expect(decideUsing(path.join(root, 'src/a.ts')).change).toBe("install the package's dependencies, so that @tsconfig/node20/tsconfig.json can be read");
  });
});

describe('TypeScript whose emitted code keeps `using`', () => {
  const ESNEXT = { compilerOptions: { target: 'ESNext', module: 'NodeNext' } };

  it('target ESNext + engines.node >=20: no, naming both facts', () => {
    const root = pkg({ 'package.json': { devDependencies: TS59, engines: { node: '>=20' } }, 'tsconfig.json': ESNEXT });
    expect(reason(ts(root))).toBe(
      'tsc (tsconfig.json) leaves `using` as written (tsconfig.json targets ESNext); engines.node ">=20" (package.json) admits Node 20.0.0, which cannot parse `using` (Node parses it from 24)',
    );
  });

  it('target ESNext + engines.node >=24: `using`, run as written', () => {
    const root = pkg({ 'package.json': { devDependencies: TS59, engines: { node: '>=24' } }, 'tsconfig.json': ESNEXT });
    expect(ts(root)).toEqual({ ok: true, via: 'Node 24.0.0+ runs `using` as written (engines.node ">=24" (package.json))' });
  });

  it('a tsconfig.*.json beside it that targets ESNext keeps `using` in that build: no', () => {
    const root = pkg({
      'package.json': { devDependencies: TS59, engines: { node: '>=20.19' } },
      'tsconfig.json': ES2022_DISPOSABLE,
      'tsconfig.esm.json': { extends: './tsconfig.json', compilerOptions: { target: 'ESNext', outDir: 'dist/esm' } },
    });
    expect(reason(ts(root))).toMatch(/^tsc \(tsconfig\.esm\.json\) leaves `using` as written/);
  });

  it('a noEmit tsconfig with nothing else that compiles: Node >= 24 needed', () => {
    const files = { 'tsconfig.json': { compilerOptions: { ...ES2022_DISPOSABLE.compilerOptions, noEmit: true } } };
    const root = pkg({ ...files, 'package.json': { devDependencies: TS59, engines: { node: '>=20.19' } } });
    expect(reason(ts(root))).toMatch(/^nothing found compiles this TypeScript \(tsconfig\.json has noEmit, and no build tool is declared\)/);
    expect(ts(pkg({ ...files, 'package.json': { devDependencies: TS59, engines: { node: '>=24.1' } } })).ok).toBe(true);
  });
});

describe('runners and bundlers that compile on the fly', () => {
  it('tsx, esbuild or swc: no proof they compile `using` down, so Node >= 24 is needed', () => {
    for (const tool of ['tsx', 'esbuild', '@swc/core']) {
      const root = pkg({ 'package.json': { devDependencies: { ...TS59, [tool]: '^1.0.0' }, engines: { node: '>=20.19' } }, 'tsconfig.json': ES2022_DISPOSABLE });
      expect(reason(ts(root))).toContain(`${tool} is not known to compile \`using\` down (it compiles or bundles the code itself)`);
    }
    const node24 = pkg({ 'package.json': { devDependencies: { ...TS59, tsx: '^4.19.0' }, engines: { node: '>=24' } }, 'tsconfig.json': ES2022_DISPOSABLE });
    expect(ts(node24).ok).toBe(true);
  });

  it('a script running tsx without declaring it counts too', () => {
    const root = pkg({ 'package.json': { devDependencies: TS59, engines: { node: '>=20.19' }, scripts: { start: 'npx tsx src/main.ts' } }, 'tsconfig.json': ES2022_DISPOSABLE });
    expect(reason(ts(root))).toMatch(/^tsx is not known/);
  });

  it('a script that runs a .ts file with plain node (type stripping) keeps `using`; one with a loader does not count', () => {
    const files = { 'tsconfig.json': ES2022_DISPOSABLE };
    const stripping = pkg({ ...files, 'package.json': { devDependencies: TS59, engines: { node: '>=22.18' }, scripts: { start: 'node src/main.ts' } } });
    expect(reason(ts(stripping))).toMatch(/^Node type stripping leaves `using` as written \(a script runs TypeScript in Node directly\)/);
    const loader = pkg({ ...files, 'package.json': { devDependencies: { ...TS59, 'ts-node': '^10.9.2' }, engines: { node: '>=22.18' }, scripts: { start: 'node -r ts-node/register src/main.ts' } } });
    expect(ts(loader).ok).toBe(true);
  });

  it('ts-node compiles with the tsconfig (compiled down); with swc it is not known to', () => {
    const base = { 'package.json': { devDependencies: { ...TS59, 'ts-node': '^10.9.2' }, engines: { node: '>=20.19' } } };
    expect(ts(pkg({ ...base, 'tsconfig.json': { ...ES2022_DISPOSABLE, compilerOptions: { ...ES2022_DISPOSABLE.compilerOptions, noEmit: true } } })).ok).toBe(true);
    const swc = pkg({ ...base, 'tsconfig.json': { ...ES2022_DISPOSABLE, 'ts-node': { swc: true } } });
    expect(reason(ts(swc))).toMatch(/ts-node is not known to compile `using` down \(tsconfig\.json hands ts-node's compile to swc\)/);
  });

  it('vitest compiles `using` down when it runs on vite >= 8', () => {
    const files = { 'package.json': { devDependencies: { ...TS59, vitest: '^4.1.0' }, engines: { node: '>=20.19' } }, 'tsconfig.json': { compilerOptions: { ...ES2022_DISPOSABLE.compilerOptions, noEmit: true } } };
    expect(ts(pkg({ ...files, ...installed('vite', '8.3.8') })).ok).toBe(true);
    expect(reason(ts(pkg({ ...files, ...installed('vite', '7.1.0') })))).toMatch(/vitest is not known to compile `using` down \(on vite 7\.1\.0; vite >= 8 lowers it\)/);
  });

  it('Bun runs the package: no, whatever Node version is declared', () => {
    const root = pkg({ 'package.json': { devDependencies: TS59, engines: { node: '>=24' } }, 'tsconfig.json': ES2022_DISPOSABLE, 'bun.lock': '{}' });
    expect(reason(ts(root))).toMatch(/^Bun runs or builds this package instead of Node/);
  });
});

describe('evidence of the Node version', () => {
  const ESNEXT_TS = { 'tsconfig.json': { compilerOptions: { target: 'ESNext' } } };

  it('engines, .nvmrc and a Dockerfile agreeing on >= 24: `using`', () => {
    const root = pkg({
      ...ESNEXT_TS,
      'package.json': { devDependencies: TS59, engines: { node: '>=24.11' } },
      '.nvmrc': 'v24.11.1\n',
      Dockerfile: 'ARG NODE=24\nFROM node:${NODE}-alpine AS build\nRUN npm ci\nFROM build AS runtime\nCMD ["node", "dist/main.js"]\n',
    });
    expect(ts(root).ok).toBe(true);
  });

  it('conflicting evidence: the piece that admits an older Node wins', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ 'package.json': { devDependencies: TS59, engines: { node: '>=24' } }, '.nvmrc': '20' }, /\.nvmrc "20" admits Node 20\.0\.0/],
      [{ 'package.json': { devDependencies: TS59, engines: { node: '>=20' } }, '.nvmrc': '24' }, /engines\.node ">=20" \(package\.json\) admits Node 20\.0\.0/],
      [{ 'package.json': { devDependencies: TS59, engines: { node: '>=24' } }, Dockerfile: 'FROM node:22-slim\n' }, /Dockerfile FROM node:22-slim admits Node 22\.0\.0/],
      [{ 'package.json': { devDependencies: { ...TS59, '@types/node': '^22.0.0' }, engines: { node: '>=24' } } }, /@types\/node \^22\.0\.0 admits Node 22\.0\.0/],
    ];
    for (const [files, why] of cases) {
      const r = ts(pkg({ ...ESNEXT_TS, ...files }));
      expect(r.ok).toBe(false);
      expect(reason(r)).toMatch(why);
    }
  });

  it('an .nvmrc or Dockerfile alone proves Node >= 24; @types/node alone does not', () => {
    expect(ts(pkg({ ...ESNEXT_TS, 'package.json': { devDependencies: TS59 }, '.nvmrc': 'lts/krypton' })).ok).toBe(true);
    expect(ts(pkg({ ...ESNEXT_TS, 'package.json': { devDependencies: TS59 }, 'Dockerfile.prod': 'FROM node:24.4.0-bookworm-slim\n' })).ok).toBe(true);
    const typesOnly = ts(pkg({ ...ESNEXT_TS, 'package.json': { devDependencies: { ...TS59, '@types/node': '^24.0.0' } } }));
    expect(reason(typesOnly)).toMatch(/nothing proves the code runs on Node >= 24/);
    // A moving name proves nothing, and the reason says it is there (not that nothing is).
    expect(ts(pkg({ ...ESNEXT_TS, 'package.json': { devDependencies: TS59 }, '.nvmrc': 'lts/*' })).ok).toBe(false);
    const moving = usingSupport(path.join(pkg({ 'package.json': { name: 'bare' }, Dockerfile: 'FROM node:lts as build\nRUN npm ci\nFROM node:lts-slim AS final\n' }), 'lib/a.js'));
    expect(reason(moving)).toMatch(/nothing proves the code runs on Node >= 24, the first that parses `using` \(Dockerfile FROM node:lts-slim names no version\)$/);
  });

  it('a workspace root above the package counts (its engines, its devDependencies); its tsconfig does not', () => {
    const root = pkg({
      'package.json': { private: true, workspaces: ['packages/*'], devDependencies: TS59, engines: { node: '>=20' } },
      'tsconfig.json': { files: [], references: [{ path: 'packages/api' }] },
      'packages/api/package.json': { name: 'api', engines: { node: '>=24' } },
      'packages/api/tsconfig.json': { compilerOptions: { target: 'ESNext' } },
      'packages/web/package.json': { name: 'web' },
    });
    const d = decideUsing(path.join(root, 'packages/api/src/a.ts'));
    expect(d.ok).toBe(false);
    expect(d.reason).toMatch(/engines\.node ">=20" \(\.\.\/\.\.\/package\.json\) admits Node 20\.0\.0/);
    expect(d.tsconfig?.file).toBe(path.join(root, 'packages/api/tsconfig.json'));
    // TypeScript declared only at the workspace root is the package's TypeScript.
    expect(d.typescript).toBe('5.9.0');
    // The workspace's tsconfig.json is a solution file (`files: []`): it compiles nothing of packages/web.
    expect(decideUsing(path.join(root, 'packages/web/src/a.ts')).tsconfig).toBeNull();
  });
});

describe('TypeScript that would not type-check', () => {
  it("a package without a tsconfig.json of its own is compiled by its workspace's", () => {
    const root = pkg({
      'package.json': { private: true, devDependencies: TS59, engines: { node: '>=20.19' } },
      'tests/tsconfig.json': { compilerOptions: ES2022_DISPOSABLE.compilerOptions, include: ['**/*'] },
      'tests/api/package.json': { name: 'api-tests' },
    });
    const d = decideUsing(path.join(root, 'tests/api/src/a.test.ts'));
    expect(d.tsconfig?.file).toBe(path.join(root, 'tests/tsconfig.json'));
    expect(d.ok).toBe(true);
  });

  it('TypeScript older than 5.2: no, with the version', () => {
    const root = pkg({ 'package.json': { devDependencies: { typescript: '~4.4.4' }, engines: { node: '>=24' } }, 'tsconfig.json': { compilerOptions: { target: 'ESNext' } } });
    expect(ts(root)).toEqual({ ok: false, reason: 'TypeScript 4.4.4 is older than 5.2, the first with `using`' });
  });

  it('no TypeScript at all: no', () => {
    expect(ts(pkg({ 'package.json': { engines: { node: '>=24' } } }), 'a.mts').ok).toBe(false);
  });

  it('a lib without esnext.disposable and no @types/node: no, naming the tsconfig', () => {
    const root = pkg({ 'package.json': { devDependencies: TS59, engines: { node: '>=24' } }, 'tsconfig.json': '{ // comments are fine\n "compilerOptions": { "lib": ["ES2022", "esnext.asynciterable"], } }' });
    expect(reason(ts(root))).toBe('`using` would not type-check: tsconfig.json: compilerOptions.lib (ES2022, esnext.asynciterable) has no esnext.disposable, and no @types/node');
  });

  it('TypeScript 6 includes @types/node only when `types` lists it', () => {
    const files = { 'package.json': { devDependencies: { typescript: '^6.0.3', '@types/node': '^22.0.0' }, engines: { node: '>=22' } } };
    expect(reason(ts(pkg({ ...files, 'tsconfig.json': { compilerOptions: { lib: ['ES2022'] } } })))).toMatch(/@types\/node is not in compilerOptions\.types \(TypeScript 6\.0\.3 includes only what it lists\)/);
    expect(ts(pkg({ ...files, 'tsconfig.json': { compilerOptions: { lib: ['ES2022'], types: ['node'] } } })).ok).toBe(true);
  });
});

describe('JavaScript', () => {
  const js = (root: string) => usingSupport(path.join(root, 'lib/a.js'));

  it('run by Node as written: only with Node >= 24 proven', () => {
    expect(js(pkg({ 'package.json': { engines: { node: '>=24' } } }))).toEqual({ ok: true, via: 'Node 24.0.0+ runs `using` as written (engines.node ">=24" (package.json))' });
    expect(reason(js(pkg({ 'package.json': { engines: { node: '^20.19 || >=22' } } })))).toBe(
      'Node runs the JavaScript as written (no Babel config compiles it); engines.node "^20.19 || >=22" (package.json) admits Node 20.19.0, which cannot parse `using` (Node parses it from 24)',
    );
    expect(reason(js(pkg({ 'package.json': { name: 'bare' } })))).toMatch(/nothing proves the code runs on Node >= 24/);
  });

  it('compiled by Babel: the plugin or preset-env >= 7.28 named in its config', () => {
    const engines = { node: '>=20.19' };
    const plugin = '@babel/plugin-transform-explicit-resource-management';
    expect(js(pkg({ 'package.json': { engines, devDependencies: { [plugin]: '^7.28.0' } }, 'babel.config.json': { plugins: [plugin] } }))).toEqual({
      ok: true,
      via: `Babel compiles \`using\` down; Node 20.19.0+ (engines.node) has Symbol.asyncDispose`,
    });
    const preset = { 'package.json': { engines, devDependencies: { '@babel/preset-env': '^7.28.3' } }, '.babelrc': '{ "presets": [["@babel/preset-env", { "targets": { "node": "20" } }]] }' };
    expect(js(pkg(preset)).ok).toBe(true);
    // Declared but not in the config: Babel does not run it.
    expect(reason(js(pkg({ 'package.json': { engines, devDependencies: { [plugin]: '^7.28.0' } }, 'babel.config.json': { presets: [] } })))).toMatch(
      /Babel leaves `using` as written \(@babel\/plugin-transform-explicit-resource-management is declared but no Babel config in reach names it\)/,
    );
    const old = pkg({ 'package.json': { engines, devDependencies: { '@babel/preset-env': '^7.20.0' } }, 'babel.config.json': { presets: ['@babel/preset-env'] } });
    expect(reason(js(old))).toMatch(/its @babel\/preset-env is 7\.20\.0, older than 7\.28/);
    expect(decideUsing(path.join(old, 'lib/a.js')).change).toBe('upgrade @babel/preset-env to >= 7.28');
  });

  it('tsc compiles `using` down and Babel keeps it, on Node >= 24: yes, saying both', () => {
    const root = pkg({
      'package.json': { engines: { node: '>=24' }, devDependencies: { ...TS59, '@babel/preset-typescript': '^7.27.0' } },
      'tsconfig.json': ES2022_DISPOSABLE,
      'babel.config.json': { presets: ['@babel/preset-typescript'] },
    });
    const r = ts(root);
    expect(r.ok).toBe(true);
    expect(r.ok && r.via).toMatch(/^Node 24\.0\.0\+ runs `using` as written \(engines\.node ">=24" \(package\.json\); it also has Symbol\.dispose and Symbol\.asyncDispose, which the code tsc \(tsconfig\.json\) makes of `using` calls\)$/);
  });

  it('TypeScript compiled by Babel (preset-typescript) needs the same plugin', () => {
    const root = pkg({
      'package.json': { engines: { node: '>=20.19' }, devDependencies: { ...TS59, '@babel/preset-typescript': '^7.27.0' } },
      'tsconfig.json': { compilerOptions: { ...ES2022_DISPOSABLE.compilerOptions, noEmit: true } },
      'babel.config.json': { presets: ['@babel/preset-typescript'] },
    });
    expect(reason(ts(root))).toMatch(/^Babel leaves `using` as written \(it has no explicit-resource-management plugin/);
    expect(decideUsing(path.join(root, 'src/a.ts')).change).toBe('add @babel/plugin-transform-explicit-resource-management to the Babel config');
  });
});

describe('the one change', () => {
  const change = (files: Record<string, unknown>, rel = 'src/a.ts') => decideUsing(path.join(pkg(files), rel)).change;

  it('names the smallest change that turns the answer into a yes', () => {
    expect(change({ 'package.json': { devDependencies: TS59, engines: { node: '>=20.19' } }, 'tsconfig.json': { compilerOptions: { target: 'ESNext' } } })).toBe(
      'set compilerOptions.target below ESNext (e.g. ES2022) in tsconfig.json: tsc then compiles `using` down',
    );
    expect(change({ 'package.json': { devDependencies: TS59, engines: { node: '>=20' } }, 'tsconfig.json': ES2022_DISPOSABLE })).toBe(
      'require Node >= 20.4 in engines.node of package.json (now ">=20")',
    );
    expect(change({ 'package.json': { engines: { node: '>=22' } }, '.nvmrc': '22' }, 'a.js')).toBe('require Node >= 24 in engines.node of package.json (now ">=22")');
    expect(change({ 'package.json': { devDependencies: TS59 }, 'tsconfig.json': { compilerOptions: { lib: ['ES2022'] } } })).toBe('add "esnext.disposable" to compilerOptions.lib in tsconfig.json');
    expect(change({ 'package.json': { devDependencies: TS59 } })).toBe('add a tsconfig.json with "esnext.disposable" in compilerOptions.lib');
  });
});
