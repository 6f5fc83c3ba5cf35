import * as fs from 'node:fs';
import * as path from 'node:path';
import { atLeast, formatVersion, rangeMinimum } from './semver';

// Facts about the package a file belongs to: installed library versions and the toolchain that compiles
// it. Everything is cached per directory: a run over a large repository asks the same questions often.

export interface PackageJson {
  name?: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  babel?: unknown;
  [key: string]: unknown;
}

const rootCache = new Map<string, string | null>();
const jsonCache = new Map<string, PackageJson | null>();
const installedCache = new Map<string, string | null>();

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** Nearest directory at or above `dir` holding a package.json (not inside node_modules). */
export function packageRoot(dir: string): string | null {
  const cached = rootCache.get(dir);
  if (cached !== undefined) return cached;
  let found: string | null = null;
  if (fs.existsSync(path.join(dir, 'package.json'))) found = dir;
  else {
    const parent = path.dirname(dir);
    found = parent === dir ? null : packageRoot(parent);
  }
  rootCache.set(dir, found);
  return found;
}

export function packageJson(root: string): PackageJson | null {
  if (!jsonCache.has(root)) jsonCache.set(root, readJson<PackageJson>(path.join(root, 'package.json')));
  return jsonCache.get(root) ?? null;
}

/** Version of `pkg` as Node would resolve it from `dir`, or null when it is not installed. */
export function installedVersion(dir: string, pkg: string): string | null {
  const key = `${dir}\0${pkg}`;
  const cached = installedCache.get(key);
  if (cached !== undefined) return cached;
  let version: string | null = null;
  const manifest = path.join(dir, 'node_modules', pkg, 'package.json');
  if (fs.existsSync(manifest)) version = readJson<{ version?: string }>(manifest)?.version ?? null;
  else {
    const parent = path.dirname(dir);
    version = parent === dir ? null : installedVersion(parent, pkg);
  }
  installedCache.set(key, version);
  return version;
}

/** Installed version, else the lowest version the nearest package.json declares; null when unknown. */
export function knownVersion(dir: string, pkg: string): string | null {
  const installed = installedVersion(dir, pkg);
  if (installed) return installed;
  const root = packageRoot(dir);
  const json = root ? packageJson(root) : null;
  const declared = json?.dependencies?.[pkg] ?? json?.devDependencies?.[pkg] ?? json?.peerDependencies?.[pkg];
  const min = rangeMinimum(declared);
  return min ? formatVersion(min) : null;
}

/** Lowest Node version the package's `engines.node` admits, or null when it does not say. */
export function minimumNode(dir: string): string | null {
  const root = packageRoot(dir);
  const min = rangeMinimum(root ? packageJson(root)?.engines?.node : undefined);
  return min ? formatVersion(min) : null;
}

interface TsConfig {
  extends?: string;
  compilerOptions?: { target?: string; lib?: string[]; allowJs?: boolean };
}

/** Strip comments and trailing commas from tsconfig-style JSON, leaving strings intact. */
function parseJsonc(text: string): unknown {
  const noComments = text.replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (m, str) => str ?? '');
  return JSON.parse(noComments.replace(/,(\s*[}\]])/g, '$1'));
}

const tsconfigCache = new Map<string, { file: string; options: NonNullable<TsConfig['compilerOptions']> } | null>();

/** compilerOptions of the nearest tsconfig.json (following relative `extends`), or null. */
export function nearestTsconfig(dir: string): { file: string; options: NonNullable<TsConfig['compilerOptions']> } | null {
  if (tsconfigCache.has(dir)) return tsconfigCache.get(dir) ?? null;
  let result: { file: string; options: NonNullable<TsConfig['compilerOptions']> } | null = null;
  const file = path.join(dir, 'tsconfig.json');
  if (fs.existsSync(file)) result = { file, options: readTsconfigOptions(file, 0) };
  else if (!fs.existsSync(path.join(dir, 'package.json')) || dir === path.dirname(dir)) {
    const parent = path.dirname(dir);
    result = parent === dir ? null : nearestTsconfig(parent);
  }
  tsconfigCache.set(dir, result);
  return result;
}

function readTsconfigOptions(file: string, depth: number): NonNullable<TsConfig['compilerOptions']> {
  let config: TsConfig;
  try {
    config = parseJsonc(fs.readFileSync(file, 'utf8')) as TsConfig;
  } catch {
    return {};
  }
  let base: NonNullable<TsConfig['compilerOptions']> = {};
  if (config.extends && config.extends.startsWith('.') && depth < 5) {
    const target = path.resolve(path.dirname(file), config.extends);
    const withExt = target.endsWith('.json') ? target : `${target}.json`;
    if (fs.existsSync(withExt)) base = readTsconfigOptions(withExt, depth + 1);
  }
  return { ...base, ...(config.compilerOptions ?? {}) };
}

export type UsingSupport = { ok: true; via: string } | { ok: false; reason: string };

const BABEL_PLUGIN = '@babel/plugin-transform-explicit-resource-management';

function declares(json: PackageJson | null, pkg: string): boolean {
  return !!(json?.dependencies?.[pkg] ?? json?.devDependencies?.[pkg]);
}

/**
 * May this file hold `using` declarations? TypeScript ≥ 5.2 (with the disposable lib) compiles them; Babel
 * with the explicit-resource-management plugin (in preset-env from 7.28) transforms them; Node ≥ 24 runs
 * them as they are. Anything else would ship syntax the runtime cannot parse.
 */
export function usingSupport(file: string): UsingSupport {
  const dir = path.dirname(path.resolve(file));
  const ext = path.extname(file).toLowerCase();
  const root = packageRoot(dir);
  const json = root ? packageJson(root) : null;
  if (ext === '.ts' || ext === '.tsx' || ext === '.mts' || ext === '.cts') {
    const ts = knownVersion(dir, 'typescript');
    if (!ts) return { ok: false, reason: 'no TypeScript version could be found for this file (not installed, not declared)' };
    if (!atLeast(ts, '5.2.0')) return { ok: false, reason: `TypeScript ${ts} is older than 5.2, the first with \`using\`` };
    const tsconfig = nearestTsconfig(dir);
    const lib = tsconfig?.options.lib?.map((l) => l.toLowerCase());
    const target = tsconfig?.options.target?.toLowerCase();
    const hasDisposableLib = lib
      ? lib.some((l) => l.startsWith('esnext'))
      : !tsconfig || target === 'esnext';
    const nodeTypes = knownVersion(dir, '@types/node');
    if (!hasDisposableLib && !atLeast(nodeTypes, '20.4.0')) {
      return {
        ok: false,
        reason: `${path.basename(tsconfig!.file)} has no "esnext.disposable" in compilerOptions.lib (and no @types/node ≥ 20.4 to bring it)`,
      };
    }
    return { ok: true, via: `TypeScript ${ts}` };
  }
  const node = minimumNode(dir);
  if (node && atLeast(node, '24.0.0')) return { ok: true, via: `Node ${node}` };
  if (declares(json, BABEL_PLUGIN)) return { ok: true, via: BABEL_PLUGIN };
  const presetEnv = knownVersion(dir, '@babel/preset-env');
  if (presetEnv && atLeast(presetEnv, '7.28.0') && declares(json, '@babel/preset-env')) {
    return { ok: true, via: `@babel/preset-env ${presetEnv}` };
  }
  const engines = json?.engines?.node;
  return {
    ok: false,
    reason: engines
      ? `plain JavaScript run by Node ${engines}, which may be older than 24, with no Babel explicit-resource-management plugin`
      : 'plain JavaScript with no engines.node ≥ 24 and no Babel explicit-resource-management plugin',
  };
}

/** Test hook: forget cached facts (fixtures change package.json between cases). */
export function clearPackageCaches(): void {
  rootCache.clear();
  jsonCache.clear();
  installedCache.clear();
  tsconfigCache.clear();
}
