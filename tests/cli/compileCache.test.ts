// The compile cache (src/cli/compileCache.ts) only saves time: a module loaded from it behaves as loaded by
// Node, an edited module is never served from its old cache, and the CLI says the same with or without it.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const CACHE_MODULE = path.join(ROOT, 'dist/src/cli/compileCache.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-cc-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A fresh Node that enables the cache in `dir`, loads `main`, prints what it exported. */
function load(dir: string, main: string, env: NodeJS.ProcessEnv = {}): string {
  const script = `require(${JSON.stringify(CACHE_MODULE)}).enableCompileCache(${JSON.stringify(dir)}); console.log(JSON.stringify(require(${JSON.stringify(main)})));`;
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '', ...env } }).trim();
}

const entries = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !f.includes('.')) : []);

describe('compile cache', () => {
  const project = path.join(tmp, 'project');
  fs.mkdirSync(path.join(project, 'lib'), { recursive: true });
  fs.writeFileSync(path.join(project, 'lib/dep.js'), "exports.word = 'dep';\n");
  const main = path.join(project, 'main.js');
  const source = (word: string) =>
    `#!/usr/bin/env node\nconst dep = require('./lib/dep');\nmodule.exports = { word: ${JSON.stringify(word)}, dep: dep.word, dir: __dirname, file: __filename, resolved: require.resolve('./lib/dep'), same: require.cache[require.resolve('./lib/dep')].exports === dep, lazy: (() => typeof require('node:path').join)() };\n`;
  fs.writeFileSync(main, source('first'));

  it('loads a module from its cache as Node loads it, and writes one per module', () => {
    const dir = path.join(tmp, 'cache-a');
    const plain = JSON.parse(load(dir, main, { NODE_DISABLE_COMPILE_CACHE: '1' }));
    expect(entries(dir)).toEqual([]);
    const cold = JSON.parse(load(dir, main));
    expect(entries(dir).length).toBeGreaterThanOrEqual(2);
    const warm = JSON.parse(load(dir, main));
    expect(cold).toEqual(plain);
    expect(warm).toEqual(plain);
    expect(plain).toEqual({ word: 'first', dep: 'dep', dir: project, file: main, resolved: path.join(project, 'lib/dep.js'), same: true, lazy: 'function' });
  });

  it('never serves an edited module from the cache of its old text (same length)', () => {
    const dir = path.join(tmp, 'cache-b');
    expect(JSON.parse(load(dir, main)).word).toBe('first');
    expect(JSON.parse(load(dir, main)).word).toBe('first');
    fs.writeFileSync(main, source('again'));
    // The same size: only the time of change (and inode) tell the texts apart, as in an edit-and-rebuild.
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(main, later, later);
    expect(JSON.parse(load(dir, main)).word).toBe('again');
    fs.writeFileSync(main, source('first'));
  });

  it('uses no folder other users can write to', () => {
    if (process.getuid === undefined) return;
    const shared = path.join(tmp, 'shared');
    fs.mkdirSync(shared, { mode: 0o777 });
    fs.chmodSync(shared, 0o777);
    const dir = path.join(shared, 'cache');
    expect(JSON.parse(load(dir, main)).word).toBe('first');
    expect(entries(dir)).toEqual([]);
    fs.chmodSync(shared, 0o700);
    expect(JSON.parse(load(dir, main)).word).toBe('first');
    expect(entries(dir).length).toBeGreaterThanOrEqual(2);
  });

  it('gives the same report with and without the cache', () => {
    const cli = path.join(ROOT, 'bin/leakproof.js');
    const examples = path.join(ROOT, 'examples');
    const run = (env: NodeJS.ProcessEnv) => {
      const r = spawnSync(process.execPath, [cli, '--json', examples], { encoding: 'utf8', env: { ...process.env, ...env } });
      return { status: r.status, report: r.stdout.replace(/"elapsedMs":\s*[\d.]+/g, '') };
    };
    const without = run({ NODE_DISABLE_COMPILE_CACHE: '1' });
    run({ NODE_DISABLE_COMPILE_CACHE: '' });
    expect(without.report).toContain('"findings"');
    expect(run({ NODE_DISABLE_COMPILE_CACHE: '' })).toEqual(without);
  });
});
