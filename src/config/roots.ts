// Package roots (directories with a package.json) that a run or a doctor report concerns.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../js/project/packageInfo';

export interface RootsOptions {
  /** Also skip directories whose name starts with a dot (doctor); node_modules and .git are always skipped. */
  skipHidden?: boolean;
  /** Filled with every listing read, for the run's discovery, which walks the same tree right after. */
  listings?: Map<string, fs.Dirent[]>;
}

/** Every directory at or under `dir` holding a package.json, sorted; node_modules and .git are not entered. */
export function packageRootsUnder(dir: string, options: RootsOptions = {}): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    options.listings?.set(d, entries);
    if (entries.some((e) => e.name === 'package.json' && e.isFile())) found.push(d);
    for (const e of entries) {
      if (!e.isDirectory() || e.name === 'node_modules' || e.name === '.git') continue;
      if (options.skipHidden && e.name.startsWith('.')) continue;
      walk(path.join(d, e.name));
    }
  };
  walk(path.resolve(dir));
  return found.sort();
}

/**
 * The package roots whose files a path can reach: the one it sits in (at or above it) and every one below
 * it. A path that does not exist has none (the caller reports it).
 */
export function packageRootsFor(target: string, options: RootsOptions = {}): string[] {
  let st: fs.Stats;
  try {
    st = fs.statSync(target);
  } catch {
    return [];
  }
  const dir = st.isDirectory() ? path.resolve(target) : path.dirname(path.resolve(target));
  const roots = new Set<string>();
  const enclosing = packageRoot(dir);
  if (enclosing) roots.add(enclosing);
  if (st.isDirectory()) for (const r of packageRootsUnder(dir, options)) roots.add(r);
  return [...roots].sort();
}
