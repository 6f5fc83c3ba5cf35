// Which relative imports can name a module, by the name alone, before any is resolved. On a large tree the
// index would otherwise resolve every import of thousands of files to find the few that reach a module able
// to hold a resource (medusa: 14 of 5,747). A relative specifier names its module by its last segment: the
// module's file name (`./db` → db.ts, `./db.js` → db.ts), or its folder's for an index file (`./db` →
// db/index.ts). So a specifier whose last segment names no module of interest cannot resolve to one, and is
// not resolved. Files the run does not hold (not JavaScript, generated, in a folder discovery did not walk)
// could be anything: their names count as of interest, and so does any path through a folder not walked.
import * as path from 'node:path';
import type { Listings } from '../../core/listings';
import type { RunFile } from '../../core/passes';
import { bareResolvable } from './resolve';

// What module resolution adds to a specifier's path (resolve.ts): a code extension, or nothing.
const CODE_SUFFIX = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
const INDEX_FILE = /^index\.(?:tsx?|js)$/;

/** The last segments a relative specifier may end in to name `file`: `db.ts` → db.ts, db (its folder's name too for an index file). */
export function nameKeys(file: string): string[] {
  const base = path.basename(file);
  const bare = base.replace(CODE_SUFFIX, '');
  const keys = bare !== base ? [base, bare] : [base];
  if (INDEX_FILE.test(base)) keys.push(path.basename(path.dirname(file)));
  return keys;
}

/**
 * The forms of a relative specifier's last segment to look up (`./db.js`: db.js and db), or null when the
 * specifier must be resolved to know (it names a folder itself, `..`, `./`).
 */
export function specifierKeys(spec: string): string[] | null {
  const last = spec.slice(spec.lastIndexOf('/') + 1);
  if (last === '' || last === '.' || last === '..') return null;
  const dot = last.lastIndexOf('.');
  return dot > 0 ? [last, last.slice(0, dot)] : [last];
}

export class ModuleNames {
  private readonly keys = new Set<string>();
  /** Names of folders inside walked ones that discovery did not walk (`dist`, a link): a path through one may name anything. */
  private readonly unwalked = new Set<string>();
  /** Per folder: whether the folder each number of levels above it was walked. */
  private readonly walkedUp = new Map<string, boolean[]>();

  /** `known`: the files whose text the run holds; every other file of a walked folder counts as of interest. */
  constructor(
    private readonly listings: Listings,
    known: ReadonlySet<string>,
  ) {
    for (const [dir, entries] of listings) {
      for (const e of entries) {
        const full = dir.endsWith(path.sep) ? dir + e.name : dir + path.sep + e.name;
        if (e.isDirectory() || e.isSymbolicLink()) {
          if (!listings.has(full)) {
            this.unwalked.add(e.name);
            this.keys.add(e.name);
          }
          if (e.isDirectory()) continue;
        }
        if (!known.has(full)) this.add(full);
      }
    }
    this.outside = new Set(this.keys);
  }

  /** The names of files the run does not hold (and of folders not walked): any of them may hold a resource. */
  readonly outside: ReadonlySet<string>;

  /** `file` is of interest: a specifier that may name it gets resolved. The names that were new. */
  add(file: string): string[] {
    const added = nameKeys(file).filter((k) => !this.keys.has(k));
    for (const k of added) this.keys.add(k);
    return added;
  }

  get all(): Iterable<string> {
    return this.keys;
  }

  /**
   * What to look up of `spec`, imported from a file in `dir`: the names its last segment may be, 'bare' for a
   * specifier not relative to the file (an alias, `#db`: resolved always), null when it must be resolved to
   * know (through a folder not walked, above the walked ones, a folder's own index).
   */
  lookup(dir: string, spec: string): string[] | 'bare' | null {
    if (!spec.startsWith('.')) return path.isAbsolute(spec) ? null : 'bare';
    const keys = specifierKeys(spec);
    if (!keys) return null;
    // (Most are `./name`: the file's own folder.)
    if (spec.lastIndexOf('/') === 1 && spec[0] === '.') return this.walkedAbove(dir, 0) ? keys : null;
    const segments = spec.split('/');
    let ups = 0;
    for (let i = 0; i < segments.length - 1; i++) {
      const s = segments[i];
      if (s === '..') {
        // `a/../b`: resolved to know.
        if (i > ups) return null;
        ups++;
      } else if (s !== '.' && (s === '' || this.unwalked.has(s))) return null;
    }
    return this.walkedAbove(dir, ups) ? keys : null;
  }

  /** Whether `spec`, imported from a file in `dir`, may name a module of interest. */
  mayName(dir: string, spec: string): boolean {
    const keys = this.lookup(dir, spec);
    return keys === null || keys === 'bare' || keys.some((k) => this.keys.has(k));
  }

  /** The folder `ups` levels above `dir` (or `dir` itself) was walked by discovery: its other entries are then known or of interest. */
  private walkedAbove(dir: string, ups: number): boolean {
    let above = this.walkedUp.get(dir);
    if (!above) this.walkedUp.set(dir, (above = []));
    let yes = above[ups];
    if (yes === undefined) {
      let d = dir;
      for (let i = 0; i < ups; i++) d = path.dirname(d);
      above[ups] = yes = this.listings.has(d);
    }
    return yes;
  }
}

/**
 * Who imports what, as far as names tell, over the files of a run: what a module's importers can be. A
 * relative specifier is indexed by its last segment, unresolved; an alias, or a path whose name cannot tell
 * (`..`, through a folder not walked), is resolved and indexed by the module it names.
 */
export class ImportIndex {
  /** A last segment → the files with a relative specifier ending in it. */
  private readonly byKey = new Map<string, string[]>();
  /** A module an alias (or an unnamed path) resolves to → the files importing it so. */
  private readonly byTarget = new Map<string, string[]>();
  /** Files with an alias or an unnamed path resolving to a file the run does not hold. */
  readonly outside: string[] = [];
  /** The files of the run, in its order. */
  private readonly order: Map<string, number>;

  constructor(all: RunFile[], names: ModuleNames, resolve: Resolver) {
    this.order = new Map(all.map((f, i) => [f.abs, i]));
    for (const f of all) {
      const dir = path.dirname(f.abs);
      const resolvable = bareResolvable(dir);
      for (const spec of resolve.specsOf(f.abs)) {
        const keys = names.lookup(dir, spec);
        if (keys !== null && keys !== 'bare') for (const k of keys) pushTo(this.byKey, k, f.abs);
        else if (keys === null || resolvable(spec)) {
          const t = resolve.targetOf(f.abs, spec);
          if (t && !this.knows(t)) pushOnce(this.outside, f.abs);
          else if (t) pushTo(this.byTarget, t, f.abs);
        }
      }
    }
  }

  /** Whether the run holds the text of `abs`. */
  knows(abs: string): boolean {
    return this.order.has(abs);
  }

  /** Files with a relative specifier whose last segment is one of `keys`. */
  importersNaming(keys: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const k of keys) for (const abs of this.byKey.get(k) ?? []) out.add(abs);
    return out;
  }

  /** Files that import `module` by a name it answers to (nameKeys), or by an alias or path resolved to it. */
  importersByName(module: string): string[] {
    const out = this.importersNaming(nameKeys(module));
    for (const abs of this.byTarget.get(module) ?? []) out.add(abs);
    return [...out];
  }

  /** Whether any file may import `module`, by the names it answers to. */
  mayBeImported(module: string): boolean {
    return this.byTarget.has(module) || nameKeys(module).some((k) => this.byKey.has(k));
  }

  /** The files that may import `module` (each of them resolved to know), in the run's order. */
  mayImport(module: string): string[] {
    return this.importersByName(module).sort((a, b) => this.order.get(a)! - this.order.get(b)!);
  }
}

const pushOnce = (list: string[], abs: string) => {
  if (list[list.length - 1] !== abs) list.push(abs);
};
const pushTo = (map: Map<string, string[]>, key: string, abs: string) => {
  const list = map.get(key);
  if (!list) map.set(key, [abs]);
  else pushOnce(list, abs);
};

/**
 * The known modules that may hold a resource: those that do by themselves (`holdsByItself`, asked only of a
 * module some file may import: `capable` is asked of imports alone), and those that pass on (`passesOn`:
 * re-export, or acquire on) an import of one, or of a file the run does not hold, to a fixpoint. Only the
 * imports whose names can name such a module are resolved (the index resolved aliases and unnamed paths
 * already). Every module the index's `capable` finds true is here, so no other known file needs asking. Each
 * module found adds its names to `names`.
 */
export function mayHoldResource(all: RunFile[], names: ModuleNames, imports: ImportIndex, resolve: Resolver, holdsByItself: (f: RunFile) => boolean, passesOn: (abs: string) => boolean): Set<string> {
  const out = new Set<string>();
  const pending: string[] = [];
  const hold = (abs: string) => {
    if (out.has(abs)) return;
    out.add(abs);
    names.add(abs);
    pending.push(abs);
  };
  const passes = new Map<string, boolean>();
  const mayPassOn = (abs: string): boolean => {
    let yes = passes.get(abs);
    if (yes === undefined) passes.set(abs, (yes = passesOn(abs)));
    return yes;
  };
  // `abs` imports a module that `keys` may name and `holds` says is one.
  const importsOne = (abs: string, keys: ReadonlySet<string>, holds: (target: string) => boolean): boolean => {
    const dir = path.dirname(abs);
    for (const spec of resolve.specsOf(abs)) {
      const forms = names.lookup(dir, spec);
      if (forms !== null && forms !== 'bare' && !forms.some((k) => keys.has(k))) continue;
      const target = resolve.targetOf(abs, spec);
      if (target && holds(target)) return true;
    }
    return false;
  };
  for (const f of all) if (imports.mayBeImported(f.abs) && holdsByItself(f)) hold(f.abs);
  for (const abs of imports.outside) if (mayPassOn(abs)) hold(abs);
  for (const abs of imports.importersNaming(names.outside)) if (!out.has(abs) && mayPassOn(abs) && importsOne(abs, names.outside, (t) => !imports.knows(t))) hold(abs);
  for (let m = pending.pop(); m !== undefined; m = pending.pop()) {
    const keys = new Set(nameKeys(m));
    const module = m;
    for (const abs of imports.importersByName(m)) if (!out.has(abs) && mayPassOn(abs) && importsOne(abs, keys, (t) => t === module)) hold(abs);
  }
  return out;
}

export interface Resolver {
  /** The file's specifiers, catalogue modules left out. */
  specsOf: (abs: string) => string[];
  /** The project module a specifier of the file resolves to. */
  targetOf: (abs: string, spec: string) => string | null;
}
