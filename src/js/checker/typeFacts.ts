// Type-aware facts, computed once per run with the TypeScript compiler that ts-morph bundles, over only the
// files that passed the prefilter.
// Names are not enough (`conn.release()` may be anything): the checker says what a call really returns,
// through wrappers, re-exports and class fields. The syntactic finder then takes these facts as ground
// truth where they exist and falls back to its own provenance where they do not.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LibrarySpec } from '../../catalog/js';
import { catalogueKind, LIBRARIES, RELEASE_CALL } from '../../catalog/js';

type Ts = typeof import('ts-morph').ts;

/** What the checker says about one call or `new` expression (keyed by its start offset in the file). */
export interface TypeFact {
  /** Catalogue library and kind of the (awaited) result, when it is a catalogue type. */
  library?: string;
  kind?: string;
  /** The (awaited) result has `[Symbol.asyncDispose]` / `[Symbol.dispose]`. */
  dispose?: 'async' | 'sync';
  /** Package that declares the result type (for libraries the catalogue does not know). */
  package?: string;
  /** `x.connect()` returning `x`'s own type: not a new acquisition. */
  selfReturn?: boolean;
}

export interface FileTypeFacts {
  /** `line:column` of the call's start (1-based line, 0-based column) → fact; a call with a resolved,
   * uninteresting type maps to `{}`. Lines and columns, not offsets: recast hands the parser LF text, so a
   * CRLF file's offsets differ between the checker and the parser. */
  calls: Record<string, TypeFact>;
}

/** The key of a parsed (babel/recast) node in `FileTypeFacts.calls`. */
export function factKey(node: { loc?: { start: { line: number; column: number } } | null }): string {
  return node.loc ? `${node.loc.start.line}:${node.loc.start.column}` : '';
}

export interface TypeFactsResult {
  facts: Map<string, FileTypeFacts>;
  /** One line for the run summary (what was checked, or why types were not used). */
  note: string;
}

/** `/x/node_modules/@types/pg/index.d.ts` → `pg`; `/x/node_modules/mysql2/promise.d.ts` → `mysql2`. */
export function packageOfFile(file: string): string | null {
  const parts = file.split(/[\\/]/);
  const i = parts.lastIndexOf('node_modules');
  if (i < 0 || i + 1 >= parts.length) return null;
  const name = parts[i + 1].startsWith('@') ? `${parts[i + 1]}/${parts[i + 2]}` : parts[i + 1];
  return name.startsWith('@types/') ? name.slice('@types/'.length).replace(/__/g, '/').replace(/^([^/]+)\/(.*)$/, '@$1/$2') : name;
}

/** Nearest tsconfig.json at or above `dir`. */
export function findTsconfig(dir: string): string | null {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const f = path.join(d, 'tsconfig.json');
    if (fs.existsSync(f)) return f;
    if (path.dirname(d) === d) return null;
  }
}

/**
 * Cheap textual check: does this call's result feed a variable whose release-like method is called later?
 * The generic names, and every catalogue release (pg-promise's `done()`).
 */
const catalogueReleases = LIBRARIES.flatMap((l) => l.resources.flatMap((r) => r.release.map((x) => x.method))).filter((m) => !RELEASE_CALL.test(`.${m}(`));
export const RELEASE_LIKE = catalogueReleases.length ? new RegExp(`${RELEASE_CALL.source}|\\.\\s*(?:${[...new Set(catalogueReleases)].join('|')})\\s*\\(`) : RELEASE_CALL;

export function computeTypeFacts(files: { abs: string; text: string }[], options: { project?: string; cwd: string; libraries?: LibrarySpec[] }): TypeFactsResult {
  const facts = new Map<string, FileTypeFacts>();
  const candidates = files.filter((f) => RELEASE_LIKE.test(f.text));
  if (candidates.length === 0) return { facts, note: 'types: no file needed the checker' };
  const tsconfig = options.project ? path.resolve(options.cwd, options.project) : findTsconfig(path.dirname(candidates[0].abs));
  if (!tsconfig || !fs.existsSync(tsconfig)) return { facts, note: 'types: no tsconfig.json found; syntactic analysis only' };
  // Without installed packages the checker sees `any` everywhere: say so once and fall back.
  if (!hasNodeModules(path.dirname(tsconfig))) {
    return { facts, note: `types: packages are not installed next to ${path.relative(options.cwd, tsconfig) || tsconfig}; syntactic analysis only` };
  }
  // The compiler ts-morph bundles loads only when types are used (ts-morph itself is not needed).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const common = require('@ts-morph/common') as { ts: Ts; getLibFiles(): { fileName: string; text: string }[]; libFolderInMemoryPath: string };
  const ts = common.ts;
  // The tsconfig's options (extends, paths, types…), read as ts-morph reads them but without listing the files
  // it includes (a walk of its folders): the program is built from the candidate files only.
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, ' '));
  const configHost = { useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames, fileExists: ts.sys.fileExists, readFile: ts.sys.readFile, readDirectory: () => [] };
  const compilerOptions = { ...ts.parseJsonConfigFileContent(read.config, configHost, path.dirname(tsconfig), undefined, tsconfig).options, noEmit: true };
  const texts = new Map(candidates.map((f) => [path.resolve(f.abs), f.text.replace(/^\uFEFF/, '')]));
  // (No parent pointers from the parser: binding sets them, and every file is bound before the first query.)
  const host = ts.createCompilerHost(compilerOptions);
  // The bundled compiler's lib files live in ts-morph's memory, not on disk: serve them, and our texts.
  const libDir = common.libFolderInMemoryPath;
  const libs = new Map(common.getLibFiles().map((f) => [`${libDir}/${f.fileName}`, f.text]));
  const textOf = (name: string) => texts.get(path.resolve(name)) ?? libs.get(name);
  const { getSourceFile, fileExists, readFile } = host;
  host.getDefaultLibLocation = () => libDir;
  host.getDefaultLibFileName = (options) => `${libDir}/${ts.getDefaultLibFileName(options)}`;
  host.fileExists = (name) => textOf(name) !== undefined || fileExists.call(host, name);
  host.readFile = (name) => textOf(name) ?? readFile.call(host, name);
  // JSDoc only carries types in JavaScript; not parsing it halves the cost of lib.dom.d.ts and friends.
  const jsDoc = ts.JSDocParsingMode.ParseForTypeInfo;
  host.jsDocParsingMode = jsDoc;
  host.getSourceFile = (name, language, onError, create) => {
    const text = textOf(name);
    const options = typeof language === 'object' ? { ...language, jsDocParsingMode: jsDoc } : { languageVersion: language, jsDocParsingMode: jsDoc };
    return text !== undefined ? ts.createSourceFile(name, text, options) : getSourceFile.call(host, name, options, onError, create);
  };
  const program = ts.createProgram({ rootNames: [...texts.keys()], options: compilerOptions, host });
  const checker = program.getTypeChecker();
  const sourceFiles = [...texts.keys()].map((f) => program.getSourceFile(f)).filter((sf): sf is import('ts-morph').ts.SourceFile => !!sf);
  const libraries = options.libraries ?? LIBRARIES;

  const describe = (type: import('ts-morph').ts.Type): TypeFact => {
    const fact: TypeFact = {};
    let t = type;
    const awaited = checker.getAwaitedType(t);
    if (awaited) t = awaited;
    if (t.isUnion()) {
      const nonNullish = t.types.filter((m) => !(m.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
      if (nonNullish.length === 1) t = nonNullish[0];
    }
    const symbol = t.aliasSymbol ?? t.getSymbol();
    const decl = symbol?.declarations?.[0];
    const pkg = decl ? packageOfFile(decl.getSourceFile().fileName) : null;
    if (pkg) fact.package = pkg;
    if (symbol && pkg) {
      const known = catalogueKind(libraries, pkg, symbol.getName(), (lib, kind) => lib.resources.some((r) => r.kind === kind));
      if (known) {
        fact.library = known.lib.library;
        fact.kind = known.kind;
      }
    }
    for (const prop of checker.getPropertiesOfType(t)) {
      const name = prop.getName();
      if (name === '__@asyncDispose@' || /^__@asyncDispose@\d*$/.test(name)) fact.dispose = 'async';
      else if (!fact.dispose && /^__@dispose@\d*$/.test(name)) fact.dispose = 'sync';
    }
    return fact;
  };

  for (const sf of sourceFiles) {
    const calls: Record<string, TypeFact> = {};
    const visit = (node: import('ts-morph').ts.Node): void => {
      if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && holdsResult(ts, node)) {
        const type = checker.getTypeAtLocation(node);
        if (!(type.flags & ts.TypeFlags.Any)) {
          const fact = describe(type);
          if (fact.kind && ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
            const receiver = describe(checker.getTypeAtLocation(node.expression.expression));
            if (receiver.kind === fact.kind && receiver.library === fact.library) fact.selfReturn = true;
          }
          const at = sf.getLineAndCharacterOfPosition(node.getStart(sf));
          calls[`${at.line + 1}:${at.character}`] = fact;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    facts.set(path.resolve(sf.fileName), { calls });
  }
  return { facts, note: `types: checked ${sourceFiles.length} file(s) with ${path.relative(options.cwd, tsconfig) || tsconfig}` };
}

/** Only results that are kept in a variable can be lifecycles: other calls are not worth a type query. */
function holdsResult(ts: Ts, node: import('ts-morph').ts.Node): boolean {
  let cur = node;
  while (cur.parent && (ts.isAwaitExpression(cur.parent) || ts.isParenthesizedExpression(cur.parent) || ts.isAsExpression(cur.parent) || ts.isNonNullExpression(cur.parent))) cur = cur.parent;
  const parent = cur.parent;
  if (!parent) return false;
  if (ts.isVariableDeclaration(parent) && parent.initializer === cur) return true;
  return ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === cur;
}

function hasNodeModules(dir: string): boolean {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'node_modules'))) return true;
    if (path.dirname(d) === d) return false;
  }
}
