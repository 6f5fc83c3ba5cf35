// The project index (issue 13): once per run, in the main thread, before any transform. It reads the files of
// the run and the project modules they import, and records for each file the values those modules export
// (a pool, a factory, a function that returns a fresh connection, a class that hands out sessions) and the
// parameters of its own functions that every call in the project fills with one resource. Workers then
// read no other file. Only modules that can hold a resource are parsed: those naming a catalogue module
// (or configured as one), and those importing such a module.
import * as fs from 'node:fs';
import type { Catalog } from '../../catalog/js';
import { catalogFor } from '../../config/toCatalog';
import type { TransformOptions } from '../../core/model';
import type { ProjectPass, RunFile } from '../../core/passes';
import { jFor } from '../syntax/parse';
import type { Path } from '../analysis/ast';
import { resolveLocalModule, resolveProjectModule } from './resolve';
import { serialize, type IndexFacts, type SerialValue } from './serial';
import { Provenance, type Value } from './values';
import { acquiringParams, agreedArgument, callsInModule, callsOfImport } from './params';
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
  return Object.keys(facts.params).length > 0 || Object.values(facts.exports).some((names) => Object.values(names).some((v) => v));
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+|\bexport\s*\*\s*from\s*)(['"])([^'"\n]+)\1/gm;
const moduleWords = new WeakMap<Catalog, RegExp>();

/** `'pg'`, `"mysql2/promise"`: the text names a module of the catalogue. */
function namesCatalogueModule(text: string, catalog: Catalog): boolean {
  let re = moduleWords.get(catalog);
  if (!re) {
    const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const specifiers = catalog.libraries.flatMap((l) => Object.keys(l.modules));
    re = new RegExp(`['"\`](?:${specifiers.map(escape).join('|')})['"\`]`);
    moduleWords.set(catalog, re);
  }
  return re.test(text);
}

export const projectIndexPass: ProjectPass = {
  name: PROJECT_INDEX,
  // Keyed by module files, exported names and function names: an edit of the text leaves them true.
  boundToText: false,
  wanted: () => true,
  run(files, dropped) {
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
      const yes = !!text && (namesCatalogueModule(text, catalog) || !!catalog.moduleForFile(abs) || [...importsOf(abs).values()].some(capable));
      capableCache.set(abs, yes);
      return yes;
    };

    // Exported values of the capable modules, evaluated once each.
    const shared = { files: new Map<string, Path | null>(), exports: new Map<string, Value | null>() };
    const exportsCache = new Map<string, Record<string, SerialValue | null>>();
    const exportsOf = (abs: string): Record<string, SerialValue | null> => {
      let out = exportsCache.get(abs);
      if (!out) {
        out = {};
        try {
          const values = new Provenance(catalogFor(abs).catalog, abs, { shared }).exportsOf(abs);
          for (const [name, v] of values) out[name] = serialize(v);
        } catch {
          out = {};
        }
        exportsCache.set(abs, out);
      }
      return out;
    };

    const facts = new Map<string, unknown>();
    const join: string[] = [];
    const droppedSet = new Set(dropped.map((f) => f.abs));
    for (const f of all) {
      const exports: IndexFacts['exports'] = {};
      let resource = false;
      for (const target of new Set(importsOf(f.abs).values())) {
        if (!capable(target)) continue;
        const values = exportsOf(target);
        exports[target] = values;
        if (Object.values(values).some((v) => v)) resource = true;
      }
      facts.set(f.abs, { exports, params: {} } satisfies IndexFacts);
      if (resource && droppedSet.has(f.abs)) join.push(f.abs);
    }

    inferParams(all, facts, importsOf, shared);
    return { facts, join, note: null };
  },
};

/**
 * Cross-file parameters: for each exported function of the run that acquires through a parameter, every
 * call in the files of the run that import its module must pass the same resource. A package entry's
 * functions are called from outside the project: unknown.
 */
function inferParams(all: RunFile[], facts: Map<string, unknown>, importsOf: (abs: string) => Map<string, string>, shared: { files: Map<string, Path | null>; exports: Map<string, Value | null> }): void {
  const ACQUIRE_ON_NAME = /\b[A-Za-z_$][\w$]*\s*\.\s*[A-Za-z_$][\w$]*\s*\(/;
  const importers = new Map<string, string[]>();
  for (const f of all) for (const target of new Set(importsOf(f.abs).values())) importers.set(target, [...(importers.get(target) ?? []), f.abs]);
  const parsed = new Map<string, Path | null>();
  const programOf = (f: RunFile | { abs: string; text: string }): Path | null => {
    if (!parsed.has(f.abs)) {
      let p: Path | null = null;
      try {
        p = (jFor(f.abs)(f.text).paths()[0] as Path).get('program');
      } catch {
        p = null;
      }
      parsed.set(f.abs, p);
    }
    return parsed.get(f.abs) ?? null;
  };
  const textByFile = new Map(all.map((f) => [f.abs, f.text]));
  for (const m of all) {
    if (!/\bexport/.test(m.text) || !ACQUIRE_ON_NAME.test(m.text) || !importers.has(m.abs) || isPackageEntry(m.abs)) continue;
    const { catalog } = catalogFor(m.abs);
    const program = programOf(m);
    if (!program) continue;
    const candidates = acquiringParams(program, catalog);
    if (!candidates.length) continue;
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
