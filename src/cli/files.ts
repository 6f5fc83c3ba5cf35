import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore from 'ignore';
import picomatch from 'picomatch';
import { findGitRoot } from './git';

/** A path given on the command line that does not exist or cannot be read: exit 2. */
export class DiscoveryError extends Error {}

export interface DiscoverOptions {
  cwd: string;
  paths: string[];
  /** Lower-case, with the leading dot. */
  extensions: string[];
  gitignore: boolean;
  /** picomatch globs, matched against the path relative to `cwd`. */
  ignore: string[];
  /** Listings already read this run (the configuration's walk): used instead of reading them again. */
  read?: Map<string, fs.Dirent[]>;
}

export interface Discovery {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Why an explicitly named path yields nothing; printed on stderr. */
  notes: string[];
  /** Every directory walked, with its whole listing (ignored entries too): the passes look up files in these instead of reading them again. */
  listings: Map<string, fs.Dirent[]>;
}

// Never walked, whatever the ignore settings: dependencies and git's own store.
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

/** Forward slashes, relative to `from`: the form both .gitignore rules and --ignore globs are written in. */
export function toPosixRelative(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/');
}

/** `abs` relative to `dir` when it lies below it (the walk's case), without path.relative's work; else null. */
function below(dir: string, abs: string): string | null {
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  if (!abs.startsWith(prefix) || abs.length === prefix.length) return null;
  const rel = abs.slice(prefix.length);
  return path.sep === '/' ? rel : rel.split(path.sep).join('/');
}

type Ignore = ReturnType<typeof ignore>;

interface Rules {
  dir: string;
  ig: Ignore;
}

function readRules(dir: string, file: string): Rules | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  return { dir, ig: ignore({ allowRelativePaths: true }).add(text) };
}

/**
 * Git's precedence: the .gitignore nearest to the path decides; a file whose rules neither ignore nor
 * re-include the path defers to its parent's. Ignored directories are pruned by the walk, so (as in git)
 * a `!rule` cannot re-include a file below an ignored directory.
 */
function ignoredBy(stack: Rules[], abs: string, isDir: boolean): boolean {
  for (let i = stack.length - 1; i >= 0; i--) {
    const { dir, ig } = stack[i];
    let rel = below(dir, abs) ?? toPosixRelative(dir, abs);
    if (rel === '' || rel.startsWith('..')) continue;
    if (isDir) rel += '/';
    const r = ig.test(rel);
    if (r.ignored) return true;
    if (r.unignored) return false;
  }
  return false;
}

/** Rules from the git root down to `dir`'s parent (plus .git/info/exclude): what applies to `dir` from above. */
function ancestorRules(dir: string): Rules[] {
  const root = findGitRoot(dir);
  if (!root) return [];
  const chain: string[] = [];
  if (dir !== root) {
    for (let d = path.dirname(dir); ; d = path.dirname(d)) {
      chain.unshift(d);
      if (d === root || d === path.dirname(d)) break;
    }
  }
  const stack: Rules[] = [];
  const exclude = readRules(root, path.join(root, '.git', 'info', 'exclude'));
  if (exclude) stack.push(exclude);
  for (const d of chain) {
    const r = readRules(d, path.join(d, '.gitignore'));
    if (r) stack.push(r);
  }
  return stack;
}

export function discoverFiles(opts: DiscoverOptions): Discovery {
  const found = new Set<string>();
  const notes: string[] = [];
  const listings = new Map<string, fs.Dirent[]>();
  const exts = new Set(opts.extensions);
  const globMatch = opts.ignore.length > 0 ? picomatch(opts.ignore, { dot: true }) : null;
  const globIgnored = (abs: string) => globMatch !== null && globMatch(toPosixRelative(opts.cwd, abs));
  const hasExt = (file: string) => exts.has(path.extname(file).toLowerCase());

  for (const given of opts.paths) {
    const abs = path.resolve(opts.cwd, given);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new DiscoveryError(code === 'ENOENT' ? `${given}: no such file or directory` : `${given}: ${(e as Error).message}`);
    }
    const segments = path.normalize(given).split(/[\\/]/);
    if (segments.some((s) => ALWAYS_SKIPPED.has(s))) {
      notes.push(`${given}: skipped (node_modules and .git are never processed)`);
      continue;
    }

    if (st.isFile()) {
      // A file named on the command line is wanted even if .gitignore lists it; extension and --ignore still apply.
      if (!hasExt(abs)) notes.push(`${given}: skipped (extension not in ${opts.extensions.join(',')})`);
      else if (globIgnored(abs)) notes.push(`${given}: skipped (matches --ignore)`);
      else found.add(abs);
      continue;
    }
    if (!st.isDirectory()) {
      notes.push(`${given}: skipped (not a file or directory)`);
      continue;
    }

    let stack: Rules[] = [];
    if (opts.gitignore) {
      stack = ancestorRules(abs);
      // Naming an ignored directory (`leakproof dist`) is a request to process it: drop the rules from above.
      if (ignoredBy(stack, abs, true)) stack = [];
    }
    walk(abs, stack);
  }

  function walk(dir: string, stack: Rules[]): void {
    let entries: fs.Dirent[];
    const known = opts.read?.get(dir);
    if (known) entries = known;
    else {
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch (e) {
        throw new DiscoveryError(`${toPosixRelative(opts.cwd, dir) || '.'}: ${(e as Error).message}`);
      }
    }
    listings.set(dir, entries);
    let own = stack;
    // Read only where the listing has one: a failed read per directory costs more than the walk.
    if (opts.gitignore && entries.some((e) => e.name === '.gitignore')) {
      const r = readRules(dir, path.join(dir, '.gitignore'));
      if (r) own = [...stack, r];
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      // Symbolic links are not followed: no cycles, and a rewrite never lands outside the tree.
      if (entry.isSymbolicLink()) continue;
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED.has(entry.name)) continue;
        if (globIgnored(abs) || (opts.gitignore && ignoredBy(own, abs, true))) continue;
        walk(abs, own);
      } else if (entry.isFile()) {
        if (!hasExt(entry.name) || globIgnored(abs)) continue;
        if (opts.gitignore && ignoredBy(own, abs, false)) continue;
        found.add(abs);
      }
    }
  }

  return { files: [...found].sort(), notes, listings };
}
