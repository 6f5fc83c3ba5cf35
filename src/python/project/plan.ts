// The project pass for Python: plain data about each file that other files need — module-level engines,
// session factories, scoped registries and connection factories, classes that hold a resource and close
// it — resolved through each file's imports, and which SQLAlchemy the project runs. `planPythonProject`
// runs once over the project (pass the dependency files — requirements*.txt, pyproject.toml, setup.py,
// setup.cfg, Pipfile — along with the .py files); a transform run on one file alone makes that file's
// facts lazily (`factsForFile`), seeing no other module.
import * as path from 'node:path';
import { parsePython, type PyTree } from '../parse/tree';
import { statements } from '../parse/syntax';
import { FileModel, type ExternalValue, type ExternalValues } from '../analysis/values';
import { cogRegistry, methodFactories } from '../analysis/objects';
import { ModuleIndex } from './modules';
import { sqlalchemy14FromDependencies } from './versions';
import { classFactsOf, confirmCallers, type ClassFacts } from './classes';
import { PySource } from '../parse/text';
import { constructorNamed } from '../../catalog/python';
import { planTeardowns, scanFile, type TeardownFacts } from './requests';

export type { ClassFacts } from './classes';

export interface PythonFileFacts {
  /** Values of names this file imports from other modules of the project. */
  externals: ExternalValues;
  /** Resource classes this file can name (its own and imported ones), by local name. */
  resourceClasses: Map<string, ClassFacts>;
  /** Names whose presence in the text makes the file worth parsing even without a catalogue import. */
  mentions: string[];
  /**
   * SQLAlchemy 1.4 or later is in use (a pin, or code only 1.4+ runs), so `with Session(...)` exists. Without
   * that evidence sessions are scoped with try/finally, which every version runs.
   */
  sqlalchemy14: boolean;
  /** Imported names whose module is a file of this project (their values are known, never guessed). */
  resolvedImports: string[];
  /** Flask teardowns this file's app needs, and what to report where there is no app (pool-lifecycle). */
  teardowns: TeardownFacts;
  /** The project's cogs whose methods hand out resources, by the name `bot.get_cog(name)` finds them under. */
  cogs: ExternalValues;
}

export interface PythonSourceFile {
  path: string;
  text: string;
}

/** Code only SQLAlchemy 1.4+ runs (the 2.0-style API, asyncio, typed mappings, a Session already used in `with`). */
const SA14_CODE = [
  /\bfrom\s+sqlalchemy\.ext\.asyncio\b/,
  /\bfrom\s+sqlalchemy\.orm\s+import\b[^\n]*\b(DeclarativeBase|Mapped|mapped_column|declarative_base)\b/,
  /\.scalars\(|\.scalar_one(_or_none)?\(/,
  /\bfuture\s*=\s*True\b/,
  /\bwith\s+\w*[Ss]ession\w*\([^)\n]*\)\s+as\s+\w+/,
  /\bsqlmodel\b/,
];

export function usesSqlalchemy14(text: string): boolean {
  return SA14_CODE.some((r) => r.test(text));
}

/** Text a Flask app, a scoped registry or a request's `g` shows up in. */
const REQUEST_TEXT = /\bflask|scoped_session|\.remove\(/;

/** Text that looks a cog up by name (discord.py). */
const GET_COG = /\.get_cog\s*\(/;

const LIBRARY_TEXT = /\b(sqlalchemy|sqlmodel|psycopg2?|sqlite3|pymysql|MySQLdb|flask_sqlalchemy)\b/;

/** The facts of one file seen alone (no other module of the project is known). */
export function factsForFile(file: string, text: string): PythonFileFacts {
  let classes = new Map<string, ClassFacts>();
  let teardowns: TeardownFacts = { reports: [] };
  let cogs: ExternalValues = new Map();
  try {
    const tree = LIBRARY_TEXT.test(text) || REQUEST_TEXT.test(text) ? parsePython(text) : null;
    if (tree && /\bclass\b/.test(text)) {
      classes = classFactsOf(path.resolve(file), tree, new Map());
      const cogLookups = GET_COG.test(text);
      const model = classes.size || cogLookups ? new FileModel(tree, new Map(), new Set(classes.keys())) : null;
      if (model && classes.size) confirmCallers([{ model, src: new PySource(tree), classes }]);
      if (model && cogLookups) cogs = cogRegistry([{ tree, methodsOf: (name) => (model.classes.has(name) ? methodFactories(model, model.classes.get(name)!) : undefined) }]);
    }
    if (tree && REQUEST_TEXT.test(text)) {
      const abs = path.resolve(file);
      teardowns = planTeardowns([scanFile(abs, new FileModel(tree))], () => null, false).get(abs)!;
    }
  } catch {
    // A file that does not parse gets its error from the transform itself.
  }
  return { externals: new Map(), resourceClasses: classes, mentions: [], sqlalchemy14: usesSqlalchemy14(text), resolvedImports: [], teardowns, cogs };
}

/** The facts of every .py file of a project, keyed by the paths given. */
export function planPythonProject(files: PythonSourceFile[]): Map<string, PythonFileFacts> {
  const py = files.filter((f) => f.path.endsWith('.py'));
  const index = new ModuleIndex(py.map((f) => f.path));
  const textOf = new Map(py.map((f) => [path.resolve(f.path), f.text]));
  const pins = sqlalchemy14FromDependencies(files);
  const sa14 = pins === 'yes' || (pins === 'unknown' && py.some((f) => usesSqlalchemy14(f.text)));

  const trees = new Map<string, PyTree | null>();
  const treeOf = (file: string): PyTree | null => {
    if (!trees.has(file)) {
      try {
        trees.set(file, parsePython(textOf.get(file) ?? ''));
      } catch {
        trees.set(file, null);
      }
    }
    return trees.get(file)!;
  };

  const holders = mayHold(py, index);
  const exports = new Map<string, Map<string, ExternalValue>>();
  const busy = new Set<string>();
  /** What a project module offers: module-level engines, factories, registries, factory functions, resource classes. */
  const exportsOf = (file: string): Map<string, ExternalValue> => {
    const known = exports.get(file);
    if (known) return known;
    const out = new Map<string, ExternalValue>();
    // A module that names no library and imports none that may hold something offers nothing read here.
    if (!holders.has(file)) {
      exports.set(file, out);
      return out;
    }
    if (busy.has(file)) return out;
    busy.add(file);
    try {
      const tree = treeOf(file);
      if (!tree) return out;
      const ext = importsOf(file, tree);
      // Everything a module offers comes from a library it names or a value it imports: with neither, nothing.
      if (!LIBRARY_TEXT.test(textOf.get(file) ?? '') && !importsValue(ext.values)) {
        exports.set(file, out);
        return out;
      }
      const classes = classFactsOf(file, tree, ext.classes);
      const model = new FileModel(tree, ext.values, new Set(classes.keys()), new Set(ext.resolved));
      for (const name of model.moduleNames()) {
        const v = model.nameValue(name, null);
        if (v && v.kind !== 'instance' && !['session', 'async-session', 'scoped-session', 'connection', 'async-connection', 'raw-connection', 'dbapi-connection'].includes(v.kind))
          out.set(name, stripValue(v.kind === 'scoped-registry' && !v.home ? { ...v, home: `${file}#${name}` } : v));
      }
      for (const s of statements(tree.root)) {
        const def = s.kind === 'decorated_definition' ? s.field('definition') : s;
        if (def?.kind !== 'function_definition') continue;
        const made = model.factoryValue(def);
        if (made) out.set(def.field('name')!.text, { kind: 'function', library: made.library, returns: stripValue(made) });
      }
      for (const [name, c] of classes) if (c.file === file) out.set(name, { kind: 'class', library: 'project', className: name, classFacts: c });
      for (const name of model.classes.keys()) if (!out.has(name) && model.flatModel(name)) out.set(name, { kind: 'class', library: 'project', className: name, flatModel: true });
      // Classes whose methods hand out resources (`Storage().gen_session()`).
      for (const [name, cls] of model.classes) {
        if (out.get(name)?.classFacts) continue;
        const methods = methodFactories(model, cls);
        if (methods.size) out.set(name, { kind: 'class', library: 'project', className: name, flatModel: out.get(name)?.flatModel, methods });
      }
      for (const [name, v] of ext.values) if (!out.has(name) && isReexport(tree, name)) out.set(name, v);
      // What it imports from a library at module level is its attribute too (`from .core import sessionmaker`).
      for (const [name, qualified] of libraryImports(file, model, index)) if (!out.has(name)) out.set(name, { kind: 'function', library: qualified.split('.')[0], libraryName: qualified });
    } finally {
      busy.delete(file);
    }
    exports.set(file, out);
    return out;
  };

  /** Values and classes a file imports from project modules, by local name. */
  const importsOf = (file: string, tree: PyTree): { values: ExternalValues; classes: Map<string, ClassFacts>; resolved: string[] } => {
    const values: ExternalValues = new Map();
    const classes = new Map<string, ClassFacts>();
    const resolved: string[] = [];
    const model = new FileModel(tree);
    for (const [local, b] of model.imports.bindings) {
      if (b.member && b.module && index.resolve(file, b.module)) resolved.push(local);
      if (!b.member || !b.module || !b.name) {
        const target = index.resolve(file, b.qualified);
        if (target && target !== file) values.set(local, { kind: 'module', library: 'project', members: exportsOf(target) });
        continue;
      }
      const target = index.resolve(file, b.module);
      const v = target && target !== file ? exportsOf(target).get(b.name) : undefined;
      if (v) {
        values.set(local, v);
        if (v.kind === 'class' && v.classFacts) classes.set(local, v.classFacts);
        continue;
      }
      // `from package import module`.
      const sub = index.resolve(file, b.module.endsWith('.') ? b.module + b.name : `${b.module}.${b.name}`);
      if (sub && sub !== file) values.set(local, { kind: 'module', library: 'project', members: exportsOf(sub) });
    }
    return { values, classes, resolved };
  };

  // Teardowns: scan the files that can hold a Flask app, a registry or g, then join them.
  // (A file that names no library or framework and imports nothing that holds one uses no registry, app or resource.)
  const scans = py
    .filter((f) => REQUEST_TEXT.test(f.text) || holders.has(path.resolve(f.path)))
    .flatMap((f) => {
      const file = path.resolve(f.path);
      const tree = treeOf(file);
      if (!tree) return [];
      const ext = importsOf(file, tree);
      if (!REQUEST_TEXT.test(f.text) && !LIBRARY_TEXT.test(f.text) && !importsValue(ext.values)) return [];
      return [scanFile(file, new FileModel(tree, ext.values, new Set(), new Set(ext.resolved)))];
    });
  const teardowns = planTeardowns(scans, (from, to) => importPath(index, py, from, to), true);

  // discord.py cogs, found by the name they are registered under, in whichever module they are.
  const cogs = cogRegistry(
    py.some((f) => GET_COG.test(f.text))
      ? py.flatMap((f) => {
          const file = path.resolve(f.path);
          const tree = /\bclass\b/.test(f.text) ? treeOf(file) : null;
          return tree ? [{ tree, methodsOf: (name: string) => exportsOf(file).get(name)?.methods }] : [];
        })
      : [],
  );

  const out = new Map<string, PythonFileFacts>();
  for (const f of py) {
    const file = path.resolve(f.path);
    const mayImport = /^\s*(from\s+\S+\s+import|import\s)/m.test(f.text);
    const tree = mayImport || LIBRARY_TEXT.test(f.text) ? treeOf(file) : null;
    const ext = tree ? importsOf(file, tree) : { values: new Map(), classes: new Map(), resolved: [] };
    const own = tree && LIBRARY_TEXT.test(f.text) ? classFactsOf(file, tree, ext.classes) : new Map<string, ClassFacts>();
    const resourceClasses = new Map([...ext.classes, ...own]);
    const interesting = [...ext.values].filter(([, v]) => hasContent(v));
    out.set(f.path, {
      externals: new Map(interesting),
      resourceClasses,
      mentions: [...interesting.map(([k]) => k), ...resourceClasses.keys(), ...(cogs.size ? ['get_cog'] : [])],
      sqlalchemy14: sa14,
      resolvedImports: ext.resolved,
      teardowns: teardowns.get(file) ?? { reports: [] },
      cogs,
    });
  }
  // Context managers only where a caller is fixed by them.
  const withClasses = [...out].filter(([, f]) => f.resourceClasses.size);
  confirmCallers(
    withClasses.flatMap(([p, f]) => {
      const file = path.resolve(p);
      const tree = treeOf(file);
      return tree ? [{ model: new FileModel(tree, f.externals, new Set(f.resourceClasses.keys()), new Set(f.resolvedImports), f.cogs), src: new PySource(tree), classes: f.resourceClasses }] : [];
    }),
  );
  return out;
}

/** Some name a file imports stands for a value the analysis reads. */
function importsValue(values: ExternalValues): boolean {
  for (const v of values.values()) if (hasContent(v)) return true;
  return false;
}

/**
 * A value the analysis reads: anything but a module, or a module (a package's, at any depth) holding one. (A
 * library's name a module imports counts where a file imports it by name, not as an attribute of the module.)
 */
function hasContent(v: ExternalValue, seen = new Set<ExternalValues>()): boolean {
  if (v.libraryName) return seen.size === 0;
  if (v.kind !== 'module') return true;
  if (!v.members || seen.has(v.members)) return false;
  seen.add(v.members);
  for (const m of v.members.values()) if (hasContent(m, seen)) return true;
  return false;
}

/** `from .db import Session`, `from pkg import db`, `import pkg.db as db`: the project files a text may import. */
const IMPORT_FROM = /^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*)/gm;
const IMPORT = /^[ \t]*import[ \t]+([^\n#;]+)/gm;

function importedFiles(text: string, file: string, index: ModuleIndex): string[] {
  const out = new Set<string>();
  const add = (module: string) => {
    const target = index.resolve(file, module);
    if (target && target !== file) out.add(target);
  };
  const flat = text.replace(/\\\r?\n/g, ' ');
  for (const m of flat.matchAll(IMPORT_FROM)) {
    add(m[1]);
    // `from pkg import module`: the name may be a module of the package.
    for (const name of m[2].match(/[A-Za-z_]\w*/g) ?? []) if (name !== 'as') add(m[1].endsWith('.') ? m[1] + name : `${m[1]}.${name}`);
  }
  for (const m of flat.matchAll(IMPORT))
    for (const part of m[1].split(',')) {
      const dotted = part.trim().split(/\s+/)[0] ?? '';
      // `import pkg.db` runs pkg/__init__ too.
      const segments = dotted.split('.');
      for (let i = 1; i <= segments.length; i++) if (/^\w+$/.test(segments[i - 1])) add(segments.slice(0, i).join('.'));
    }
  return [...out];
}

/**
 * The project modules that may offer a value the analysis reads (an engine, a factory, a registry, a resource
 * class): those that name a library, and those that import one of them, to a fixpoint. A superset: what a
 * module offers always comes from a library it names or from a module it imports.
 */
function mayHold(py: PythonSourceFile[], index: ModuleIndex): Set<string> {
  const holders = new Set<string>();
  const importers = new Map<string, string[]>();
  const queue: string[] = [];
  for (const f of py) {
    const file = path.resolve(f.path);
    if (LIBRARY_TEXT.test(f.text)) {
      holders.add(file);
      queue.push(file);
    }
    for (const target of importedFiles(f.text, file, index)) {
      const list = importers.get(target);
      if (list) list.push(file);
      else importers.set(target, [file]);
    }
  }
  while (queue.length)
    for (const importer of importers.get(queue.pop()!) ?? [])
      if (!holders.has(importer)) {
        holders.add(importer);
        queue.push(importer);
      }
  return holders;
}

/**
 * The catalogue's makers (`sessionmaker`, `create_engine`) a module binds by importing them from their library
 * at its top level, and does not bind again there: local name → the library's qualified name.
 */
function libraryImports(file: string, model: FileModel, index: ModuleIndex): Map<string, string> {
  const out = new Map<string, string>();
  const rebound = new Set([...model.moduleNames(), ...model.classes.keys(), ...model.moduleFunctions().keys()]);
  // (Statements by where they start: a node is not the same object each time it is asked for.)
  const topLevel = new Set(model.imports.moduleLevel.map((n) => n.start));
  for (const [local, b] of model.imports.bindings) {
    if (!topLevel.has(b.node.start) || rebound.has(local)) continue;
    if (!b.member || !constructorNamed(b.qualified) || b.module!.startsWith('.') || index.resolve(file, b.module!)) continue;
    out.set(local, b.qualified);
  }
  return out;
}

function stripValue(v: ExternalValue): ExternalValue {
  return { kind: v.kind, library: v.library, maybeNone: v.maybeNone, via: v.via, className: v.className, returns: v.returns, members: v.members, home: v.home, freshRegistry: v.freshRegistry, methods: v.methods };
}

/** `from .db import Session` at module level of a package's __init__ re-exports the name. */
function isReexport(tree: PyTree, name: string): boolean {
  return statements(tree.root).some((s) => s.kind === 'import_from_statement' && new RegExp(`\\b${name}\\b`).test(s.text));
}

/** How `from` can import module file `to`: a dotted path below its own directory, or one another file uses. */
function importPath(index: ModuleIndex, files: PythonSourceFile[], from: string, to: string): string | null {
  const dir = path.dirname(from);
  const candidates: string[] = [];
  if (to.startsWith(dir + path.sep)) {
    const rel = path.relative(dir, to).replace(/(\/__init__)?\.py$/, '');
    candidates.push(rel.split(path.sep).join('.'));
  }
  for (const f of files) for (const m of f.text.matchAll(/^\s*from\s+([\w.]+)\s+import\b/gm)) candidates.push(m[1]);
  return candidates.find((c) => !c.startsWith('.') && index.resolve(from, c) === to) ?? null;
}
