// Before a ts-morph project is made for the plan: is it certain, from syntax and module resolution alone,
// that no class of the project comes out of it? (precheck.ts says which classes may; this says when those
// may not after all.) The checker could still tie a class to the plan through:
//   - door 2, a disposer of its own that calls a close-like method: always a resource class, so never certain;
//   - door 1, a dead close that may be removed: certain only for an empty method that an interface the
//     class implements declares (the plan keeps it without a word), found in the class's own file, in the
//     project file it imports the interface from, or in the compiler's lib files for a global one;
//   - door 3, a field that holds a resource: a kind needs a catalogue import in the class's file, a type
//     declared under node_modules (a package, or the lib files, which ts-morph keeps under
//     /node_modules/typescript), or a type with a `[Symbol.dispose]`/`[Symbol.asyncDispose]` member, which
//     needs a unique symbol named `dispose`/`asyncDispose` declared in a file of the program (the lib's
//     esnext.disposable, a polyfill's typing). A project class holding such a class is an owner only when
//     one of those is. The program's files are found as the compiler finds them (imports, references,
//     automatic type packages), from the class files the plan would load; any doubt keeps today's path.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Morph from 'ts-morph';
import { LIBRARIES } from '../../catalog/js';
import { catalogFor } from '../../config/toCatalog';
import { resolveLocalModule } from '../provenance/resolve';
import { parseModuleOrScript, parserOptionsFor } from '../syntax/parse';
import type { Node } from '../analysis/ast';
import type { ClassDoor } from './precheck';

type Ts = typeof Morph.ts;

export interface SilentQuestion {
  ts: Ts;
  options: Morph.ts.CompilerOptions;
  /** The tsconfig refers to other projects (their outputs may stand in for their sources): never certain. */
  references: boolean;
  /** The tsconfig's directory. */
  root: string;
  texts: Map<string, string>;
  /** The files the plan would load first: every class file. */
  classFiles: string[];
  doors: Map<string, Map<string, ClassDoor> | 'all'>;
}

/**
 * A declaration that may make a unique symbol named `dispose` / `asyncDispose`: `dispose: unique symbol`,
 * `const dispose = Symbol()` (or anything that looks like one); a JSDoc `unique symbol` beside the name.
 */
const SYMBOL = String.raw`[(\s]*(?:globalThis\s*\.\s*)?Symbol\b`;
const DISPOSE_DECL = new RegExp(String.raw`\b(?:dispose|asyncDispose)\s*[!?]?\s*(?::\s*(?:unique\b|${SYMBOL})|=\s*${SYMBOL})`);
const disposeDecl = (text: string): boolean =>
  DISPOSE_DECL.test(text) || /__@(?:dispose|asyncDispose)@/.test(text) || (/\bunique\s+symbol\b/.test(text) && /\b(?:dispose|asyncDispose)\b/.test(text));
const NODE_MODULES = /[\\/]node_modules[\\/]/;
// A JavaScript file's JSDoc may bring in modules that the scanner of imports does not see.
const JSDOC_IMPORT = /@import\b|@[a-z]+\b[^\n]*\bimport\s*\(/;

let enabled = true;
/** Test hook: with `false`, every plan takes the checker's path (to compare the two). */
export function answerWithoutChecker(on: boolean): void {
  enabled = on;
}

/** True when the plan is certain to be empty: no decision, no resource class, no call to remove. */
export function certainlySilent(q: SilentQuestion): boolean {
  if (!enabled) return false;
  if (q.references) return false;
  const doorFiles: [string, Map<string, ClassDoor>][] = [];
  for (const [file, classes] of q.doors) {
    if (classes === 'all') return false;
    if (classes.size > 0) doorFiles.push([file, classes]);
  }
  if (doorFiles.length === 0) return true;
  for (const [, classes] of doorFiles) {
    for (const door of classes.values()) {
      if (door.ownDisposer || door.ambiguous) return false;
      if (door.deadCloses.length > 0 && !door.emptyDeadCloses) return false;
    }
  }
  // The lib files ts-morph serves sit under node_modules: a catalogue that knows `typescript` could see a kind there.
  if (LIBRARIES.some((lib) => lib.packageName === 'typescript' || Object.keys(lib.modules).some((m) => m === 'typescript' || m.startsWith('typescript/')) || (lib.typePackages ?? []).includes('typescript'))) return false;
  const libs = libTexts(q.ts, q.options);
  if (!libs || [...libs.values()].some(disposeDecl)) return false;
  // Door 3's kinds by import: no file of a class that may matter imports a catalogue module.
  for (const [file] of doorFiles) if (importsCatalogued(q, file, q.texts.get(file) ?? '')) return false;
  // Door 1: every dead close is empty and declared by an interface the class implements.
  const globals = new Set<string>();
  for (const [file, classes] of doorFiles) {
    for (const door of classes.values()) {
      for (const method of door.deadCloses) {
        const found =
          (door.extends !== null && declares(q, libs, file, door.extends, method, 'extends', globals)) ||
          door.implements.some((name) => name !== null && declares(q, libs, file, name, method, 'implements', globals));
        if (!found) return false;
      }
    }
  }
  return programIsPlain(q, globals);
}

/** The texts of the lib files the compiler loads for these options, by file name; null when unsure. */
function libTexts(ts: Ts, options: Morph.ts.CompilerOptions): Map<string, string> | null {
  if (options.noLib) return null;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const all = new Map((require('@ts-morph/common') as typeof import('@ts-morph/common')).getLibFiles().map((f) => [f.fileName, f.text]));
  const out = new Map<string, string>();
  const visit = (name: string): boolean => {
    if (out.has(name)) return true;
    const text = all.get(name);
    if (text === undefined) return false;
    out.set(name, text);
    for (const m of text.matchAll(/<reference\s+lib\s*=\s*["']([^"']+)["']/g)) {
      const file = (ts as unknown as { libMap?: Map<string, string> }).libMap?.get(m[1].toLowerCase());
      if (!file || !visit(file)) return false;
    }
    return true;
  };
  const roots = options.lib ?? [ts.getDefaultLibFileName(options)];
  for (const r of roots) if (!visit(path.basename(r))) return null;
  return out;
}

const scanned = new WeakMap<SilentQuestion, Map<string, { text: string; info: Morph.ts.PreProcessedFileInfo }>>();
/** The compiler's scan of a file's imports and references, once per text and question (a class file is asked twice). */
function preProcess(q: SilentQuestion, file: string, text: string): Morph.ts.PreProcessedFileInfo {
  let known = scanned.get(q);
  if (!known) scanned.set(q, (known = new Map()));
  const hit = known.get(file);
  if (hit?.text === text) return hit.info;
  const info = q.ts.preProcessFile(text, true, true);
  known.set(file, { text, info });
  return info;
}

// Every quoted name after `from`, `import` or `require`, comments and strings included: never fewer modules
// than the compiler's scan finds (more only make an answer less certain), at a fraction of its cost.
const IMPORTED = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*(['"`])([^'"`\n]+)\1/g;
// What only the compiler's scan reads right: references, ambient modules (`declare module 'x'`), a comment
// between the keyword and the name (`import(/* webpackChunkName: "x" */ 'x')`).
const NEEDS_SCAN = /<reference\b|\bdeclare\s+module\b|(?:\bfrom|\bimport|\brequire)\s*\(?\s*\/[*/]/;

/** A file's imports and references as the compiler would find them, read by a pattern when the text has no reference or ambient module. */
function scanOf(q: SilentQuestion, file: string, text: string): Pick<Morph.ts.PreProcessedFileInfo, 'importedFiles' | 'referencedFiles' | 'libReferenceDirectives' | 'typeReferenceDirectives' | 'isLibFile' | 'ambientExternalModules'> {
  if (NEEDS_SCAN.test(text)) return preProcess(q, file, text);
  const importedFiles = [...new Set([...text.matchAll(IMPORTED)].map((m) => m[2]))].map((fileName) => ({ fileName, pos: 0, end: 0 }));
  return { importedFiles, referencedFiles: [], libReferenceDirectives: [], typeReferenceDirectives: [], isLibFile: false, ambientExternalModules: undefined };
}

function importsCatalogued(q: SilentQuestion, file: string, text: string): boolean {
  const { catalog } = catalogFor(file);
  const info = scanOf(q, file, text);
  return info.importedFiles.some(({ fileName: spec }) => {
    if (catalog.module(spec)) return true;
    if (!spec.startsWith('.')) return false;
    const resolved = resolveLocalModule(path.dirname(file), spec);
    return !!resolved && !!catalog.moduleForFile(resolved);
  });
}

function parse(file: string, text: string): Node | null {
  try {
    return (parseModuleOrScript(text.replace(/^\uFEFF/, ''), parserOptionsFor(file, { tokens: false, attachComment: false })) as Node).program;
  } catch {
    return null;
  }
}

/** Every node of the file that declares `name` in any meaning (import, type, class, enum, namespace, type parameter). */
function declarationsOf(program: Node, name: string): Node[] {
  const out: Node[] = [];
  const visit = (n: Node): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(visit);
    if (typeof n.type !== 'string') return;
    const id =
      n.type === 'ImportSpecifier' || n.type === 'ImportDefaultSpecifier' || n.type === 'ImportNamespaceSpecifier'
        ? n.local
        : ['TSImportEqualsDeclaration', 'TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'ClassDeclaration', 'ClassExpression', 'TSEnumDeclaration', 'TSModuleDeclaration'].includes(n.type)
          ? n.id
          : null;
    if (id?.type === 'Identifier' && id.name === name) out.push(n);
    if (n.type === 'TSTypeParameter' && (n.name === name || n.name?.name === name)) out.push(n);
    for (const key of Object.keys(n)) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments' || key === 'extra') continue;
      const v = n[key];
      if (v && typeof v === 'object') visit(v);
    }
  };
  visit(program);
  return out;
}

/** A top-level declaration of the file (exported or not). */
const topLevel = (program: Node, decl: Node, exported: boolean): boolean =>
  (program.body as Node[]).some((st) => (!exported && st === decl) || (st.type === 'ExportNamedDeclaration' && st.declaration === decl));

/** A non-generic interface's own member `method`. */
function interfaceWith(decl: Node, method: string): boolean {
  if (decl.typeParameters) return false;
  return (decl.body.body as Node[]).some(
    (m) => (m.type === 'TSMethodSignature' || m.type === 'TSPropertySignature') && !m.computed && m.key?.type === 'Identifier' && m.key.name === method,
  );
}

/** A class's own instance member `method` (a method, accessor or property, abstract or not). */
function classWith(decl: Node, method: string): boolean {
  return (decl.body.body as Node[]).some(
    (m) =>
      ['ClassMethod', 'TSDeclareMethod', 'ClassProperty', 'ClassAccessorProperty'].includes(m.type) &&
      !m.static &&
      !m.computed &&
      m.kind !== 'constructor' &&
      m.key?.type === 'Identifier' &&
      m.key.name === method,
  );
}

/**
 * Does the type `name`, as `file` sees it, certainly have the member `method`? An interface (`implements`)
 * or a class (`extends`, or `implements` of a class), declared in the file or imported from a project file,
 * a class's own bases followed; for an interface named nowhere in the file, a global interface of the lib
 * files. (The plan's inheritedMember asks the checker for the property on the base or implemented type.)
 */
function declares(q: SilentQuestion, libs: Map<string, string>, file: string, name: string, method: string, how: 'extends' | 'implements', globals: Set<string>, depth = 0): boolean {
  if (depth > 8) return false;
  const text = q.texts.get(file) ?? readText(file);
  const program = text === null ? null : parse(file, text);
  if (!program) return false;
  const decls = declarationsOf(program, name);
  if (decls.length === 0) {
    if (how !== 'implements' || depth > 0) return false;
    // A global of the lib files: a top-level interface there (project files must not declare the name again).
    globals.add(name);
    return [...libs.values()].some((t) => libInterfaceWith(t, name, method));
  }
  if (decls.length !== 1) return false;
  let [decl] = decls;
  let where = { file, program };
  if (decl.type === 'ImportSpecifier') {
    const imp = (program.body as Node[]).find((st) => st.type === 'ImportDeclaration' && (st.specifiers as Node[]).includes(decl));
    if (!imp) return false;
    const exported = decl.imported?.type === 'Identifier' ? decl.imported.name : decl.imported?.value;
    const target = resolve(q, imp.source.value, file);
    if (!target || target === 'external') return false;
    const other = q.texts.get(target) ?? readText(target);
    const otherProgram = other === null ? null : parse(target, other);
    if (!otherProgram) return false;
    const there = declarationsOf(otherProgram, exported);
    if (there.length !== 1 || !topLevel(otherProgram, there[0], true)) return false;
    decl = there[0];
    where = { file: target, program: otherProgram };
  } else if (!topLevel(program, decl, false)) {
    return false;
  }
  if (decl.type === 'TSInterfaceDeclaration') return how === 'implements' && interfaceWith(decl, method);
  // (A generic class may be named without its type arguments: the checker may then see no base at all.)
  if (decl.type !== 'ClassDeclaration' || decl.typeParameters) return false;
  if (classWith(decl, method)) return true;
  const base = decl.superClass?.type === 'Identifier' && !decl.superTypeParameters && !decl.superTypeArguments ? (decl.superClass.name as string) : null;
  return !!base && declares(q, libs, where.file, base, method, 'extends', globals, depth + 1);
}

function libInterfaceWith(text: string, name: string, method: string): boolean {
  const re = new RegExp(`^interface ${name}(?:\\s+extends\\s[^{<]*)?\\s*\\{`, 'gm');
  for (const m of text.matchAll(re)) {
    let depth = 0;
    let end = -1;
    for (let i = m.index! + m[0].length - 1; i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) {
        end = i;
        break;
      }
    }
    if (end < 0) return false;
    const body = text.slice(m.index! + m[0].length, end);
    if (new RegExp(`^\\s+(?:readonly\\s+)?${method}\\??\\s*[(:<]`, 'm').test(body)) return true;
  }
  return false;
}

const resolvers = new WeakMap<SilentQuestion, { cache: Morph.ts.ModuleResolutionCache; host: Morph.ts.ModuleResolutionHost }>();
/** The file a module specifier resolves to as the compiler resolves it; 'external' for one from a package. */
function resolve(q: SilentQuestion, spec: string, from: string): string | 'external' | null {
  let resolver = resolvers.get(q);
  if (!resolver) {
    // The compiler's own host, each existence asked of the file system once (the walk up to node_modules
    // asks the same directories for every file).
    const sys = q.ts.sys;
    const memo = (ask: (p: string) => boolean) => {
      const known = new Map<string, boolean>();
      return (p: string) => known.get(p) ?? (known.set(p, ask(p)), known.get(p)!);
    };
    const host: Morph.ts.ModuleResolutionHost = {
      fileExists: memo((p) => sys.fileExists(p)),
      directoryExists: memo((p) => sys.directoryExists(p)),
      readFile: (p) => sys.readFile(p),
      realpath: sys.realpath && ((p) => sys.realpath!(p)),
      getCurrentDirectory: () => sys.getCurrentDirectory(),
      getDirectories: (p) => sys.getDirectories(p),
      useCaseSensitiveFileNames: sys.useCaseSensitiveFileNames,
    };
    resolver = { cache: q.ts.createModuleResolutionCache(q.root, (s) => s, q.options), host };
    resolvers.set(q, resolver);
  }
  const r = q.ts.resolveModuleName(spec, from, q.options, resolver.host, resolver.cache).resolvedModule;
  if (!r) return null;
  return r.isExternalLibraryImport || NODE_MODULES.test(r.resolvedFileName) ? 'external' : path.resolve(r.resolvedFileName);
}

/** The modules the compiler imports on a file's behalf: the helpers (`importHelpers`), the JSX runtime. */
function implicitImports(options: Morph.ts.CompilerOptions, file: string, text: string): string[] {
  const out: string[] = [];
  if (options.importHelpers) out.push('tslib');
  if (/\.[cm]?[jt]sx$/.test(file)) {
    const sources = ['react', options.jsxImportSource, ...[...text.matchAll(/@jsxImportSource\s+(\S+)/g)].map((m) => m[1])];
    for (const src of sources) if (src) out.push(`${src}/jsx-runtime`, `${src}/jsx-dev-runtime`);
  }
  return out;
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

/**
 * The files the plan's program would hold (the class files and all they import or reference): none under
 * node_modules, no automatic type package, no lib reference, no declaration of a dispose symbol, and no
 * project declaration of a global interface name the class files rely on.
 */
function programIsPlain(q: SilentQuestion, globals: Set<string>): boolean {
  const { ts, options } = q;
  for (const name of ts.getAutomaticTypeDirectiveNames(options, ts.sys)) {
    if (ts.resolveTypeReferenceDirective(name, path.join(q.root, '__inferred type names__.ts'), options, ts.sys).resolvedTypeReferenceDirective) return false;
  }
  const shadow = globals.size === 0 ? null : new RegExp(`\\b(?:type|class|enum|namespace|module|import|interface)\\s+(?:${[...globals].join('|')})\\b`);
  const seen = new Set<string>();
  const queue = [...q.classFiles];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (NODE_MODULES.test(file)) return false;
    const text = q.texts.get(file) ?? readText(file);
    if (text === null) continue;
    if (/\.json$/i.test(file)) continue;
    if (disposeDecl(text) || (shadow && shadow.test(text))) return false;
    if (!/\.[cm]?tsx?$/.test(file) && JSDOC_IMPORT.test(text)) return false;
    const info = scanOf(q, file, text);
    // (`no-default-lib` would drop the lib files the answers above were read from.)
    if (info.libReferenceDirectives.length > 0 || info.typeReferenceDirectives.length > 0 || info.isLibFile) return false;
    for (const ref of info.referencedFiles) {
      const f = path.resolve(path.dirname(file), ref.fileName);
      if (!fs.existsSync(f)) return false;
      queue.push(f);
    }
    for (const spec of [...info.importedFiles.map((i) => i.fileName), ...(info.ambientExternalModules ?? []), ...implicitImports(options, file, text)]) {
      if (/^typescript(?:\/|$)/.test(spec)) return false;
      const target = resolve(q, spec, file);
      if (target === 'external') return false;
      if (target) queue.push(target);
    }
  }
  return true;
}
