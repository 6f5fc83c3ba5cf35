import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageJson, type PackageJson } from './packageInfo';

// The directories whose settings reach a package: the package itself and the ones above it up to the
// repository root. In a monorepo the root's engines, .nvmrc, Dockerfile and devDependencies (jest, ts-node,
// Babel) apply to every workspace, so they are evidence for each of them too.

const topCache = new Map<string, string>();

/**
 * The repository root above `packageRoot`: the nearest directory holding `.git`; without one, the topmost
 * directory above it that still holds a package.json (a checkout copied without its history).
 */
export function repositoryRoot(packageRoot: string): string {
  const cached = topCache.get(packageRoot);
  if (cached) return cached;
  let top = packageRoot;
  let found: string | null = null;
  for (let dir = packageRoot; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) {
      found = dir;
      break;
    }
    if (fs.existsSync(path.join(dir, 'package.json'))) top = dir;
    if (path.dirname(dir) === dir) break;
  }
  const result = found ?? top;
  topCache.set(packageRoot, result);
  return result;
}

/** Directories from `packageRoot` up to its repository root, nearest first. */
export function scopeDirs(packageRoot: string): string[] {
  const top = repositoryRoot(packageRoot);
  const dirs: string[] = [];
  for (let dir = packageRoot; ; dir = path.dirname(dir)) {
    dirs.push(dir);
    if (dir === top || path.dirname(dir) === dir) break;
  }
  return dirs;
}

/** The package.json files in scope, nearest first, with where each was read. */
export function scopePackages(packageRoot: string): { dir: string; json: PackageJson }[] {
  return scopeDirs(packageRoot).flatMap((dir) => {
    const json = fs.existsSync(path.join(dir, 'package.json')) ? packageJson(dir) : null;
    return json ? [{ dir, json }] : [];
  });
}

/** Is `pkg` a dependency or devDependency of any package in scope? The range of the nearest that declares it. */
export function declaredInScope(packageRoot: string, pkg: string): { dir: string; range: string } | null {
  for (const { dir, json } of scopePackages(packageRoot)) {
    const range = json.dependencies?.[pkg] ?? json.devDependencies?.[pkg] ?? (json.optionalDependencies as Record<string, string> | undefined)?.[pkg];
    if (typeof range === 'string') return { dir, range };
  }
  return null;
}

/** The `scripts` of every package in scope, joined (what the project runs: `tsc`, `tsx`, `bun`, …). */
export function scriptsInScope(packageRoot: string): string {
  return scopePackages(packageRoot)
    .flatMap(({ json }) => Object.values((json.scripts as Record<string, unknown> | undefined) ?? {}))
    .filter((s): s is string => typeof s === 'string')
    .join('\n');
}

export function clearScopeCaches(): void {
  topCache.clear();
}
