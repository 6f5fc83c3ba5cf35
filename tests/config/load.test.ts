// leakproof.config.json: loading, defaults, and a precise message for every kind of mistake.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { clearConfigCache, ConfigError, loadConfig } from '../../src/config/load';

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});
beforeEach(() => clearConfigCache());

/** A package root with `files` (objects are written as JSON). */
function pkg(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-config-'));
  made.push(dir);
  const all: Record<string, unknown> = { 'package.json': { name: 'p', private: true }, 'src/db.ts': 'export async function getConn() { return { free: async () => {} }; }\n', ...files };
  for (const [rel, content] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

const GOOD = { module: './src/db', acquire: 'getConn', release: 'free', async: true };

function failure(files: Record<string, unknown>): string {
  const root = pkg(files);
  try {
    loadConfig(root);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

const config = (c: unknown) => failure({ 'leakproof.config.json': c });

describe('loadConfig', () => {
  it('returns null for a package without configuration', () => {
    expect(loadConfig(pkg({}))).toBeNull();
  });

  it('reads leakproof.config.json and fills in the defaults', () => {
    const root = pkg({ 'leakproof.config.json': { resources: [{ module: './src/db', acquire: 'getConn', release: 'free' }], ignore: ['scripts/**'], style: 'try-finally', helperPath: 'lib/with-session' } });
    const c = loadConfig(root)!;
    expect(c.file).toBe(path.join(root, 'leakproof.config.json'));
    expect(c.resources).toEqual([{ module: './src/db', acquire: 'getConn', release: 'free', async: false, library: './src/db', noun: 'resource' }]);
    expect(c.ignore).toEqual(['scripts/**']);
    expect(c.style).toBe('try-finally');
    expect(c.helperPath).toBe('lib/with-session');
    // Cached per root: the same object until the cache is cleared.
    expect(loadConfig(root)).toBe(c);
  });

  it('reads the "leakproof" key of package.json', () => {
    const root = pkg({ 'package.json': { name: 'p', leakproof: { resources: [{ ...GOOD, module: '@acme/db', acquire: 'pool.getConn', library: 'Acme DB', noun: 'connection' }] } } });
    const c = loadConfig(root)!;
    expect(c.file).toBe(path.join(root, 'package.json'));
    expect(c.resources[0]).toEqual({ module: '@acme/db', acquire: 'pool.getConn', release: 'free', async: true, library: 'Acme DB', noun: 'connection' });
  });

  it('an empty object is a valid configuration', () => {
    expect(loadConfig(pkg({ 'leakproof.config.json': {} }))).toMatchObject({ resources: [], ignore: [] });
  });
});

describe('a bad configuration is rejected with a precise message', () => {
  it('wrong type', () => {
    expect(config({ resources: [{ ...GOOD, release: 42 }] })).toBe('leakproof.config.json: resources[0].release: expected a non-empty string, got 42');
    expect(config({ resources: [{ ...GOOD, async: 'yes' }] })).toBe('leakproof.config.json: resources[0].async: expected true or false, got "yes"');
    expect(config({ resources: { module: './src/db' } })).toBe('leakproof.config.json: resources: expected an array of resources, got an object');
    expect(config({ resources: ['./src/db'] })).toBe(
      'leakproof.config.json: resources[0]: expected an object like {"module": "./db", "acquire": "getConn", "release": "free"}, got "./src/db"',
    );
    expect(config({ ignore: 'scripts/**' })).toBe('leakproof.config.json: ignore: expected an array of globs relative to the package root, got "scripts/**"');
    expect(config({ ignore: ['scripts/**', ''] })).toBe('leakproof.config.json: ignore[1]: expected a non-empty glob string, got ""');
    expect(config({ helperPath: null })).toBe('leakproof.config.json: helperPath: expected a non-empty string (a path relative to the package root), got null');
    expect(config([GOOD])).toBe('leakproof.config.json: expected an object, got an array');
  });

  it('missing key', () => {
    const { release: _, ...noRelease } = GOOD;
    expect(config({ resources: [GOOD, noRelease] })).toBe(
      'leakproof.config.json: resources[1].release: missing; expected a non-empty string (the method called on the resource to release it)',
    );
    const { module: __, ...noModule } = GOOD;
    expect(config({ resources: [noModule] })).toBe(
      'leakproof.config.json: resources[0].module: missing; expected a package name ("@acme/db") or a path relative to the config file ("./db")',
    );
  });

  it('unknown key, with a suggestion when it looks like a typo', () => {
    expect(config({ resources: [{ ...GOOD, relase: 'free' }] })).toBe(
      'leakproof.config.json: resources[0].relase: unknown key; expected one of module, acquire, release, async, library, noun (did you mean "release"?)',
    );
    expect(config({ resources: [], color: true })).toBe('leakproof.config.json: color: unknown key; expected one of resources, ignore, style, helperPath, helperImport');
  });

  it('bad style', () => {
    expect(config({ style: 'usin' })).toBe('leakproof.config.json: style: expected one of "auto", "using", "with-session", "try-finally", got "usin"');
    expect(config({ style: 3 })).toBe('leakproof.config.json: style: expected one of "auto", "using", "with-session", "try-finally", got 3');
  });

  it('bad values: acquire and release forms, modules', () => {
    expect(config({ resources: [{ ...GOOD, acquire: 'a.b.c' }] })).toBe(
      'leakproof.config.json: resources[0].acquire: expected a function the module exports ("getConn") or Export.method ("pool.getConn"), got "a.b.c"',
    );
    expect(config({ resources: [{ ...GOOD, release: 'free()' }] })).toBe('leakproof.config.json: resources[0].release: expected a method name ("free"), got "free()"');
    expect(config({ resources: [{ ...GOOD, module: '/abs/db' }] })).toBe(
      'leakproof.config.json: resources[0].module: expected a package name ("@acme/db") or a path starting with ./ or ../, got "/abs/db"',
    );
    expect(config({ resources: [{ ...GOOD, module: 'pg' }] })).toBe(
      'leakproof.config.json: resources[0].module: "pg" is already in leakproof\'s catalogue (library pg); configure only modules it does not know',
    );
    expect(config({ resources: [{ ...GOOD, module: './src/nope' }] })).toBe(
      'leakproof.config.json: resources[0].module: expected a path to a source file relative to leakproof.config.json, but no file matches "./src/nope" (tried ./src/nope.ts, ./src/nope.js, ./src/nope/index.ts, …)',
    );
    expect(config({ resources: [GOOD, { ...GOOD, release: 'close' }] })).toBe(
      'leakproof.config.json: resources[1].acquire: "getConn" from "./src/db" is already declared at resources[0]',
    );
    expect(config({ resources: [GOOD, { ...GOOD, acquire: 'pool.get', library: 'other' }] })).toBe(
      'leakproof.config.json: resources[1].library: expected "./src/db" as at resources[0] (same module "./src/db"), got "other"',
    );
  });

  it('in package.json, paths start at the "leakproof" key', () => {
    expect(failure({ 'package.json': { name: 'p', leakproof: { resources: [{ ...GOOD, noun: 7 }] } } })).toBe(
      'package.json: leakproof.resources[0].noun: expected a non-empty string, got 7',
    );
    expect(failure({ 'package.json': { name: 'p', leakproof: 'on' } })).toBe('package.json: leakproof: expected an object, got "on"');
  });

  it('not JSON, or configured twice', () => {
    expect(failure({ 'leakproof.config.json': '{ "resources": [ }' })).toMatch(/^leakproof\.config\.json: not valid JSON: /);
    expect(failure({ 'package.json': { name: 'p', leakproof: {} }, 'leakproof.config.json': {} })).toBe(
      'leakproof.config.json: package.json also has a "leakproof" key; keep the configuration in one place',
    );
  });

  it('keeps failing (the error is cached with the root)', () => {
    const root = pkg({ 'leakproof.config.json': { style: 'usin' } });
    expect(() => loadConfig(root)).toThrow(ConfigError);
    expect(() => loadConfig(root)).toThrow('style: expected one of');
  });
});
