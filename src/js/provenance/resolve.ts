// Module resolution for the project's own files: relative specifiers (with TypeScript's `.js` → `.ts` mapping and
// index files), package.json `imports`, tsconfig/jsconfig `paths` and `baseUrl`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJsonc } from '../project/tsconfig';
import { runScoped } from '../../core/runScope';
import { readDir } from '../project/sourceFiles';
import { useListings } from '../project/packageInfo';
import type { ListedEntry, Listings } from '../../core/listings';

export const RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js'];

/** A relative import → a source file of the project, following TypeScript's `.js` → `.ts` mapping. */
export function resolveLocalModule(fromDir: string, specifier: string): string | null {
  const base = path.resolve(fromDir, specifier);
  const candidates = [base];
  const jsExt = /\.(m|c)?js$/.exec(base);
  if (jsExt) candidates.unshift(base.replace(/\.(m|c)?js$/, `.${jsExt[1] ?? ''}ts`));
  for (const c of candidates) {
    const hit = listings ? firstListed(c) : firstOnDisk(c);
    if (hit) return hit;
  }
  return null;
}

function firstOnDisk(c: string): string | null {
  for (const suffix of RESOLVE_SUFFIXES) {
    const f = c + suffix;
    if (statIsFileInRun(f)) return f;
  }
  return null;
}

const FILE_SUFFIXES = RESOLVE_SUFFIXES.filter((s) => !s.startsWith('/'));
const INDEX_FILES = RESOLVE_SUFFIXES.filter((s) => s.startsWith('/')).map((s) => s.slice(1));

/** firstOnDisk from the directory listings: `c`'s folder is looked at once, not once per suffix. */
function firstListed(c: string): string | null {
  const here = listed(path.dirname(c));
  if (!here) return null;
  const name = path.basename(c);
  for (const suffix of FILE_SUFFIXES) if (here.get(name + suffix) === true) return c + suffix;
  // An index file inside `c`, when `c` is there at all (as a folder, or a link to one).
  if (!here.has(name)) return null;
  const inside = listed(c);
  for (const index of INDEX_FILES) if (inside?.get(index) === true) return `${c}/${index}`;
  return null;
}

// While the project index runs, directory listings are read once each: resolving every import of a large
// repository otherwise costs a dozen stat calls per specifier. Outside it (workers, an editor's ESLint
// process, where files come and go) every question goes to the file system.
let listings: Map<string, Map<string, boolean> | null> | null = null;
// The listings the run's discovery already read (the same directories, a moment before).
let discovered: Listings | undefined;
// And the files of a directory import the same modules: each (directory, specifier) is resolved once.
let resolved: Map<string, string | null> | null = null;

/**
 * The steps of `steps` (the index), each with the run's directory caches in place: the same caches for every
 * step, and none between steps, when other work of the main thread may run.
 */
export function* withDirectoryCacheSteps<T, R>(steps: Generator<T, R>, seen?: Listings): Generator<T, R> {
  const own = { listings: new Map<string, Map<string, boolean> | null>(), resolved: new Map<string, string | null>() };
  const step = (): IteratorResult<T, R> => {
    const outer = { listings, resolved, discovered };
    listings = outer.listings ?? own.listings;
    resolved = outer.resolved ?? own.resolved;
    if (!outer.listings) discovered = seen;
    const listingsBefore = useListings(discovered ? (dir) => discovered?.get(dir) : null);
    try {
      return steps.next();
    } finally {
      listings = outer.listings;
      resolved = outer.resolved;
      discovered = outer.discovered;
      useListings(listingsBefore);
    }
  };
  for (let r = step(); ; r = step()) {
    if (r.done) return r.value;
    yield r.value;
  }
}

function listed(dir: string): Map<string, boolean> | null {
  let l = listings!.get(dir);
  if (l === undefined) {
    const entries = discovered?.get(dir) ?? readDir(dir);
    l = entries && new Map(entries.map((e: ListedEntry) => [e.name, e.isFile() || (e.isSymbolicLink() && statIsFile(path.join(dir, e.name)))]));
    listings!.set(dir, l);
  }
  return l;
}

/** Inside a run (every file's transforms, in one thread) files do not change on disk: each path is asked once. */
function statIsFileInRun(f: string): boolean {
  const known = runScoped('js.isFile', () => new Map<string, boolean>());
  let hit = known.get(f);
  if (hit === undefined) known.set(f, (hit = statIsFile(f)));
  return hit;
}

function statIsFile(f: string): boolean {
  try {
    return fs.statSync(f).isFile();
  } catch {
    return false;
  }
}


// ---- bare specifiers of the project: tsconfig/jsconfig `paths` and `baseUrl`, package.json `imports` ----

interface Aliases {
  /** `paths` patterns, most specific first, with their targets made absolute. */
  paths: { prefix: string; suffix: string; star: boolean; targets: string[] }[];
  baseUrl: string | null;
}

const aliasCache = new Map<string, Aliases | null>();
const importsCache = new Map<string, { root: string; imports: Record<string, unknown> } | null>();

/** The `paths`/`baseUrl` of the nearest tsconfig.json or jsconfig.json at or above `dir` (following `extends`). */
function aliasesFor(dir: string): Aliases | null {
  if (aliasCache.has(dir)) return aliasCache.get(dir)!;
  let found: Aliases | null = null;
  // (One listing read for the three names, while the index runs.)
  const here = listings ? listed(dir) : undefined;
  const has = (name: string) => (here !== undefined ? here?.get(name) === true : isFile(path.join(dir, name)));
  const config = ['tsconfig.json', 'jsconfig.json'].find(has);
  if (config) found = readAliases(path.join(dir, config), 0);
  else if (!has('package.json') || !fs.existsSync(path.join(dir, '.git'))) {
    const parent = path.dirname(dir);
    found = parent === dir ? null : aliasesFor(parent);
  }
  aliasCache.set(dir, found);
  return found;
}

function readAliases(file: string, depth: number): Aliases | null {
  let raw: { extends?: unknown; compilerOptions?: { paths?: Record<string, unknown>; baseUrl?: unknown } };
  try {
    raw = parseJsonc(fs.readFileSync(file, 'utf8')) as typeof raw;
  } catch {
    return null;
  }
  const dir = path.dirname(file);
  // Options of a relative `extends` first; this file's own win.
  let inherited: Aliases | null = null;
  const ext = Array.isArray(raw.extends) ? raw.extends : raw.extends ? [raw.extends] : [];
  for (const e of ext) {
    if (typeof e !== 'string' || !e.startsWith('.') || depth > 5) continue;
    const target = [path.resolve(dir, e), path.resolve(dir, `${e}.json`)].find((c) => isFile(c));
    if (target) inherited = readAliases(target, depth + 1) ?? inherited;
  }
  const options = raw.compilerOptions ?? {};
  const baseUrl = typeof options.baseUrl === 'string' ? path.resolve(dir, options.baseUrl) : (inherited?.baseUrl ?? null);
  if (!options.paths || typeof options.paths !== 'object') return inherited || baseUrl ? { paths: inherited?.paths ?? [], baseUrl } : null;
  // Targets are relative to baseUrl when set, else to the file that declares them.
  const from = typeof options.baseUrl === 'string' ? baseUrl! : dir;
  const paths = Object.entries(options.paths).map(([key, targets]) => {
    const star = key.indexOf('*');
    return {
      prefix: star < 0 ? key : key.slice(0, star),
      suffix: star < 0 ? '' : key.slice(star + 1),
      star: star >= 0,
      targets: (Array.isArray(targets) ? targets : []).filter((t): t is string => typeof t === 'string').map((t) => path.resolve(from, t)),
    };
  });
  paths.sort((a, b) => b.prefix.length - a.prefix.length);
  return { paths, baseUrl };
}

function packageImports(dir: string): { root: string; imports: Record<string, unknown> } | null {
  if (importsCache.has(dir)) return importsCache.get(dir)!;
  let found: { root: string; imports: Record<string, unknown> } | null = null;
  const manifest = path.join(dir, 'package.json');
  if (isFile(manifest)) {
    try {
      const imports = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { imports?: Record<string, unknown> }).imports;
      found = imports && typeof imports === 'object' ? { root: dir, imports } : null;
    } catch {
      found = null;
    }
  } else {
    const parent = path.dirname(dir);
    found = parent === dir ? null : packageImports(parent);
  }
  importsCache.set(dir, found);
  return found;
}

/** A conditional export target: the first plain path among the conditions Node or a bundler would take. */
function conditionTarget(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(conditionTarget).find((t) => t) ?? null;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const c of ['types', 'import', 'require', 'node', 'default']) {
      const t = conditionTarget(o[c]);
      if (t) return t;
    }
  }
  return null;
}

/**
 * A specifier → a source file of the project, or null: relative paths, package.json `imports` (`#db`),
 * tsconfig/jsconfig `paths` (`@/lib/db`) and `baseUrl` (`lib/db`). Never a file under node_modules.
 */
export function resolveProjectModule(fromFile: string, specifier: string): string | null {
  const dir = path.dirname(fromFile);
  // (A bare specifier's aliases are cached per folder, and what it names per set of aliases: no pair to key.)
  if (!resolved || !(specifier.startsWith('.') || path.isAbsolute(specifier) || specifier.startsWith('#'))) return resolveFrom(dir, specifier);
  const key = `${dir}\0${specifier}`;
  let hit = resolved.get(key);
  if (hit === undefined) resolved.set(key, (hit = resolveFrom(dir, specifier)));
  return hit;
}

function resolveFrom(dir: string, specifier: string): string | null {
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) return resolveLocalModule(dir, specifier);
  if (specifier.startsWith('node:')) return null;
  if (specifier.startsWith('#')) {
    const pkg = packageImports(dir);
    if (!pkg) return null;
    for (const [key, value] of Object.entries(pkg.imports)) {
      const star = key.indexOf('*');
      let target: string | null = null;
      if (star < 0 && key === specifier) target = conditionTarget(value);
      else if (star >= 0 && specifier.startsWith(key.slice(0, star)) && specifier.endsWith(key.slice(star + 1))) {
        const middle = specifier.slice(star, specifier.length - (key.length - star - 1));
        target = conditionTarget(value)?.replace('*', middle) ?? null;
      }
      if (target?.startsWith('./')) return inProject(resolveLocalModule(pkg.root, target));
    }
    return null;
  }
  const aliases = aliasesFor(dir);
  if (!aliases) return null;
  // What a bare specifier names depends on the aliases alone, not on the importing folder: every folder under
  // one tsconfig asks once (on medusa, 5,276 folder-and-specifier pairs were half of the index's resolving).
  if (!resolved) return resolveAliased(aliases, specifier);
  const key = `\0${aliasId(aliases)}\0${specifier}`;
  let hit = resolved.get(key);
  if (hit === undefined) resolved.set(key, (hit = resolveAliased(aliases, specifier)));
  return hit;
}

/**
 * Whether a bare specifier imported from a file in `dir` can name a project module at all: some tsconfig or
 * jsconfig above declares `paths` or `baseUrl`, or a package.json above declares `imports` (for `#db`). Asked
 * of one folder's files' specifiers, each question once.
 */
export function bareResolvable(dir: string): (specifier: string) => boolean {
  let aliased: boolean | undefined;
  let imported: boolean | undefined;
  return (specifier) => (specifier.startsWith('node:') ? false : specifier.startsWith('#') ? (imported ??= packageImports(dir) !== null) : (aliased ??= aliasesFor(dir) !== null));
}

const aliasIds = new WeakMap<Aliases, number>();
let nextAliasId = 0;
const aliasId = (a: Aliases): number => {
  let id = aliasIds.get(a);
  if (id === undefined) aliasIds.set(a, (id = nextAliasId++));
  return id;
};

function resolveAliased(aliases: Aliases, specifier: string): string | null {
  for (const p of aliases.paths) {
    let middle: string | null = null;
    if (!p.star && specifier === p.prefix) middle = '';
    else if (p.star && specifier.startsWith(p.prefix) && specifier.endsWith(p.suffix) && specifier.length >= p.prefix.length + p.suffix.length) {
      middle = specifier.slice(p.prefix.length, specifier.length - p.suffix.length);
    }
    if (middle === null) continue;
    for (const t of p.targets) {
      const hit = inProject(resolveLocalModule('/', p.star ? t.replace('*', middle) : t));
      if (hit) return hit;
    }
  }
  if (aliases.baseUrl) return inProject(resolveLocalModule(aliases.baseUrl, `./${specifier}`));
  return null;
}

const inProject = (file: string | null) => (file && !file.split(path.sep).includes('node_modules') ? file : null);

function isFile(f: string): boolean {
  if (!listings) return statIsFileInRun(f);
  return listed(path.dirname(f))?.get(path.basename(f)) === true;
}

export function clearResolveCaches(): void {
  aliasCache.clear();
  importsCache.clear();
}
