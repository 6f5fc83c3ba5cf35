// The project index (issue 13): once per run, in the main thread, before any transform. It reads the files of
// the run and the project modules they import, and records for each file the values those modules export
// (a pool, a factory, a function that returns a fresh connection, a class that hands out sessions) and the
// parameters of its own functions that every call in the project fills with one resource. Workers then
// read no other file. Only modules that can hold a resource are parsed: those naming a catalogue module
// (or configured as one), and those importing such a module.
import * as fs from 'node:fs';
import { TOO_COMMON, type Catalog } from '../../catalog/js';
import { escapeRegExp } from '../../core/regex';
import { catalogFor } from '../../config/toCatalog';
import type { TransformOptions } from '../../core/model';
import type { ProjectPass, RunFile } from '../../core/passes';
import { parseForValues } from '../syntax/analysisTree';
import type { Path } from '../analysis/ast';
import { resolveLocalModule, resolveProjectModule, withDirectoryCache } from './resolve';
import { serialize, type IndexFacts, type SerialValue } from './serial';
import { missingImports } from './missing';
import { Provenance, type Value } from './values';
import { sharedTree, type SharedReads } from './reads';
import { acquiringParams, agreedArgument, callsInModule, callsOfImport } from './params';
import { mergeSlots, PARKS_AWAITED, parkedSlots } from './requestSlots';
import * as path from 'node:path';
import { entryPoints, entryTargets } from '../project/entries';
import { packageJson, packageRoot } from '../project/packageInfo';

export const PROJECT_INDEX = 'index';

export function indexFactsOf(options: TransformOptions): IndexFacts | undefined {
  return options.facts?.[PROJECT_INDEX] as IndexFacts | undefined;
}

/** The file imports a project module that exports a resource, or has a parameter the index filled. */
export function importsResource(facts: IndexFacts | undefined): boolean {
  if (!facts) return false;
  if (facts.missing?.length) return true;
  return Object.keys(facts.params).length > 0 || Object.keys(facts.requestSlots ?? {}).length > 0 || Object.values(facts.exports).some((names) => Object.values(names).some((v) => v));
}

/** An import's clause and specifier: `import a, { b as c } from 'S'`, `const { d } = require('S')`. */
const IMPORT_CLAUSE = /\bimport\s+(?:type\s+)?([^'";]*?)\s*from\s*(['"])([^'"\n]+)\2|\b(?:const|let|var)\s+([^=;]+?)\s*=\s*(?:await\s+)?require\s*\(\s*(['"])([^'"\n]+)\5\s*\)|\bexport\s+(\*|\{[^}]*\})\s*from\s*(['"])([^'"\n]+)\8|\b(?:import|require)\s*\(\s*(['"])([^'"\n]+)\10/g;

/**
 * Names a file takes from each module specifier ('*': possibly any, as through a namespace). Read from the
 * text; an import the pattern does not understand asks for every name.
 */
function importedNames(text: string): Map<string, Set<string> | '*'> {
  const out = new Map<string, Set<string> | '*'>();
  const add = (spec: string, names: string[] | '*') => {
    const had = out.get(spec);
    if (names === '*' || had === '*') return void out.set(spec, '*');
    out.set(spec, new Set([...(had ?? []), ...names]));
  };
  for (const m of text.matchAll(IMPORT_CLAUSE)) {
    if (m[3] !== undefined) {
      const clause = m[1].trim();
      const names: string[] = [];
      if (/\*\s*as\s/.test(clause)) {
        add(m[3], '*');
        continue;
      }
      const braces = /\{([^}]*)\}/.exec(clause);
      const head = clause.replace(/\{[^}]*\}/, '').replace(/,/g, ' ').trim();
      if (head) names.push('default');
      for (const part of braces?.[1].split(',') ?? []) {
        const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0].trim();
        if (name) names.push(name);
      }
      add(m[3], names);
    } else if (m[6] !== undefined) {
      const target = m[4].trim();
      if (!target.startsWith('{')) add(m[6], '*');
      else add(m[6], target.slice(1, -1).split(',').map((p) => p.trim().split(/\s*:\s*/)[0].trim()).filter((n) => n && !n.startsWith('...')));
    } else if (m[9] !== undefined) {
      add(m[9], m[7] === '*' ? '*' : m[7].slice(1, -1).split(',').map((p) => p.trim().split(/\s+as\s+/)[0].trim()).filter(Boolean));
    } else if (m[11] !== undefined) add(m[11], '*');
  }
  return out;
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+|\bexport\s*\*\s*from\s*)(['"])([^'"\n]+)\1/gm;
interface Words {
  /** Any catalogue module imported. */
  module: RegExp;
  /** Any call that can acquire. */
  acquire: RegExp;
  /** Per library: an import of one of its modules, and a call of one of its acquires. */
  libraries: { module: RegExp; acquire: RegExp }[];
  /**
   * An acquire method called on a value, a library callback's manual acquire included (`.transaction(`), or
   * a release of a pooled resource (`.release(`): what a helper may do with what its callers hand it.
   * (Its receiver's first name is captured: `db` of `db.sequelize.transaction(`.)
   */
  onValue: RegExp;
}
const words = new WeakMap<Catalog, Words>();
/** Release names most code calls for other reasons too (`res.end()`, `stream.destroy()`): no sign of a resource. */
const COMMON_RELEASES = new Set(['close', 'end', 'destroy', 'done', 'quit', 'disconnect']);

function catalogueWords(catalog: Catalog): Words {
  let w = words.get(catalog);
  if (!w) {
    // A call or `new` of anything that can make or hand out a resource: `new Pool(`, `createPool(`, `.connect(`.
    // (Not a name most code calls for other reasons, `.get(`: the call that leads to it names the library.)
    const acquire = (names: Set<string>) => new RegExp(`(?<![\\w$])(?:${[...names].filter((n) => !TOO_COMMON.has(n)).map(escapeRegExp).join('|')})\\s*\\(`);
    w = {
      // An import of one (`from 'pg'`, `require('pg')`): a quoted name alone is often a setting (`type: "postgres"`).
      module: catalog.importPattern(),
      acquire: acquire(catalog.acquireNames()),
      libraries: catalog.libraries.filter((l) => Object.keys(l.modules).length > 0).map((l) => ({ module: catalog.importPattern(l), acquire: acquire(catalog.acquireNames(l)) })),
      onValue: new RegExp(
        `(?<![\\w$.])([\\w$]+)(?:\\s*\\.\\s*[\\w$]+)*?\\s*\\.\\s*(?:${[
          ...catalog.acquireNames(),
          ...catalog.libraries.flatMap((l) => (l.callbacks ?? []).map((c) => c.acquire)),
          ...catalog.libraries.flatMap((l) => l.resources.flatMap((r) => r.release.map((x) => x.method))).filter((n) => !COMMON_RELEASES.has(n)),
        ]
          .filter((n) => !TOO_COMMON.has(n))
          .map(escapeRegExp)
          .join('|')})\\s*\\(`,
        'g',
      ),
    };
    words.set(catalog, w);
  }
  return w;
}

/**
 * The module itself makes a resource: it imports a catalogue module and calls something of that library
 * that acquires (`from 'fs/promises'` beside typeorm's `createQueryRunner(` makes nothing).
 */
function makesResource(text: string, catalog: Catalog): boolean {
  const w = catalogueWords(catalog);
  return w.module.test(text) && (w.libraries.some((l) => l.module.test(text) && l.acquire.test(text)) || callsCatalogueAlias(text, catalog));
}

/** A class: its fields may hold what it imports, and its subclasses inherit them. */
const DECLARES_CLASS = /\bclass\s+[\w$]/;
/** `class A extends B`, `class A<T> extends B<T>`: B. */
const EXTENDS = /\bclass\s+[\w$]+\s*(?:<[^{]*?>\s*)?extends\s+([\w$]+)/g;

/** The local names each module specifier's imports bind (`import a, { b as c } from 'S'`: a, c). */
function localNames(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of text.matchAll(IMPORT_CLAUSE)) {
    const clause = m[1] ?? m[4];
    const spec = m[3] ?? m[6];
    if (clause === undefined || spec === undefined) continue;
    const names = clause
      .replace(/[{}]/g, ',')
      .split(',')
      .map((part) => part.trim().replace(/^type\s+/, '').split(/\s+as\s+|\s*:\s*/).pop()!.replace(/^\*\s*/, '').trim())
      .filter((n) => /^[\w$]+$/.test(n));
    out.set(spec, [...(out.get(spec) ?? []), ...names]);
  }
  return out;
}

/** Specifiers of the modules the classes of `text` extend an import of. */
function extendedSpecifiers(text: string): Set<string> {
  const bases = new Set([...text.matchAll(EXTENDS)].map((m) => m[1]));
  const out = new Set<string>();
  if (bases.size) for (const [spec, names] of localNames(text)) if (names.some((n) => bases.has(n))) out.add(spec);
  return out;
}

/** Does `text` use the name as a type (`db: Database`), make one (`new Pool(`), or call its statics (`Db.get(`)? */
function holdsName(text: string, name: string): boolean {
  const n = escapeRegExp(name);
  return new RegExp(`:\\s*${n}(?![\\w$])|\\bnew\\s+${n}(?![\\w$])|(?<![\\w$.])${n}\\s*\\.\\s*[\\w$]+\\s*\\(|=\\s*${n}\\s*[;\\n]`).test(text);
}

/**
 * A catalogue module's export called under a name of the file's own choosing: `import knexModule from
 * 'knex'` then `knexModule({…})`, `const { createPool: makePool } = require('mysql')` then `makePool(…)`.
 */
function callsCatalogueAlias(text: string, catalog: Catalog): boolean {
  const locals: string[] = [];
  for (const m of text.matchAll(IMPORT_CLAUSE)) {
    const spec = m[3] ?? m[6];
    if (spec === undefined || !catalog.module(spec)) continue;
    const clause = (m[3] !== undefined ? m[1] : m[4]).trim();
    const braces = /\{([^}]*)\}/.exec(clause);
    for (const part of braces?.[1].split(',') ?? []) {
      const local = part.trim().replace(/^type\s+/, '').split(m[3] !== undefined ? /\s+as\s+/ : /\s*:\s*/).pop()?.trim();
      if (local && /^[\w$]+$/.test(local)) locals.push(local);
    }
    const head = clause.replace(/\{[^}]*\}/, '').replace(/\*\s*as\s+/, '').replace(/,/g, ' ').trim();
    if (/^[\w$]+$/.test(head)) locals.push(head);
  }
  if (!locals.length) return false;
  return new RegExp(`(?<![\\w$.])(?:${locals.map(escapeRegExp).join('|')})\\s*\\(`).test(text);
}

/** A parameter list: `function f(a, b)`, `(a, b) =>`, `a =>`, `method(a, b) {`. */
const PARAMS = /\bfunction\b[\s*]*[\w$]*\s*\(([^)]*)\)|\(([^()]*)\)\s*(?::[^=;{]*)?=>|([\w$]+)\s*=>|([\w$]+)\s*\(([^()]*)\)\s*\{/g;

/**
 * A helper that acquires or releases on what its caller passes (`function checkout(pool) { …
 * pool.getConnection(…) }`): some acquire or pooled release is called on a name, or a member chain of one,
 * that a parameter list of the module declares. Read from the text, as the test before any parse.
 */
function onParameter(text: string, catalog: Catalog): boolean {
  const receivers = new Set<string>();
  for (const m of text.matchAll(catalogueWords(catalog).onValue)) if (m[1] !== 'this') receivers.add(m[1]);
  if (!receivers.size) return false;
  for (const m of text.matchAll(PARAMS)) {
    const list = m[1] ?? m[2] ?? m[3] ?? m[5] ?? '';
    for (const part of list.split(',')) {
      const name = /^\s*(?:\.\.\.)?([\w$]+)/.exec(part)?.[1];
      if (name && receivers.has(name)) return true;
    }
  }
  return false;
}

/** A module that exports something: its functions may acquire on what their callers pass. */
const EXPORTS = /\bmodule\.exports\b|\bexports\.[\w$]+\s*=|^\s*export\s/m;

/** A module that passes on what it imports: re-exports, or an acquire call on an imported value. */
const PASSES_ON = /\bexport\s*(?:\*|\{[^}]*\})\s*from\b|\bmodule\.exports\s*=\s*require\s*\(|\bexport\s+default\s+[\w$]+\s*;?\s*$|\bexport\s*\{[^}]*\}\s*;?|\bmodule\.exports\s*=\s*[\w${]/m;

export const projectIndexPass: ProjectPass = {
  name: PROJECT_INDEX,
  // Keyed by module files, exported names and function names: an edit of the text leaves them true.
  boundToText: false,
  wanted: (ctx) => ctx.index !== false,
  run(files, dropped) {
    return withDirectoryCache(() => indexRun(files, dropped));
  },
};

function indexRun(files: RunFile[], dropped: RunFile[]): { facts: Map<string, unknown>; join: string[]; note: null } {
  const all = [...files, ...dropped];
  const texts = new Map(all.map((f) => [f.abs, f.text]));
  const textOf = (abs: string): string | null => {
    if (!texts.has(abs)) {
      let t: string | null = null;
      try {
        t = fs.readFileSync(abs, 'utf8').replace(/^\uFEFF/, '');
      } catch {
        t = null;
      }
      texts.set(abs, t as string);
    }
    return texts.get(abs) ?? null;
  };

  // Import graph by text: file → specifier → resolved project module.
  const importsCache = new Map<string, Map<string, string>>();
  const importsOf = (abs: string): Map<string, string> => {
    let out = importsCache.get(abs);
    if (out) return out;
    out = new Map();
    importsCache.set(abs, out);
    const text = textOf(abs);
    if (!text) return out;
    const { catalog } = catalogFor(abs);
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[2];
      if (out.has(spec) || catalog.module(spec)) continue;
      const target = resolveProjectModule(abs, spec);
      if (target && target !== abs) out.set(spec, target);
    }
    return out;
  };

  // A module can hold a resource when it names a catalogue module, is configured, or imports one that can.
  const capableCache = new Map<string, boolean>();
  const capable = (abs: string): boolean => {
    if (capableCache.has(abs)) return capableCache.get(abs)!;
    capableCache.set(abs, false); // import cycles: false until shown otherwise
    const text = textOf(abs);
    const { catalog } = catalogFor(abs);
    const yes =
      !!text &&
      (makesResource(text, catalog) ||
        !!catalog.moduleForFile(abs) ||
        // A helper that acquires on its parameter (`function checkout(pool) { pool.getConnection(…) }`).
        (EXPORTS.test(text) && onParameter(text, catalog)) ||
        ((PASSES_ON.test(text) || catalogueWords(catalog).acquire.test(text)) && [...importsOf(abs).values()].some(capable)));
    capableCache.set(abs, yes);
    return yes;
  };

  // A module whose class a subclass elsewhere extends, when that class can hold what it imports: read for
  // the subclass's sake only (its fields and methods are inherited), and so are the bases it extends in turn.
  const classCache = new Map<string, boolean>();
  const holdsInClass = (abs: string): boolean => {
    if (classCache.has(abs)) return classCache.get(abs)!;
    classCache.set(abs, false);
    const text = textOf(abs);
    let yes = false;
    if (text && DECLARES_CLASS.test(text)) {
      const names = localNames(text);
      for (const [spec, target] of importsOf(abs)) {
        if ((names.get(spec) ?? []).some((n) => holdsName(text, n)) && (capable(target) || holdsInClass(target))) yes = true;
        if (yes) break;
      }
    }
    classCache.set(abs, yes);
    return yes;
  };
  const extended = new Set<string>();
  const wantBases = (abs: string, text: string | null): void => {
    if (!text || !/\bextends\b/.test(text)) return;
    const specs = extendedSpecifiers(text);
    for (const [spec, target] of importsOf(abs)) {
      if (!specs.has(spec) || capable(target) || extended.has(target) || !holdsInClass(target)) continue;
      extended.add(target);
      wantBases(target, textOf(target));
    }
  };

  // Exported values of the capable modules, evaluated once each.
  const shared: SharedReads = { files: new Map<string, Path | null>(), exports: new Map<string, Value | null>(), follow: (abs) => capable(abs) || extended.has(abs), parse: parseForValues };
  // Per module: the names asked so far and their values ('*' once every name was asked).
  const exportsCache = new Map<string, { all: boolean; values: Record<string, SerialValue | null> }>();
  const exportsOf = (abs: string, wanted: Set<string> | '*'): Record<string, SerialValue | null> => {
    let entry = exportsCache.get(abs);
    if (!entry) exportsCache.set(abs, (entry = { all: false, values: {} }));
    const missing = entry.all ? new Set<string>() : wanted === '*' ? '*' : new Set([...wanted].filter((n) => !(n in entry!.values)));
    if (missing === '*' || missing.size) {
      try {
        const values = new Provenance(catalogFor(abs).catalog, abs, { shared }).exportsOf(abs, missing);
        for (const [name, v] of values) entry.values[name] = serialize(v);
        if (missing !== '*') for (const n of missing) entry.values[n] ??= null;
      } catch {
        // A module that cannot be read: its names stay unknown.
      }
      if (missing === '*') entry.all = true;
    }
    if (wanted === '*') return entry.values;
    return Object.fromEntries([...wanted].filter((n) => n in entry!.values).map((n) => [n, entry!.values[n]]));
  };

  const facts = new Map<string, unknown>();
  const join = new Set<string>();
  const droppedSet = new Set(dropped.map((f) => f.abs));
  for (const f of all) {
    const exports: IndexFacts['exports'] = {};
    let resource = false;
    let asked: Map<string, Set<string> | '*'> | null = null; // read from the text only when needed
    wantBases(f.abs, f.text);
    for (const [spec, target] of importsOf(f.abs)) {
      if (!capable(target) && !extended.has(target)) continue;
      asked ??= importedNames(f.text);
      const values = exportsOf(target, asked.get(spec) ?? '*');
      exports[target] = { ...exports[target], ...values };
      if (Object.values(values).some((v) => v)) resource = true;
    }
    // A module of the project that is not there: what the file takes from it is reported (provenance-unknown).
    const missing = missingImports(f.text, f.abs);
    facts.set(f.abs, { exports, params: {}, ...(missing.length ? { missing } : {}) } satisfies IndexFacts);
    if ((resource || missing.length) && droppedSet.has(f.abs)) join.add(f.abs);
  }

  inferParams(all, facts, importsOf, shared);
  // A function whose parameter every caller fills with a resource (`.connect(` on it): its file may name no library.
  for (const abs of droppedSet) if (Object.keys((facts.get(abs) as IndexFacts).params).length > 0) join.add(abs);
  // What middleware parks on the request, for the handlers that read it.
  const slots = new Map<string, SerialValue | null>();
  for (const f of all) {
    if (!PARKS_AWAITED.test(f.text)) continue;
    try {
      const { catalog } = catalogFor(f.abs);
      const root = sharedTree(shared, f.abs, f.text);
      if (!root) continue;
      const here = new Provenance(catalog, f.abs, { shared });
      mergeSlots(slots, parkedSlots(root.get('program'), catalog, (p) => here.expr(p)));
    } catch {
      // A file that cannot be read this way parks nothing we know of.
    }
  }
  const known = [...slots].filter((e): e is [string, SerialValue] => !!e[1]);
  if (known.length) {
    const reads = new RegExp(`\\.\\s*(?:${known.map(([slot]) => escapeRegExp(slot)).join('|')})(?![\\w$])`, 'g');
    for (const f of all) {
      const read = new Set([...f.text.matchAll(reads)].map((m) => m[0].replace(/^\.\s*/, '')));
      if (read.size === 0) continue;
      (facts.get(f.abs) as IndexFacts).requestSlots = Object.fromEntries(known.filter(([slot]) => read.has(slot)));
      if (droppedSet.has(f.abs)) join.add(f.abs);
    }
  }
  return { facts, join: [...join], note: null };
}

/**
 * Cross-file parameters: for each exported function of the run that acquires through a parameter, every
 * call in the files of the run that import its module must pass the same resource. A package entry's
 * functions are called from outside the project: unknown.
 */
function inferParams(all: RunFile[], facts: Map<string, unknown>, importsOf: (abs: string) => Map<string, string>, shared: SharedReads): void {
  const importers = new Map<string, string[]>();
  for (const f of all) for (const target of new Set(importsOf(f.abs).values())) importers.set(target, [...(importers.get(target) ?? []), f.abs]);
  // The trees the exports were read from: each file is parsed once for the whole index.
  const programOf = (f: RunFile | { abs: string; text: string }): Path | null => sharedTree(shared, f.abs, f.text)?.get('program') ?? null;
  const textByFile = new Map(all.map((f) => [f.abs, f.text]));
  for (const m of all) {
    try {
      paramsOf(m);
    } catch {
      // One module that cannot be read this way keeps its parameters unknown; the others go on.
    }
  }
  function paramsOf(m: RunFile): void {
    if (!/\bexport/.test(m.text) || !importers.has(m.abs)) return;
    const { catalog } = catalogFor(m.abs);
    if (!catalogueWords(catalog).acquire.test(m.text) || isPackageEntry(m.abs)) return;
    const program = programOf(m);
    if (!program) return;
    const candidates = acquiringParams(program, catalog);
    if (!candidates.length) return;
    const own = facts.get(m.abs) as IndexFacts;
    for (const c of candidates) {
      const sites: { call: Path; evaluate: (arg: Path) => Value | null }[] = [];
      let unknown = false;
      const inModule = callsInModule(program, c.name);
      if (!inModule) continue;
      const here = new Provenance(catalog, m.abs, { shared });
      for (const call of inModule) sites.push({ call, evaluate: (a) => here.expr(a) });
      for (const importer of importers.get(m.abs) ?? []) {
        const text = textByFile.get(importer);
        const p = text === undefined ? null : programOf({ abs: importer, text });
        if (!p) {
          unknown = true;
          break;
        }
        const specs = importsOf(importer);
        const calls = callsOfImport(p, (s) => specs.get(s) === m.abs, c.name);
        if (!calls) {
          unknown = true;
          break;
        }
        const there = new Provenance(catalogFor(importer).catalog, importer, { shared });
        for (const call of calls) sites.push({ call, evaluate: (a) => there.expr(a) });
      }
      if (unknown || sites.length === 0) continue;
      for (const index of c.indexes) {
        const v = serialize(agreedArgument(sites, index));
        if (v) (own.params[c.name] ??= {})[String(index)] = v;
      }
    }
  }
}

/** A module other packages may import (a published package's entry): its functions have unknown callers. */
function isPackageEntry(abs: string): boolean {
  const root = packageRoot(path.dirname(abs));
  if (!root || packageJson(root)?.private === true) return false;
  const entries = entryPoints(path.dirname(abs), {});
  if (entries.everything || entries.files.includes(abs)) return true;
  // A JavaScript package names its sources themselves.
  return entryTargets(packageJson(root) as Record<string, unknown>).some((t) => resolveLocalModule(root, t.startsWith('.') ? t : `./${t}`) === abs);
}
