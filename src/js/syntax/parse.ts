import * as babel from '@babel/parser';
import type { JSCodeshift } from 'jscodeshift';
import * as path from 'node:path';
import { parenthesizeOnlyWhereNeeded } from './recastParens';

// Plugins shared by every file kind. `explicitResourceManagement` lets a file that already holds `using`
// declarations (our own output, on a second run) parse again.
const COMMON_PLUGINS: babel.ParserPlugin[] = [
  'asyncGenerators',
  'bigInt',
  'classPrivateMethods',
  'classPrivateProperties',
  'classProperties',
  'decoratorAutoAccessors',
  'dynamicImport',
  'explicitResourceManagement',
  'exportDefaultFrom',
  'exportNamespaceFrom',
  'importAttributes',
  'importMeta',
  'logicalAssignment',
  'nullishCoalescingOperator',
  'numericSeparator',
  'objectRestSpread',
  'optionalCatchBinding',
  'optionalChaining',
  'topLevelAwait',
];

export type ParserName = 'ts' | 'tsx' | 'js';

export { JS_EXTENSIONS as DEFAULT_EXTENSIONS } from './extensions';

/** `.ts` must not be parsed as TSX: `<T>x` casts are legal there and a syntax error in TSX. */
export function parserNameFor(file: string): ParserName {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.tsx') return 'tsx';
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return 'ts';
  return 'js';
}

export function isTypeScriptFile(file: string): boolean {
  return parserNameFor(file) !== 'js';
}

function optionsFor(name: ParserName): babel.ParserOptions {
  const plugins: babel.ParserPlugin[] = [...COMMON_PLUGINS];
  if (name === 'ts' || name === 'tsx') plugins.push('typescript', 'decorators-legacy');
  else plugins.push(['decorators', { decoratorsBeforeExport: false }]);
  if (name === 'tsx' || name === 'js') plugins.push('jsx');
  // Flow's annotations in .js files (parse-server, React Native code). Without `all`, babel reads the few
  // constructs whose meaning differs (`f<T>(x)`) as Flow only under an `@flow` pragma: plain JS parses as before.
  if (name === 'js') plugins.push('flow');
  return {
    sourceType: 'module',
    allowImportExportEverywhere: true,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowNewTargetOutsideFunction: true,
    allowUndeclaredExports: true,
    errorRecovery: false,
    startLine: 1,
    tokens: true,
    plugins,
  };
}

/** Babel's options for this file as leakproof parses it; `tokens: false` for a look that never prints. */
export function parserOptionsFor(file: string, overrides: Partial<babel.ParserOptions> = {}): babel.ParserOptions {
  return { ...OPTIONS[parserNameFor(file)], ...overrides };
}

const OPTIONS: Record<ParserName, babel.ParserOptions> = {
  ts: optionsFor('ts'),
  tsx: optionsFor('tsx'),
  js: optionsFor('js'),
};

/**
 * babel's parse, as a module first. Code that is not one fails there only by strict mode's rules (CommonJS
 * written for sloppy mode: `package` or `interface` as a name, an octal `0755`, `with`): it is read again as a
 * script, as Node would run it. The module's error stands when the script does not parse either.
 */
export function parseModuleOrScript(source: string, options: babel.ParserOptions): ReturnType<typeof babel.parse> {
  try {
    return babel.parse(source, options);
  } catch (e) {
    // Babel's legacy decorators take no decorated computed member (`@Validator [key]() {}`), which TypeScript's
    // experimentalDecorators does: such a file is read again with the standard decorators, which do.
    const legacy = options.plugins?.includes('decorators-legacy') ?? false;
    const again: babel.ParserOptions[] = [
      ...(options.sourceType === 'module' ? [{ ...options, sourceType: 'script' as const }] : []),
      ...(legacy ? [{ ...options, plugins: options.plugins!.map((p): babel.ParserPlugin => (p === 'decorators-legacy' ? ['decorators', { decoratorsBeforeExport: true }] : p)) }] : []),
    ];
    for (const o of again) {
      try {
        return babel.parse(source, o);
      } catch {
        // the first error is the one to report
      }
    }
    throw e;
  }
}

const PARSERS: Record<ParserName, { parse(source: string): unknown }> = {
  ts: { parse: (source: string) => parseModuleOrScript(source, OPTIONS.ts) },
  tsx: { parse: (source: string) => parseModuleOrScript(source, OPTIONS.tsx) },
  js: { parse: (source: string) => parseModuleOrScript(source, OPTIONS.js) },
};

const jscodeshiftFor = new Map<ParserName, JSCodeshift>();

/**
 * jscodeshift bound to the file's parser. Made once per parser: `withParser` copies every ast-types
 * builder onto a new function each time, which is measurable over thousands of files.
 */
export function jFor(file: string): JSCodeshift {
  const name = parserNameFor(file);
  let j = jscodeshiftFor.get(name);
  if (!j) {
    // Required here: a thread that only reads babel's tree (the close plan's precheck) never loads jscodeshift.
    parenthesizeOnlyWhereNeeded();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    j = (require('jscodeshift') as JSCodeshift).withParser(PARSERS[name] as never);
    jscodeshiftFor.set(name, j);
  }
  return j;
}

/** A recast/jscodeshift-compatible parser object for the given file. */
export function parserFor(file: string): { parse(source: string): unknown } {
  return PARSERS[parserNameFor(file)];
}

/** A parse failure with the parser's own message and position. */
export class ParseError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
    readonly column: number | null,
  ) {
    super(message);
  }
  static from(err: unknown): ParseError {
    const e = err as { message?: string; loc?: { line: number; column: number } };
    const msg = String(e?.message ?? err).replace(/\s*\(\d+:\d+\)$/, '');
    return new ParseError(msg, e?.loc?.line ?? null, e?.loc ? e.loc.column + 1 : null);
  }
}

