import * as fs from 'node:fs';
import * as path from 'node:path';
import { clearCompilerCache } from './compilers';
import { clearRuntimeCaches } from './runtime';
import { clearScopeCaches } from './scope';
import { formatVersion, rangeMinimum } from '../../core/semver';
import { clearTsconfigCaches } from './tsconfig';
import { clearDecisionCache, decideUsing } from './usingDecision';

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

// The run's discovery already listed most folders: while the project index runs, a listing answers instead
// of a stat per folder (see withDirectoryCacheSteps).
let listingOf: ((dir: string) => readonly { name: string }[] | undefined) | null = null;
export function useListings(of: typeof listingOf): typeof listingOf {
  const before = listingOf;
  listingOf = of;
  return before;
}

/** Nearest directory at or above `dir` holding a package.json (not inside node_modules). */
export function packageRoot(dir: string): string | null {
  const cached = rootCache.get(dir);
  if (cached !== undefined) return cached;
  let found: string | null = null;
  const listing = listingOf?.(dir);
  if (listing ? listing.some((e) => e.name === 'package.json') : fs.existsSync(path.join(dir, 'package.json'))) found = dir;
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

export type UsingSupport = { ok: true; via: string } | { ok: false; reason: string };

/**
 * May this file hold `using` declarations? Only when the code that will run accepts them: usingDecision.ts
 * decides (the same decision `leakproof doctor` prints, with its facts).
 */
export function usingSupport(file: string): UsingSupport {
  const d = decideUsing(file);
  return d.ok ? { ok: true, via: d.via! } : { ok: false, reason: d.reason! };
}

/** Test hook: forget cached facts (fixtures change package.json between cases). */
export function clearPackageCaches(): void {
  rootCache.clear();
  jsonCache.clear();
  installedCache.clear();
  clearTsconfigCaches();
  clearScopeCaches();
  clearRuntimeCaches();
  clearDecisionCache();
  clearCompilerCache();
}
