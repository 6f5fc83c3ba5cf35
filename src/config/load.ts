// Reading a package's leakproof configuration: leakproof.config.json at the package root, or a
// "leakproof" key in its package.json (never both). Cached per root, errors included.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigIssue, isRelative, validateConfig, type LeakproofConfig } from './schema';

export const CONFIG_FILE = 'leakproof.config.json';

export interface LoadedConfig extends LeakproofConfig {
  /** The package root the config belongs to (absolute). */
  root: string;
  /** The file it was read from (absolute): leakproof.config.json or package.json. */
  file: string;
}

/** A configuration that cannot be used. `message` is `<file name>: <key path>: <what was expected>`. */
export class ConfigError extends Error {
  constructor(
    /** Absolute path of the file at fault. */
    readonly file: string,
    /** `resources[0].release: expected a non-empty string, got 42` */
    readonly detail: string,
  ) {
    super(`${path.basename(file)}: ${detail}`);
  }

  /** The message with the file named relative to `cwd` (as the CLI prints it). */
  relativeTo(cwd: string): string {
    const rel = path.relative(cwd, this.file).split(path.sep).join('/');
    return `${rel || path.basename(this.file)}: ${this.detail}`;
  }
}

const cache = new Map<string, LoadedConfig | null | ConfigError>();

// The same candidates provenance's resolveLocalModule tries (kept here so loading a config does not load the
// parsers): a configured module must be a file the analysis can later resolve an import to.
const SUFFIXES = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js'];

/** The source file a relative module of the config names, or null when there is none. */
export function resolveConfiguredModule(root: string, specifier: string): string | null {
  const base = path.resolve(root, specifier);
  const candidates = [base];
  const jsExt = /\.(m|c)?js$/.exec(base);
  if (jsExt) candidates.unshift(base.replace(/\.(m|c)?js$/, `.${jsExt[1] ?? ''}ts`));
  for (const c of candidates) {
    for (const suffix of SUFFIXES) {
      try {
        if (fs.statSync(c + suffix).isFile()) return c + suffix;
      } catch {
        /* not this one */
      }
    }
  }
  return null;
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(file, `not valid JSON: ${(e as Error).message}`);
  }
}

function read(root: string): LoadedConfig | null {
  const configFile = path.join(root, CONFIG_FILE);
  const packageFile = path.join(root, 'package.json');
  let fromPackage: unknown;
  let packageText: string | null = null;
  try {
    packageText = fs.readFileSync(packageFile, 'utf8');
  } catch {
    /* no package.json: only leakproof.config.json can configure this root */
  }
  if (packageText !== null) {
    try {
      const json = parseJson(packageFile, packageText);
      if (typeof json === 'object' && json !== null && 'leakproof' in json) fromPackage = (json as Record<string, unknown>).leakproof;
    } catch (e) {
      // A broken package.json is this module's business only when it may hold the configuration.
      if (packageText.includes('"leakproof"')) throw e;
    }
  }
  let text: string | null = null;
  try {
    text = fs.readFileSync(configFile, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new ConfigError(configFile, `cannot read: ${(e as Error).message}`);
  }
  if (text !== null && fromPackage !== undefined) {
    throw new ConfigError(configFile, `package.json also has a "leakproof" key; keep the configuration in one place`);
  }
  let file: string;
  let config: LeakproofConfig;
  if (text !== null) {
    file = configFile;
    config = validated(file, parseJson(file, text), '');
  } else if (fromPackage !== undefined) {
    file = packageFile;
    config = validated(file, fromPackage, 'leakproof');
  } else {
    return null;
  }
  config.resources.forEach((r, i) => {
    if (isRelative(r.module) && !resolveConfiguredModule(root, r.module)) {
      const at = `${file === packageFile ? 'leakproof.' : ''}resources[${i}].module`;
      const tried = `${r.module}.ts, ${r.module}.js, ${r.module}/index.ts, …`;
      throw new ConfigError(file, `${at}: expected a path to a source file relative to ${path.basename(file)}, but no file matches ${JSON.stringify(r.module)} (tried ${tried})`);
    }
  });
  return { ...config, root, file };
}

function validated(file: string, raw: unknown, at: string): LeakproofConfig {
  try {
    return validateConfig(raw, at);
  } catch (e) {
    if (e instanceof ConfigIssue) throw new ConfigError(file, e.message);
    throw e;
  }
}

/**
 * The configuration of the package rooted at `packageRoot`, or null when it has none. Throws ConfigError
 * (every time it is asked) when the configuration is malformed.
 */
export function loadConfig(packageRoot: string): LoadedConfig | null {
  // Asked for every file the index reads, mostly with a root already absolute: no path.resolve then.
  let entry = cache.get(packageRoot);
  if (entry === undefined) {
    const root = path.resolve(packageRoot);
    entry = cache.get(root);
    if (entry === undefined) {
      try {
        entry = read(root);
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        entry = e;
      }
      cache.set(root, entry);
    }
    if (path.isAbsolute(packageRoot)) cache.set(packageRoot, entry);
  }
  if (entry instanceof ConfigError) throw entry;
  return entry;
}

/** Test hook: forget loaded configurations. */
export function clearConfigCache(): void {
  cache.clear();
}
