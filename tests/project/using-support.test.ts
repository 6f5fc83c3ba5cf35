// Where `using` syntax may go: decided from the file's own package (its package.json, tsconfig and the
// versions installed or declared there).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clearPackageCaches, usingSupport } from '../../src/project/packageInfo';

const dirs: string[] = [];
// Outside the repository, so nothing resolves from its node_modules: only what the package declares counts.
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

describe('usingSupport', () => {
  it('TypeScript 5.2 or later with the disposable lib: yes', () => {
    const root = pkg({ 'package.json': { devDependencies: { typescript: '~5.4.0' } }, 'tsconfig.json': { compilerOptions: { lib: ['es2022', 'esnext.disposable'] } } });
    expect(usingSupport(path.join(root, 'a.ts'))).toEqual({ ok: true, via: 'TypeScript 5.4.0' });
  });

  it('TypeScript older than 5.2: no, with the version in the reason', () => {
    const root = pkg({ 'package.json': { devDependencies: { typescript: '^5.1.6' } } });
    const r = usingSupport(path.join(root, 'a.ts'));
    expect(r).toEqual({ ok: false, reason: 'TypeScript 5.1.6 is older than 5.2, the first with `using`' });
  });

  it('no TypeScript at all: no', () => {
    const root = pkg({ 'package.json': { name: 'x' } });
    expect(usingSupport(path.join(root, 'a.mts')).ok).toBe(false);
  });

  it('a tsconfig lib without esnext.disposable and no @types/node: no, naming the fix', () => {
    const root = pkg({ 'package.json': { devDependencies: { typescript: '^5.9.0' } }, 'tsconfig.json': '{ // comments are fine\n "compilerOptions": { "lib": ["ES2022"], } }' });
    const r = usingSupport(path.join(root, 'src/a.ts'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/no "esnext\.disposable" in compilerOptions\.lib/);
  });

  it('a tsconfig that extends one with esnext: yes', () => {
    const root = pkg({
      'package.json': { devDependencies: { typescript: '^5.9.0' } },
      'tsconfig.base.json': { compilerOptions: { lib: ['ESNext'] } },
      'tsconfig.json': { extends: './tsconfig.base.json' },
    });
    expect(usingSupport(path.join(root, 'a.ts')).ok).toBe(true);
  });

  it('JavaScript for Node >= 24: yes; for Node 20: no', () => {
    const modern = pkg({ 'package.json': { engines: { node: '>=24' } } });
    expect(usingSupport(path.join(modern, 'a.js'))).toEqual({ ok: true, via: 'Node 24.0.0' });
    const older = pkg({ 'package.json': { engines: { node: '^20.19 || >=22' } } });
    const r = usingSupport(path.join(older, 'a.mjs'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/plain JavaScript run by Node \^20\.19 \|\| >=22/);
  });

  it('JavaScript compiled by Babel with the plugin, or preset-env >= 7.28: yes', () => {
    const plugin = pkg({ 'package.json': { devDependencies: { '@babel/plugin-transform-explicit-resource-management': '^7.27.0' } } });
    expect(usingSupport(path.join(plugin, 'a.jsx')).ok).toBe(true);
    const preset = pkg({ 'package.json': { devDependencies: { '@babel/preset-env': '^7.28.3' } } });
    expect(usingSupport(path.join(preset, 'a.cjs'))).toEqual({ ok: true, via: '@babel/preset-env 7.28.3' });
    const oldPreset = pkg({ 'package.json': { devDependencies: { '@babel/preset-env': '^7.20.0' } } });
    expect(usingSupport(path.join(oldPreset, 'a.js')).ok).toBe(false);
  });
});
