// leakproof.config.json (or a "leakproof" key in package.json): the project's own acquire/release pairs
// and defaults for the CLI. Validated by hand so every mistake is named precisely: which key, what was
// expected, what was found. Pure: no file system access (load.ts reads the file and checks paths).
import type { StyleChoice } from '../core/model';
import { LIBRARIES } from '../catalog/js';

/** One declarative open/close pair. */
export interface ResourceConfig {
  /** A package name (`@acme/db`) or a path relative to the config file (`./db`). */
  module: string;
  /** A function the module exports (`getConn`) or `Export.method` (`pool.getConn`). */
  acquire: string;
  /** The method called on the resource to release it (`free`). */
  release: string;
  /** The release returns a promise to await. */
  async: boolean;
  /** Name shown in findings (default: the module). */
  library: string;
  /** A word for messages (default: "resource"). */
  noun: string;
}

export interface LeakproofConfig {
  resources: ResourceConfig[];
  /** Globs relative to the package root, added to the CLI's --ignore. */
  ignore: string[];
  /** Defaults for --style, --helper-path, --helper-import (flags win). */
  style?: StyleChoice;
  helperPath?: string;
  helperImport?: string;
}

export const STYLES: readonly StyleChoice[] = ['auto', 'using', 'with-session', 'try-finally'];

const TOP_KEYS = ['$schema', 'resources', 'ignore', 'style', 'helperPath', 'helperImport'];
const RESOURCE_KEYS = ['module', 'acquire', 'release', 'async', 'library', 'noun'];

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const ACQUIRE = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?$/;
// npm package names, optionally with a subpath: `pg`, `@acme/db`, `@acme/db/promise`.
const PACKAGE = /^(?:@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*(?:\/[\w.~@-]+)*$/i;

/** A validation failure: `at` is the key path inside the config (`resources[0].release`). */
export class ConfigIssue extends Error {
  constructor(
    readonly at: string,
    readonly detail: string,
  ) {
    super(at ? `${at}: ${detail}` : detail);
  }
}

/** How a found value is named in a message: `42`, `"abc"`, `null`, `an array`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let k = 1; k <= b.length; k++) {
      const cur = row[k];
      row[k] = Math.min(row[k] + 1, row[k - 1] + 1, prev + (a[i - 1].toLowerCase() === b[k - 1].toLowerCase() ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

function checkKeys(obj: Record<string, unknown>, allowed: string[], at: string): void {
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    const close = allowed.filter((k) => k !== '$schema').find((k) => distance(key, k) <= 2);
    const hint = close ? ` (did you mean "${close}"?)` : '';
    throw new ConfigIssue(join(at, key), `unknown key; expected one of ${allowed.filter((k) => k !== '$schema').join(', ')}${hint}`);
  }
}

function join(at: string, key: string): string {
  return at ? `${at}.${key}` : key;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmptyString(v: unknown, at: string, what = 'a non-empty string'): string {
  if (typeof v !== 'string' || v.trim() === '') throw new ConfigIssue(at, `expected ${what}, got ${describeValue(v)}`);
  return v;
}

function required(obj: Record<string, unknown>, key: string, at: string, what: string): unknown {
  if (!(key in obj)) throw new ConfigIssue(join(at, key), `missing; expected ${what}`);
  return obj[key];
}

/** The package a module specifier belongs to: `@acme/db/promise` → `@acme/db`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../');
}

const CATALOGUE_MODULES = new Map<string, string>();
for (const lib of LIBRARIES) for (const m of Object.keys(lib.modules)) CATALOGUE_MODULES.set(m, lib.library);

function resource(raw: unknown, at: string): ResourceConfig {
  if (!isObject(raw)) throw new ConfigIssue(at, `expected an object like {"module": "./db", "acquire": "getConn", "release": "free"}, got ${describeValue(raw)}`);
  checkKeys(raw, RESOURCE_KEYS, at);
  const module = nonEmptyString(
    required(raw, 'module', at, 'a package name ("@acme/db") or a path relative to the config file ("./db")'),
    join(at, 'module'),
    'a package name ("@acme/db") or a path relative to the config file ("./db")',
  );
  if (!isRelative(module) && !PACKAGE.test(module)) {
    throw new ConfigIssue(join(at, 'module'), `expected a package name ("@acme/db") or a path starting with ./ or ../, got ${describeValue(module)}`);
  }
  if (CATALOGUE_MODULES.has(module)) {
    throw new ConfigIssue(join(at, 'module'), `${describeValue(module)} is already in leakproof's catalogue (library ${CATALOGUE_MODULES.get(module)}); configure only modules it does not know`);
  }
  const acquireWhat = 'a function the module exports ("getConn") or Export.method ("pool.getConn")';
  const acquire = nonEmptyString(required(raw, 'acquire', at, acquireWhat), join(at, 'acquire'), acquireWhat);
  if (!ACQUIRE.test(acquire)) throw new ConfigIssue(join(at, 'acquire'), `expected ${acquireWhat}, got ${describeValue(acquire)}`);
  const releaseWhat = 'a non-empty string (the method called on the resource to release it)';
  const release = nonEmptyString(required(raw, 'release', at, releaseWhat), join(at, 'release'));
  if (!IDENTIFIER.test(release)) throw new ConfigIssue(join(at, 'release'), `expected a method name ("free"), got ${describeValue(release)}`);
  if ('async' in raw && typeof raw.async !== 'boolean') throw new ConfigIssue(join(at, 'async'), `expected true or false, got ${describeValue(raw.async)}`);
  const library = 'library' in raw ? nonEmptyString(raw.library, join(at, 'library')) : module;
  const noun = 'noun' in raw ? nonEmptyString(raw.noun, join(at, 'noun')) : 'resource';
  return { module, acquire, release, async: raw.async === true, library, noun };
}

/**
 * Check a parsed config and fill in the defaults. `at` prefixes every key path (`leakproof` for the
 * package.json key). Throws a ConfigIssue naming the first thing wrong.
 */
export function validateConfig(raw: unknown, at = ''): LeakproofConfig {
  if (!isObject(raw)) throw new ConfigIssue(at, `expected an object, got ${describeValue(raw)}`);
  checkKeys(raw, TOP_KEYS, at);
  const config: LeakproofConfig = { resources: [], ignore: [] };
  if ('resources' in raw) {
    if (!Array.isArray(raw.resources)) throw new ConfigIssue(join(at, 'resources'), `expected an array of resources, got ${describeValue(raw.resources)}`);
    const seen = new Map<string, { index: number; library: string }>();
    raw.resources.forEach((r, i) => {
      const where = `${join(at, 'resources')}[${i}]`;
      const res = resource(r, where);
      const key = `${res.module}\0${res.acquire}`;
      const before = seen.get(key);
      if (before) {
        throw new ConfigIssue(`${where}.acquire`, `${describeValue(res.acquire)} from ${describeValue(res.module)} is already declared at ${join(at, 'resources')}[${before.index}]`);
      }
      // One module is one library: its entries must agree on the name findings show.
      const sameModule = [...seen.entries()].find(([k]) => k.split('\0')[0] === res.module);
      if (sameModule && sameModule[1].library !== res.library) {
        throw new ConfigIssue(
          `${where}.library`,
          `expected ${describeValue(sameModule[1].library)} as at ${join(at, 'resources')}[${sameModule[1].index}] (same module ${describeValue(res.module)}), got ${describeValue(res.library)}`,
        );
      }
      // `pool` cannot be both a function that acquires and an object whose method acquires.
      const [exported] = res.acquire.split('.');
      const clash = config.resources.findIndex((o) => o.module === res.module && o.acquire !== res.acquire && o.acquire.split('.')[0] === exported && (o.acquire.includes('.') !== res.acquire.includes('.')));
      if (clash >= 0) {
        throw new ConfigIssue(
          `${where}.acquire`,
          `${describeValue(res.acquire)} and ${describeValue(config.resources[clash].acquire)} (${join(at, 'resources')}[${clash}]) treat export "${exported}" both as a function and as an object`,
        );
      }
      seen.set(key, { index: i, library: res.library });
      config.resources.push(res);
    });
  }
  if ('ignore' in raw) {
    if (!Array.isArray(raw.ignore)) throw new ConfigIssue(join(at, 'ignore'), `expected an array of globs relative to the package root, got ${describeValue(raw.ignore)}`);
    config.ignore = raw.ignore.map((g, i) => nonEmptyString(g, `${join(at, 'ignore')}[${i}]`, 'a non-empty glob string'));
  }
  if ('style' in raw) {
    if (typeof raw.style !== 'string' || !STYLES.includes(raw.style as StyleChoice)) {
      throw new ConfigIssue(join(at, 'style'), `expected one of ${STYLES.map((s) => `"${s}"`).join(', ')}, got ${describeValue(raw.style)}`);
    }
    config.style = raw.style as StyleChoice;
  }
  if ('helperPath' in raw) config.helperPath = nonEmptyString(raw.helperPath, join(at, 'helperPath'), 'a non-empty string (a path relative to the package root)');
  if ('helperImport' in raw) config.helperImport = nonEmptyString(raw.helperImport, join(at, 'helperImport'), 'a non-empty string (a module specifier)');
  return config;
}
