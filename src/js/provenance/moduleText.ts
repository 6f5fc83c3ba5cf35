// What a module's text says before any parse: the names it imports from each specifier, whether it can make a
// resource or acquire on what its callers pass, whether it passes on what it imports. The project index's
// tests for which modules are worth parsing (pass.ts).
import { TOO_COMMON, type Catalog, type LibrarySpec } from '../../catalog/js';
import { escapeRegExp, matchesOutsideCommentLines } from '../../core/regex';
import { bodySpan, bracketsOf, isArgument, isWord, type Brackets } from './textScopes';
import { own } from '../../core/records';

/** An import's clause and specifier: `import a, { b as c } from 'S'`, `const { d } = require('S')`. */
const IMPORT_CLAUSE = /\bimport\s+(?:type\s+)?([^'";]*?)\s*from\s*(['"])([^'"\n]+)\2|\b(?:const|let|var)\s+([^=;]+?)\s*=\s*(?:await\s+)?require\s*\(\s*(['"])([^'"\n]+)\5\s*\)|\bexport\s+(\*|\{[^}]*\})\s*from\s*(['"])([^'"\n]+)\8|\b(?:import|require)\s*\(\s*(['"])([^'"\n]+)\10/g;

/**
 * Names a file takes from each module specifier ('*': possibly any, as through a namespace). Read from the
 * text; an import the pattern does not understand asks for every name.
 */
export function importedNames(text: string): Map<string, Set<string> | '*'> {
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

// (Each pattern below that runs over every file of a tree opens with the one character its matches must
// hold, a quote, a dot, a parenthesis, and looks behind it for the rest: V8 then tries it only where that
// character is, several times faster than a pattern that opens with a lookbehind or a choice of words.)
export const SPECIFIER = /(['"])(?<=(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+|\bexport\s*\*\s*from\s*)['"])([^'"\n]+)\1/gm;
interface Words {
  /** Each catalogue module the text imports, as its quoted specifier (not a doc comment's example). */
  imports: (text: string) => string[];
  /** Any call that can acquire. */
  acquire: RegExp;
  /** Per library: a call of one of its acquires, or of what its callback APIs acquire. */
  libraries: Map<LibrarySpec, { acquire: RegExp; handsOut: RegExp }>;
  /**
   * An acquire method called on a value, a library callback's manual acquire included (`.transaction(`), or
   * a release of a pooled resource (`.release(`): what a helper may do with what its callers hand it, from
   * its dot (`valueReceivers` reads back to the receiver's first name: `db` of `db.sequelize.transaction(`).
   */
  onValue: RegExp;
  /** Any such call at all (`.connect(`): the cheap test before the receivers are read. */
  onValueCall: RegExp;
  /**
   * An acquire method called right on a name (`pool.connect(`, `(db)?.getConnection<T>(`): what a helper
   * that acquires on its parameter must hold (params.ts asks for exactly that callee).
   */
  onName: RegExp;
  /** A pooled release called right on a name (`conn.release(`): what a helper that releases its caller's resource must hold. */
  releaseOnName: RegExp;
  /** Those release methods (not `close`, `end`: most code calls them for other reasons too). */
  pooledReleases: Set<string>;
}
const words = new WeakMap<Catalog, Words>();
const NEVER = /(?!)/;
/** Release names most code calls for other reasons too (`res.end()`, `stream.destroy()`): no sign of a resource. */
const COMMON_RELEASES = new Set(['close', 'end', 'destroy', 'done', 'quit', 'disconnect']);

/** A call of one of `names` right on a name: `pool.connect(`, `(db)?.getConnection(` (`getConnection<T>(` with `typeArguments`). */
function calledOnName(names: Iterable<string>, typeArguments: boolean): RegExp {
  return new RegExp(`\\.(?<=(?<![\\w$.])\\(?\\s*[\\w$]+\\s*\\)?\\s*\\??\\.)\\s*(?:${[...names].map(escapeRegExp).join('|')})\\s*${typeArguments ? '(?:<[^()]*>\\s*)?' : ''}\\(`);
}

export function catalogueWords(catalog: Catalog): Words {
  let w = words.get(catalog);
  if (!w) {
    // A call or `new` of anything that can make or hand out a resource: `new Pool(`, `createPool(`, `.connect(`.
    // (Not a name most code calls for other reasons, `.get(`: the call that leads to it names the library.)
    // A library whose every acquire is too common to look for on its own (fs/promises' `open`), or that has
    // none but its import called (better-sqlite3): nothing here, only a call of its import (callsCatalogueAlias).
    const acquire = (names: Set<string>) => {
      const kept = [...names].filter((n) => !TOO_COMMON.has(n)).map(escapeRegExp);
      return kept.length ? new RegExp(`\\((?<=(?<![\\w$])(?:${kept.join('|')})\\s*\\()`) : NEVER;
    };
    const pooledReleases = new Set(catalog.libraries.flatMap((l) => l.resources.flatMap((r) => r.release.filter((x) => !x.argumentOf).map((x) => x.method))).filter((n) => !COMMON_RELEASES.has(n) && !TOO_COMMON.has(n)));
    const onValueNames = [
      ...new Set([
        ...catalog.acquireNames(),
        ...catalog.libraries.flatMap((l) => (l.callbacks ?? []).map((c) => c.acquire)),
        ...catalog.libraries.flatMap((l) => l.resources.flatMap((r) => r.release.map((x) => x.method))).filter((n) => !COMMON_RELEASES.has(n)),
      ]),
    ]
      .filter((n) => !TOO_COMMON.has(n))
      .map(escapeRegExp)
      .join('|');
    w = {
      // An import of one (`from 'pg'`, `require('pg')`): a quoted name alone is often a setting (`type: "postgres"`).
      imports: matchesOutsideCommentLines(catalog.importPattern()),
      acquire: acquire(catalog.acquireNames()),
      libraries: new Map(
        catalog.libraries
          .filter((l) => Object.keys(l.modules).length > 0)
          .map((l) => [l, { acquire: acquire(catalog.acquireNames(l)), handsOut: acquire(new Set([...catalog.acquireNames(l), ...(l.callbacks ?? []).map((c) => c.acquire)])) }]),
      ),
      onName: calledOnName(catalog.acquireNames(), true),
      releaseOnName: pooledReleases.size ? calledOnName(pooledReleases, false) : NEVER,
      pooledReleases,
      onValue: new RegExp(`\\.\\s*(?:${onValueNames})\\s*\\(`, 'g'),
      onValueCall: new RegExp(`\\.\\s*(?:${onValueNames})\\s*\\(`),
    };
    words.set(catalog, w);
  }
  return w;
}

/**
 * The module itself makes a resource: it imports a catalogue module and calls something of that library
 * that acquires (`from 'fs/promises'` beside typeorm's `createQueryRunner(` makes nothing), its import
 * included (`fsp.open(`, `knexModule(`).
 */
export function makesResource(text: string, catalog: Catalog): boolean {
  return callsWhatItImports(text, catalog, 'acquire');
}

/**
 * The runner's first look at a file the checker does not read: it imports a catalogue module and calls
 * something of that library that hands out a resource, its callback APIs' acquires included
 * (`knex.transaction(`), or calls what it imported (`fsp.open(`, `knexModule(`). Any other file can hold a
 * lifecycle only through a project module, and the project index brings it back.
 */
export function mayAcquireFromCatalogue(text: string, catalog: Catalog): boolean {
  return callsWhatItImports(text, catalog, 'handsOut');
}

/**
 * The text imports catalogue libraries (read in one scan) and calls, of one of them, what `calls` names, or
 * what it imported (callsCatalogueAlias).
 */
function callsWhatItImports(text: string, catalog: Catalog, calls: 'acquire' | 'handsOut'): boolean {
  const w = catalogueWords(catalog);
  const imported = new Set<LibrarySpec>();
  for (const quoted of w.imports(text)) {
    const lib = catalog.module(quoted.slice(1, -1))?.lib;
    if (lib) imported.add(lib);
  }
  return imported.size > 0 && ([...imported].some((l) => w.libraries.get(l)?.[calls].test(text)) || callsCatalogueAlias(text, catalog, true));
}

/** A class: its fields may hold what it imports, and its subclasses inherit them. */
export const DECLARES_CLASS = /\bclass\s+[\w$]/;
/** `class A extends B`, `class A<T> extends B<T>`: B. */
const EXTENDS = /\bclass\s+[\w$]+\s*(?:<[^{]*?>\s*)?extends\s+([\w$]+)/g;

/** The local names each module specifier's imports bind (`import a, { b as c } from 'S'`: a, c). */
export function localNames(text: string): Map<string, string[]> {
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
export function extendedSpecifiers(text: string): Set<string> {
  const bases = new Set([...text.matchAll(EXTENDS)].map((m) => m[1]));
  const out = new Set<string>();
  if (bases.size) for (const [spec, names] of localNames(text)) if (names.some((n) => bases.has(n))) out.add(spec);
  return out;
}

// Where a name is held: a type (`db: Database`), made (`new Pool(`), its statics called (`Db.get(`), assigned (`= pool;`).
const HELD = [/:\s*([\w$]+)(?![\w$])/g, /\bnew\s+([\w$]+)(?![\w$])/g, /(?<![\w$.])([\w$]+)\s*\.\s*[\w$]+\s*\(/g, /=\s*([\w$]+)\s*[;\n]/g];

/** The names `text` uses as a type, makes, calls the statics of, or assigns (one scan per form, for every name). */
export function heldNames(text: string): Set<string> {
  const out = new Set<string>();
  for (const form of HELD) for (const m of text.matchAll(form)) out.add(m[1]);
  return out;
}

/**
 * A catalogue module's export called under a name of the file's own choosing: `import knexModule from
 * 'knex'` then `knexModule({…})`, `const { createPool: makePool } = require('mysql')` then `makePool(…)`.
 */
function callsCatalogueAlias(text: string, catalog: Catalog, members = false): boolean {
  const locals: string[] = [];
  for (const m of text.matchAll(IMPORT_CLAUSE)) {
    const spec = m[3] ?? m[6];
    const module = spec === undefined ? undefined : catalog.module(spec);
    if (!module) continue;
    const clause = (m[3] !== undefined ? m[1] : m[4]).trim();
    const braces = /\{([^}]*)\}/.exec(clause);
    for (const part of braces?.[1].split(',') ?? []) {
      // Only an export the catalogue knows (`createPool`, `open`): typeorm's `Column` decorator makes nothing.
      if (/^\s*type\s/.test(part)) continue;
      const [exported, local = exported] = part.trim().split(m[3] !== undefined ? /\s+as\s+/ : /\s*:\s*/).map((x) => x.trim());
      if (local && /^[\w$]+$/.test(local) && own(module.spec.exports, exported) !== undefined) locals.push(local);
    }
    const head = clause.replace(/\{[^}]*\}/, '').replace(/\*\s*as\s+/, '').replace(/,/g, ' ').trim();
    if (/^[\w$]+$/.test(head)) locals.push(head);
  }
  if (!locals.length) return false;
  const names = locals.map(escapeRegExp).join('|');
  if (new RegExp(`(?<![\\w$.])(?:${names})\\s*\\(`).test(text)) return true;
  // With `members`, also an acquire too common to look for anywhere else, called on the import: `fsp.open(`.
  if (!members) return false;
  const common = [...catalog.acquireNames()].filter((n) => TOO_COMMON.has(n));
  // (Through the import's members too: `fs.promises.open(` of `require('fs')`.)
  return common.length > 0 && new RegExp(`(?<![\\w$.])(?:${names})(?:\\s*\\??\\.\\s*[\\w$]+)*?\\s*\\??\\.\\s*(?:${common.join('|')})\\s*\\(`).test(text);
}

const STATEMENT_KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'with']);

/** A parameter list: `function f(a, b)`, `(a, b) =>`, `a =>`, `method(a, b) {`, `method(a: A): Promise<B> {`. */
const PARAMS = /\bfunction\b[\s*]*[\w$]*\s*\(([^)]*)\)|\(([^()]*)\)\s*(?::[^=;{]*)?=>|([\w$]+)\s*=>|([\w$]+)\s*\(([^()]*)\)\s*(?::[^;{}()=]*)?\{/g;

/**
 * A helper that acquires or releases on what its caller passes (`function checkout(pool) { …
 * pool.getConnection(…) }`): some acquire or pooled release is called on a name, or a member chain of one,
 * inside a function whose parameter list declares that name. Read from the text, as the test before any
 * parse: a large class whose methods release a local `queryRunner` that another method takes as a parameter
 * is not such a helper. A text whose brackets it cannot pair (JSX) is taken to be one when any parameter
 * list declares the name.
 */
export function onParameter(text: string, catalog: Catalog, file = ''): boolean {
  const w = catalogueWords(catalog);
  if (!w.onValueCall.test(text)) return false;
  const calls = new Map<string, number[]>();
  for (const [name, index] of valueReceivers(text, w.onValue)) {
    if (name === 'this') continue;
    const at = calls.get(name);
    if (at) at.push(index);
    else calls.set(name, [index]);
  }
  if (!calls.size) return false;
  // None of those names in a parameter list's place (`(pool`, `, pool`, `pool =>`): no list below can declare one.
  if (!inParameterPlace(calls.keys()).test(text)) return false;
  let brackets: Brackets | null | undefined;
  for (const m of text.matchAll(PARAMS)) {
    // `if (client) {`, `catch (client) {`: a statement's parentheses, not a method's parameters.
    if (m[4] !== undefined && STATEMENT_KEYWORDS.has(m[4])) continue;
    const list = m[1] ?? m[2] ?? m[3] ?? m[5] ?? '';
    for (const part of list.split(',')) {
      const name = /^\s*(?:\.\.\.)?([\w$]+)/.exec(part)?.[1];
      const at = name === undefined ? undefined : calls.get(name);
      if (!at) continue;
      if (brackets === undefined) brackets = /\.[cm]?[jt]sx$/.test(file) ? null : bracketsOf(text);
      if (!brackets) return true;
      // A callback's parameters are filled by what it is handed to (`pool.getConnection((err, conn) => …)`,
      // `runners.map((r) => r.release())`), never by the project's callers.
      if (m[4] === undefined && isArgument(text, brackets, m.index)) continue;
      const span = m[3] !== undefined ? bodySpan(text, brackets, m.index + m[3].length - 1, true) : bodySpan(text, brackets, m.index + m[0].indexOf('('));
      if (!span || at.some((p) => p >= span[0] && p < span[1])) return true;
    }
  }
  return false;
}

// (The same few names, `queryRunner`, `client`, come up in module after module: each pattern made once.)
const parameterPlaces = new Map<string, RegExp>();
/** One of `names` where a parameter list would declare it: `(pool`, `, pool`, `pool =>`. */
function inParameterPlace(names: Iterable<string>): RegExp {
  const key = [...names].map(escapeRegExp).join('|');
  let re = parameterPlaces.get(key);
  if (!re) {
    if (parameterPlaces.size > 1000) parameterPlaces.clear();
    parameterPlaces.set(key, (re = new RegExp(`[(,]\\s*(?:\\.\\.\\.)?(?:${key})(?![\\w$])|(?<![\\w$.])(?:${key})\\s*=>`)));
  }
  return re;
}

const SPACE = /\s/;

/**
 * For each call `calls` finds from its dot (`.connect(`), the first name of the member chain it is called
 * on and where that name starts: `db` of `db . sequelize\n  .transaction(`; none after `)` or `]`. What
 * `(?<![\w$.])([\w$]+)(?:\s*\.\s*[\w$]+)*?\s*\.\s*(?:…)\s*\(` finds, read back from each dot instead of
 * tried forward at every name of the text (a third of the time on a large module).
 */
function valueReceivers(text: string, calls: RegExp): [string, number][] {
  const out: [string, number][] = [];
  const word = (i: number) => isWord(text.charCodeAt(i));
  const space = (i: number) => SPACE.test(text[i]);
  for (const m of text.matchAll(calls)) {
    for (let dot = m.index; ; ) {
      let end = dot - 1;
      while (end >= 0 && space(end)) end--;
      let start = end;
      while (start >= 0 && word(start)) start--;
      start++;
      if (start > end) break;
      let before = start - 1;
      while (before >= 0 && space(before)) before--;
      if (before >= 0 && text[before] === '.') {
        dot = before;
        continue;
      }
      out.push([text.slice(start, end + 1), start]);
      break;
    }
  }
  return out;
}

/** A module that exports something: its functions may acquire on what their callers pass. */
export const EXPORTS = /\bmodule\.exports\b|\bexports\.[\w$]+\s*=|^\s*export\s/m;

/** A module that passes on what it imports: re-exports, or an acquire call on an imported value. */
export const PASSES_ON = /\bexport\s*(?:\*|\{[^}]*\})\s*from\b|\bmodule\.exports\s*=\s*require\s*\(|\bexport\s+default\s+[\w$]+\s*;?\s*$|\bexport\s*\{[^}]*\}\s*;?|\bmodule\.exports\s*=\s*[\w${]/m;
