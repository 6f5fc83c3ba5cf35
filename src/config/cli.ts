// What the CLI takes from the configurations of the package roots a run touches: validated up front (a bad
// one stops the run with its message), their ignore globs rebased onto the current directory, and the
// configured acquire names for the prefilter.
import type * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { loadConfig, type LoadedConfig } from './load';
import { packageRootsFor } from './roots';
import { acquireNames } from './toCatalog';

export interface RunConfigs {
  configs: LoadedConfig[];
  /** The configurations' `ignore` globs, relative to the current directory like --ignore. */
  ignore: string[];
  /** Words that let a file past the prefilter (configured acquire functions and methods). */
  acquireNames: string[];
  /** The directory listings read to find the package roots (discovery reads them again otherwise). */
  listings: Map<string, fs.Dirent[]>;
}

const posix = (p: string) => p.split(path.sep).join('/');

/**
 * Globs relative to `cwd` matching what `glob` (relative to `root`) matches, as far as files discovered
 * from `cwd` go. Below cwd: prefixed with the root's path. Above cwd: the leading segments that name cwd's
 * own path are consumed (`scripts/**` seen from `<root>/scripts` is `**`).
 */
export function rebaseGlob(glob: string, root: string, cwd: string): string[] {
  const g = glob.replace(/^\.?\//, '');
  const rootFromCwd = posix(path.relative(cwd, root));
  if (rootFromCwd === '') return [g];
  const cwdFromRoot = posix(path.relative(root, cwd));
  if (cwdFromRoot.startsWith('..') || path.isAbsolute(cwdFromRoot)) return [`${rootFromCwd}/${g}`];
  const out = new Set<string>();
  const strip = (gs: string[], cs: string[]): void => {
    if (cs.length === 0) return void out.add(gs.length === 0 ? '**' : gs.join('/'));
    // The glob matches a directory cwd is inside: everything discovered from cwd is ignored.
    if (gs.length === 0) return void out.add('**');
    if (gs[0] === '**') {
      strip(gs.slice(1), cs);
      strip(gs, cs.slice(1));
    } else if (picomatch(gs[0], { dot: true })(cs[0])) {
      strip(gs.slice(1), cs.slice(1));
    }
  };
  strip(g.split('/'), cwdFromRoot.split('/'));
  return [...out];
}

/** Load and check the configuration of every package root the paths reach. Throws ConfigError. */
export function configsForRun(paths: string[], cwd: string): RunConfigs {
  const roots = new Set<string>();
  const listings = new Map<string, fs.Dirent[]>();
  for (const p of paths) for (const r of packageRootsFor(path.resolve(cwd, p), { listings })) roots.add(r);
  const configs: LoadedConfig[] = [];
  for (const root of [...roots].sort()) {
    const config = loadConfig(root);
    if (config) configs.push(config);
  }
  return {
    configs,
    ignore: [...new Set(configs.flatMap((c) => c.ignore.flatMap((g) => rebaseGlob(g, c.root, cwd))))],
    acquireNames: [...new Set(configs.flatMap((c) => acquireNames(c)))],
    listings,
  };
}
