// The project index (issue 13): once per run, in the main thread, before any transform. It reads the files of
// the run and the project modules they import, and records for each file the values those modules export
// (a pool, a factory, a function that returns a fresh connection, a class that hands out sessions) and the
// parameters of its own functions that every call in the project fills with one resource. Workers then
// read no other file. Only modules that can hold a resource are parsed: those naming a catalogue module
// (or configured as one), and those importing such a module.
import * as fs from 'node:fs';
import { escapeRegExp } from '../../core/regex';
import { catalogueWords, DECLARES_CLASS, EXPORTS, extendedSpecifiers, heldNames, importedNames, localNames, makesResource, onParameter, PASSES_ON, SPECIFIER } from './moduleText';
import { catalogFor } from '../../config/toCatalog';
import type { TransformOptions } from '../../core/model';
import type { PassContext, PassOutput, ProjectPass, RunFile } from '../../core/passes';
import { parseForValues } from '../syntax/analysisTree';
import type { Path } from '../analysis/ast';
import { resolveLocalModule, resolveProjectModule, withDirectoryCacheSteps } from './resolve';
import { ImportIndex, mayHoldResource, ModuleNames } from './reach';
import { defaultCatalog } from '../../catalog/js';
import type { Listings } from '../../core/listings';
import { serialize, type IndexFacts, type SerialValue } from './serial';
import { missingImports } from './missing';
import { Provenance, type Value } from './values';
import { sharedTree, type SharedReads } from './reads';
import { acquiringParams, agreedArgument, callsInModule } from './params';
import { importedCalls, type ImportGraph } from './reexports';
import { mayParkOnRequest, mergeSlots, parkedSlots } from './requestSlots';
import * as path from 'node:path';
import { entryPoints, entryTargets } from '../project/entries';
import { packageJson, packageRoot } from '../project/packageInfo';

export const PROJECT_INDEX = 'index';

export function indexFactsOf(options: TransformOptions): IndexFacts | undefined {
  return options.facts?.[PROJECT_INDEX] as IndexFacts | undefined;
}

/**
 * The file's facts without the project modules its text mocks (`jest.mock('../utils', …)`, hoisted above its
 * imports; `specifiers` from catalogForText): what it imports from them is the mock's, holding nothing.
 */
export function withoutMockedModules(facts: IndexFacts | undefined, abs: string, specifiers: ReadonlySet<string>): IndexFacts | undefined {
  const mocked = [...specifiers];
  if (!facts || !mocked.length) return facts;
  const targets = new Set(mocked.map((spec) => resolveProjectModule(abs, spec)));
  const missing = facts.missing?.filter((spec) => !mocked.includes(spec));
  if (![...targets].some((t) => t && t in facts.exports) && missing?.length === facts.missing?.length) return facts;
  const { missing: _, ...rest } = facts;
  return { ...rest, exports: Object.fromEntries(Object.entries(facts.exports).filter(([target]) => !targets.has(target))), ...(missing?.length ? { missing } : {}) };
}

/** The file imports a project module that exports a resource, or has a parameter the index filled. */
export function importsResource(facts: IndexFacts | undefined): boolean {
  if (!facts) return false;
  if (facts.missing?.length) return true;
  return Object.keys(facts.params).length > 0 || Object.keys(facts.requestSlots ?? {}).length > 0 || Object.values(facts.exports).some((names) => Object.values(names).some((v) => v));
}

export const projectIndexPass: ProjectPass = {
  name: PROJECT_INDEX,
  // Keyed by module files, exported names and function names: an edit of the text leaves them true.
  boundToText: false,
  wanted: (ctx) => ctx.index !== false,
  run(files, dropped, ctx) {
    const steps = indexStepsOf(files, dropped, ctx);
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
  },
  steps: (files, dropped, ctx) => indexStepsOf(files, dropped, ctx),
};

const indexStepsOf = (files: RunFile[], dropped: RunFile[], ctx: PassContext) => withDirectoryCacheSteps(indexSteps(files, dropped, ctx.listings), ctx.listings);

/** The index, file by file: each file of the run with its facts as soon as they are final, then the output. */
function* indexSteps(files: RunFile[], dropped: RunFile[], listings: Listings | undefined): Generator<[string, IndexFacts], PassOutput> {
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

  // Import graph by text: file → its specifiers (catalogue modules left out) → resolved project module.
  const specsCache = new Map<string, string[]>();
  const specsOf = (abs: string): string[] => {
    let out = specsCache.get(abs);
    if (out) return out;
    const text = textOf(abs);
    const { catalog } = catalogFor(abs);
    const specs = new Set<string>();
    if (text) for (const m of text.matchAll(SPECIFIER)) if (!catalog.module(m[2])) specs.add(m[2]);
    specsCache.set(abs, (out = [...specs]));
    return out;
  };
  const targetsCache = new Map<string, Map<string, string | null>>();
  const targetOf = (abs: string, spec: string): string | null => {
    let here = targetsCache.get(abs);
    if (!here) targetsCache.set(abs, (here = new Map()));
    let t = here.get(spec);
    if (t === undefined) {
      t = resolveProjectModule(abs, spec);
      here.set(spec, (t = t !== abs ? t : null));
    }
    return t;
  };
  const importsCache = new Map<string, Map<string, string>>();
  const importsOf = (abs: string): Map<string, string> => {
    let out = importsCache.get(abs);
    if (out) return out;
    out = new Map();
    for (const spec of specsOf(abs)) {
      const target = targetOf(abs, spec);
      if (target) out.set(spec, target);
    }
    importsCache.set(abs, out);
    return out;
  };
  // The modules of interest by name (reach.ts): with the run's listings, a relative import is resolved only
  // when its last segment may name one. Without them, every import is.
  const known = new Set(all.map((f) => f.abs));
  const names = listings ? new ModuleNames(listings, known) : null;
  const importsNaming = (abs: string): [string, string][] => {
    if (!names) return [...importsOf(abs)];
    const dir = path.dirname(abs);
    const out: [string, string][] = [];
    for (const spec of specsOf(abs)) {
      if (!names.mayName(dir, spec)) continue;
      const target = targetOf(abs, spec);
      if (target) out.push([spec, target]);
    }
    return out;
  };

  // Whether a module acquires or releases on a parameter, asked once per module: `capable` asks it of an
  // import, the parameters' inference of a file of the run, often the same file (a large one, on typeorm).
  const onParameterCache = new Map<string, boolean>();
  const onParameterOf = (abs: string, text: string): boolean => {
    let yes = onParameterCache.get(abs);
    if (yes === undefined) onParameterCache.set(abs, (yes = onParameter(text, catalogFor(abs).catalog, abs)));
    return yes;
  };

  const onParameters: OnParameter = { of: onParameterOf, asked: (abs) => onParameterCache.get(abs) };

  // A module can hold a resource when it names a catalogue module, is configured, or imports one that can.
  const droppedFiles = new Set(dropped.map((f) => f.abs));
  const holdsByItself = (abs: string, text: string): boolean => {
    const { catalog } = catalogFor(abs);
    // (A file the prefilter dropped makes nothing of the default catalogue: the prefilter's test is wider.)
    const makes = !(droppedFiles.has(abs) && catalog === defaultCatalog) && makesResource(text, catalog);
    // A helper that acquires on its parameter (`function checkout(pool) { pool.getConnection(…) }`).
    return makes || !!catalog.moduleForFile(abs) || (onParameterOf(abs, text) && EXPORTS.test(text));
  };
  const passesOn = (abs: string, text: string): boolean => PASSES_ON.test(text) || catalogueWords(catalogFor(abs).catalog).acquire.test(text);
  // Every module `capable` can find true, and more (mayHold in reach.ts): no other known file is asked.
  const resolver = { specsOf, targetOf };
  const imports = names && new ImportIndex(all, names, resolver);
  const mayHold = names && imports ? mayHoldResource(all, names, imports, resolver, (f) => holdsByItself(f.abs, f.text), (abs) => passesOn(abs, textOf(abs)!)) : null;
  // The files that may import one of those, a base class read for a subclass (added below) or a file outside
  // the run: no other file's imports are looked at for what they export.
  const reading = names && imports && mayHold ? new Set([...imports.importersNaming(names.all), ...[...mayHold].flatMap((m) => imports.importersByName(m)), ...imports.outside]) : null;
  const capableCache = new Map<string, boolean>();
  const capable = (abs: string): boolean => {
    if (capableCache.has(abs)) return capableCache.get(abs)!;
    capableCache.set(abs, false); // import cycles: false until shown otherwise
    if (mayHold && known.has(abs) && !mayHold.has(abs)) return false;
    const text = textOf(abs);
    const yes = !!text && (holdsByItself(abs, text) || (passesOn(abs, text) && importsNaming(abs).some(([, t]) => capable(t))));
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
      const locals = localNames(text);
      const held = heldNames(text);
      for (const [spec, target] of importsOf(abs)) {
        if ((locals.get(spec) ?? []).some((n) => held.has(n)) && (capable(target) || holdsInClass(target))) yes = true;
        if (yes) break;
      }
    }
    classCache.set(abs, yes);
    return yes;
  };
  const extended = new Set<string>();
  const wantBases = (abs: string, text: string | null): void => {
    if (!text || !text.includes('extends') || !/\bextends\b/.test(text)) return;
    const specs = extendedSpecifiers(text);
    if (!specs.size) return;
    for (const spec of specsOf(abs)) {
      const target = specs.has(spec) ? targetOf(abs, spec) : null;
      if (!target || capable(target) || extended.has(target) || !holdsInClass(target)) continue;
      extended.add(target);
      names?.add(target);
      for (const importer of imports?.importersByName(target) ?? []) reading?.add(importer);
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
    const missing = entry.all ? new Set<string>() : wanted === '*' ? '*' : new Set([...wanted].filter((n) => !Object.hasOwn(entry!.values, n)));
    if (missing === '*' || missing.size) {
      try {
        const values = new Provenance(catalogFor(abs).catalog, abs, { shared }).exportsOf(abs, missing);
        for (const [name, v] of values) entry.values[name] = serialize(v);
        if (missing !== '*') for (const n of missing) if (!Object.hasOwn(entry.values, n)) entry.values[n] = null;
      } catch {
        // A module that cannot be read: its names stay unknown.
      }
      if (missing === '*') entry.all = true;
    }
    if (wanted === '*') return entry.values;
    return Object.fromEntries([...wanted].filter((n) => Object.hasOwn(entry!.values, n)).map((n) => [n, entry!.values[n]]));
  };

  // Request slots read the whole run, but parse only the files that park an awaited value (usually none).
  // A value parked on the request is a resource only when the file can make one: it calls an acquire (of a
  // library, or on something it holds), or imports a module of the project that can hold one.
  const mayMake = (f: RunFile): boolean => {
    const { catalog } = catalogFor(f.abs);
    return catalogueWords(catalog).acquire.test(f.text) || makesResource(f.text, catalog) || !!catalog.moduleForFile(f.abs) || [...importsOf(f.abs).values()].some((t) => capable(t) || holdsInClass(t));
  };
  const slotsRead = requestSlotsRead(all, shared, mayMake);
  const params = new Map<string, IndexFacts['params']>(all.map((f) => [f.abs, {}]));
  const facts = new Map<string, unknown>();
  const factsOf = (f: RunFile): { facts: IndexFacts; resource: boolean } => {
    const exports: IndexFacts['exports'] = {};
    let resource = false;
    let asked: Map<string, Set<string> | '*'> | null = null; // read from the text only when needed
    wantBases(f.abs, f.text);
    for (const [spec, target] of reading && !reading.has(f.abs) ? [] : importsNaming(f.abs)) {
      if (!capable(target) && !extended.has(target)) continue;
      asked ??= importedNames(f.text);
      const values = exportsOf(target, asked.get(spec) ?? '*');
      exports[target] = { ...exports[target], ...values };
      if (Object.values(values).some((v) => v)) resource = true;
    }
    // A module of the project that is not there: what the file takes from it is reported (provenance-unknown).
    const missing = missingImports(f.text, f.abs);
    const slots = slotsRead.get(f.abs);
    const own: IndexFacts = { exports, params: params.get(f.abs)!, ...(missing.length ? { missing } : {}), ...(slots ? { requestSlots: slots } : {}) };
    facts.set(f.abs, own);
    return { facts: own, resource };
  };

  // The files of the run go to the transforms as soon as their facts are final: at once for a file whose
  // functions no caller can fill (its text acquires on no parameter), after the parameters for the others,
  // which read every import of the run.
  const later: RunFile[] = [];
  for (const f of files) {
    if (mayAcquireOnParameter(f, onParameters)) later.push(f);
    else yield [f.abs, factsOf(f).facts];
  }
  inferParams(all, params, importsOf, imports, shared, onParameters);
  for (const f of later) yield [f.abs, factsOf(f).facts];

  const joins = { resource: new Set<string>(), params: new Set<string>(), slots: new Set<string>() };
  for (const f of dropped) {
    const { facts: own, resource } = factsOf(f);
    if (resource || own.missing) joins.resource.add(f.abs);
    // A function whose parameter every caller fills with a resource (`.connect(` on it): its file may name no library.
    if (Object.keys(own.params).length > 0) joins.params.add(f.abs);
    if (own.requestSlots) joins.slots.add(f.abs);
  }
  return { facts, join: [...new Set([...joins.resource, ...joins.params, ...joins.slots])], note: null };
}

/** `x.slot = …` (not `==`, `=>`): a member assigned on a name. */
const ASSIGNED_MEMBER = /(?<![\w$.])([\w$]+)\s*\.\s*([\w$]+)\s*=(?![=>])/g;

/**
 * What middleware parks on the request (`req.db = await pool.connect()`), for the handlers that read it: per
 * file that reads a known slot (`.db`), the slots it reads and what each holds.
 */
function requestSlotsRead(all: RunFile[], shared: SharedReads, mayMake: (f: RunFile) => boolean): Map<string, Record<string, SerialValue>> {
  const slots = new Map<string, SerialValue | null>();
  for (const f of all) {
    if (!mayParkOnRequest(f.text, f.abs)) continue;
    // What it parks is no resource, unparsed: every name it assigns a member of becomes unknown wherever
    // another middleware parks a resource under the same name (as a parse would find, and more).
    if (!mayMake(f)) {
      mergeSlots(slots, new Map([...f.text.matchAll(ASSIGNED_MEMBER)].filter((m) => m[1] !== 'this').map((m) => [m[2], null])));
      continue;
    }
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
  const out = new Map<string, Record<string, SerialValue>>();
  const known = [...slots].filter((e): e is [string, SerialValue] => !!e[1]);
  if (!known.length) return out;
  const reads = new RegExp(`\\.\\s*(?:${known.map(([slot]) => escapeRegExp(slot)).join('|')})(?![\\w$])`, 'g');
  for (const f of all) {
    const read = new Set([...f.text.matchAll(reads)].map((m) => m[0].replace(/^\.\s*/, '')));
    if (read.size > 0) out.set(f.abs, Object.fromEntries(known.filter(([slot]) => read.has(slot))));
  }
  return out;
}

/**
 * Cross-file parameters: for each exported function of the run that acquires through a parameter, or
 * releases a pooled resource it holds, every call in the files of the run that import its module (or a
 * module that re-exports it, reexports.ts) must pass the same resource. A package entry's
 * functions are called from outside the project: unknown.
 */
function inferParams(all: RunFile[], params: Map<string, IndexFacts['params']>, importsOf: (abs: string) => Map<string, string>, byName: ImportIndex | null, shared: SharedReads, onParameters: OnParameter): void {
  // Each module's importers, asked of the modules that may acquire on a parameter only (and of those that
  // re-export one): the files that may name it (`byName`, reach.ts) are resolved; without it, every file is.
  let everyImport: Map<string, string[]> | null = null;
  const importersCache = new Map<string, string[]>();
  const importers = (target: string): string[] => {
    let list = importersCache.get(target);
    if (list) return list;
    if (byName) list = byName.mayImport(target).filter((abs) => [...importsOf(abs).values()].includes(target));
    else {
      if (!everyImport) {
        everyImport = new Map();
        for (const f of all) {
          for (const t of new Set(importsOf(f.abs).values())) {
            const had = everyImport.get(t);
            if (had) had.push(f.abs);
            else everyImport.set(t, [f.abs]);
          }
        }
      }
      list = everyImport.get(target) ?? [];
    }
    importersCache.set(target, list);
    return list;
  };
  // The trees the exports were read from: each file is parsed once for the whole index.
  const programOf = (f: RunFile | { abs: string; text: string }): Path | null => sharedTree(shared, f.abs, f.text)?.get('program') ?? null;
  const textByFile = new Map(all.map((f) => [f.abs, f.text]));
  // Per package root: the same entries for every module of the package.
  const packageEntries = new Map<string, { everything: boolean; files: Set<string> }>();
  const graph: ImportGraph = {
    importers,
    importsOf,
    programOf: (abs) => {
      const text = textByFile.get(abs);
      return text === undefined ? null : programOf({ abs, text });
    },
    isEntry: (abs) => isPackageEntry(abs, packageEntries),
  };
  const provenances = new Map<string, Provenance>();
  for (const m of all) {
    try {
      paramsOf(m);
    } catch {
      // One module that cannot be read this way keeps its parameters unknown; the others go on.
    }
  }
  function paramsOf(m: RunFile): void {
    // (Whether any file may import it, by name, first: the cheapest question.)
    if (byName?.mayBeImported(m.abs) === false || !mayAcquireOnParameter(m, onParameters) || !importers(m.abs).length || isPackageEntry(m.abs, packageEntries)) return;
    const { catalog } = catalogFor(m.abs);
    const program = programOf(m);
    if (!program) return;
    const candidates = acquiringParams(program, catalog);
    if (!candidates.length) return;
    const own = params.get(m.abs)!;
    for (const c of candidates) {
      const sites: { call: Path; evaluate: (arg: Path) => Value | null }[] = [];
      let unknown = false;
      const inModule = callsInModule(program, c.name);
      if (!inModule) continue;
      const here = new Provenance(catalog, m.abs, { shared });
      for (const call of inModule) sites.push({ call, evaluate: (a) => here.expr(a) });
      // Through modules that re-export it too, under the names they give it.
      for (const exportName of c.exportNames) {
        const calls = importedCalls(m.abs, exportName, graph);
        if (!calls) {
          unknown = true;
          break;
        }
        for (const { file, call } of calls) {
          let there = provenances.get(file);
          if (!there) provenances.set(file, (there = new Provenance(catalogFor(file).catalog, file, { shared })));
          sites.push({ call, evaluate: (a) => there.expr(a) });
        }
      }
      if (unknown || sites.length === 0) continue;
      for (const index of c.indexes) {
        const v = serialize(agreedArgument(sites, index));
        if (v) (Object.hasOwn(own, c.name) ? own[c.name] : (own[c.name] = {}))[String(index)] = v;
      }
    }
  }
}

/** Whether a module acquires or releases on a parameter (moduleText's onParameter), once per module; `asked`: the answer when it was asked already. */
interface OnParameter {
  of(abs: string, text: string): boolean;
  asked(abs: string): boolean | undefined;
}

/**
 * The module's text may export a function that acquires on a parameter (params.ts asks for `pool.connect()`
 * right on one): only such a module can have parameters the index fills.
 */
function mayAcquireOnParameter(m: RunFile, onParameter: OnParameter): boolean {
  // (The parameters' scan first where it was made already, for `capable`: then it costs nothing.)
  if (onParameter.asked(m.abs) === false || !/\bexport/.test(m.text)) return false;
  const { catalog } = catalogFor(m.abs);
  const w = catalogueWords(catalog);
  // Then the text test `capable` asks of such a helper, before a parse: a call on a name inside a function
  // whose parameter list declares it.
  // (Or a pooled release called right on a name: `conn.release()` of what the caller hands it.)
  return ((w.acquire.test(m.text) && w.onName.test(m.text)) || w.releaseOnName.test(m.text)) && onParameter.of(m.abs, m.text);
}

/** A module other packages may import (a published package's entry): its functions have unknown callers. */
function isPackageEntry(abs: string, packageEntries: Map<string, { everything: boolean; files: Set<string> }>): boolean {
  const root = packageRoot(path.dirname(abs));
  if (!root || packageJson(root)?.private === true) return false;
  let entries = packageEntries.get(root);
  if (!entries) {
    const found = entryPoints(path.dirname(abs), {});
    // A JavaScript package names its sources themselves.
    const named = entryTargets(packageJson(root) as Record<string, unknown>).map((t) => resolveLocalModule(root, t.startsWith('.') ? t : `./${t}`));
    packageEntries.set(root, (entries = { everything: found.everything, files: new Set([...found.files, ...named.filter((f): f is string => !!f)]) }));
  }
  return entries.everything || entries.files.has(abs);
}
