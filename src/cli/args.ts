import yargs, { type Options } from 'yargs';
import type { AdapterKind, StyleChoice } from '../core/model';
import { ALL_EXTENSIONS } from '../languages';

/** A command-line mistake: reported with a hint to `--help`, exit 2. */
export class UsageError extends Error {}

export interface CliOptions {
  paths: string[];
  write: boolean;
  check: boolean;
  reportOnly: boolean;
  /** What stdout holds: text (diffs and findings), the JSON report, a SARIF log or GitHub workflow annotations. */
  format: OutputFormat;
  /** `format === 'json'`, kept for the callers that only ask that. */
  json: boolean;
  force: boolean;
  /** Transform names as given; empty means "all". Validated against the registry by the caller. */
  transforms: string[];
  adapter: AdapterKind;
  /** For the `lifecycles` transform; `undefined` leaves the transform's default (auto). */
  style: StyleChoice | undefined;
  helperImport: string | undefined;
  helperPath: string | undefined;
  /** Type-aware mode: ask the TypeScript checker (when a tsconfig and installed packages are found). */
  types: boolean;
  /** The project index: what the project's own modules hand out, read across files (`--no-index`: each file alone). */
  index: boolean;
  /** tsconfig.json for type-aware mode, as given; `undefined`: the nearest one to the files. */
  project: string | undefined;
  /** Lower-case, with a leading dot. */
  extensions: string[];
  gitignore: boolean;
  ignore: string[];
  prefilter: boolean;
  /** Also analyse generated and bundled code (under .yarn/, *.min.js, `@generated`, over 1 MB, minified lines). */
  includeGenerated: boolean;
  cpus: number;
  /** `undefined`: decide from the terminal and NO_COLOR. */
  color: boolean | undefined;
  failOnError: boolean;
  listTransforms: boolean;
  /** Also restate lifecycles that already release on every path (try/finally → `using` or a callback). */
  modernize: boolean;
  /** Print the stack of an internal error. */
  debug: boolean;
  /** List `leakproof-ignore` comments that suppressed nothing (and count them as something to look at). */
  reportUnusedIgnores: boolean;
  /** The baseline file as given (`--baseline`); `null`: `--no-baseline`; `undefined`: the default one if present. */
  baseline: string | null | undefined;
  /** Write the run's reported lifecycles into the baseline file. */
  updateBaseline: boolean;
}

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export type ParsedArgs =
  | { kind: 'run'; options: CliOptions }
  | { kind: 'exit'; output: string }
  // `leakproof doctor [path]` (no text of its own: `output` is there only so `r.output` reads on any result).
  | { kind: 'doctor'; path: string; json: boolean; output?: undefined };

const EXAMPLES: [string, string][] = [
  ['$0', 'Dry run on the current directory: print the diffs, write nothing'],
  ['$0 src --write', 'Rewrite the files under src/ in place'],
  ['$0 --check', 'CI gate: exit 1 when something would change or a leak is reported'],
  ['$0 -t await-using --adapter stack src', 'One transform, DisposableStack adapters'],
  ['$0 --report-only --json > report.json', 'Only analyse; machine-readable report'],
  ['$0 --check --format sarif > leakproof.sarif', 'CI gate with a SARIF log for code scanning'],
  ['$0 --update-baseline', 'Record the reported lifecycles in leakproof-baseline.json: --check then fails only on new ones'],
  ['$0 --style try-finally src', 'No `using`: try/finally everywhere'],
  ['$0 --extensions ts --ignore "**/*.test.ts"', '.ts only, tests left out'],
  ['$0 --list-transforms', 'Show the available transforms'],
  ['$0 doctor', 'Per package: what decides the style `auto` picks, and the change that enables `await using`'],
];

// Strings (not arrays) for repeatable options: yargs `array: true` is greedy and would swallow the paths
// that follow (`--ignore a b` → two globs); a repeated string option collects into an array by itself.
function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function normalizeExtensions(values: string[]): string[] {
  const exts = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v.length > 0)
    .map((v) => (v.startsWith('.') ? v : `.${v}`));
  if (values.length > 0 && exts.length === 0) throw new UsageError('--extensions needs at least one extension');
  return exts.length > 0 ? [...new Set(exts)] : ALL_EXTENSIONS;
}

/**
 * Every flag of a run, as data: the parser is built from it and the generated docs (docs/flags.md) list it,
 * so neither can drift from the other.
 */
export function runOptions(defaultCpus: number | string): [string, Options][] {
  return [
    ['write', { type: 'boolean', default: false, describe: 'Apply the changes (default is a dry run that prints diffs)' }],
    ['check', { type: 'boolean', default: false, describe: 'Write nothing; exit 1 if any file would change or a leak is reported' }],
    ['report-only', { type: 'boolean', default: false, describe: 'Analyse and list findings only: no diffs, no writes' }],
    ['format', { choices: OUTPUT_FORMATS, describe: 'What to print on stdout: text, the JSON report, a SARIF 2.1.0 log, or GitHub workflow annotations [default: text]' }],
    ['json', { type: 'boolean', default: false, describe: 'Same as --format json' }],
    ['report-unused-ignores', { type: 'boolean', default: false, describe: 'List leakproof-ignore comments that suppress nothing; they count as something to look at (exit 1)' }],
    ['baseline', { type: 'string', describe: 'Baseline file: reported lifecycles listed there do not count (default: leakproof-baseline.json if present; --no-baseline to ignore it)' }],
    ['update-baseline', { type: 'boolean', default: false, describe: "Write this run's reported lifecycles to the baseline file (other files' entries are kept)" }],
    ['force', { type: 'boolean', default: false, describe: 'With --write: also rewrite files that have uncommitted git changes' }],
    ['transform', { alias: 't', type: 'string', describe: 'Transform to run (repeatable; default: lifecycles, pool-lifecycle, remove-redundant-close)' }],
    ['list-transforms', { type: 'boolean', default: false, describe: 'List the transforms and exit' }],
    ['adapter', { choices: ['object', 'stack'] as const, default: 'object' as const, describe: 'Disposer form for libraries without a native one' }],
    ['style', {
      choices: ['auto', 'using', 'with-session', 'try-finally'] as const,
      describe: 'Rewrite style for the default transform (lifecycles); auto: `using` where the toolchain takes it, else a library callback, else try/finally [default: auto]',
    }],
    ['helper-import', { type: 'string', describe: 'with-session: import withSession from this module instead of generating a helper' }],
    ['helper-path', { type: 'string', describe: 'with-session: where the generated helper goes, relative to the package root' }],
    ['types', { type: 'boolean', default: true, describe: 'Ask the TypeScript checker what calls return when a tsconfig.json and installed packages are found (--no-types: syntax only)' }],
    ['index', { type: 'boolean', default: true, describe: 'Read the project modules the files import for the resources they hand out (--no-index: each file on its own; faster, and blind to a resource acquired through another module)' }],
    ['project', { type: 'string', describe: 'tsconfig.json for type-aware mode (default: the nearest one to the files)' }],
    ['extensions', { type: 'string', describe: `File extensions to process, comma separated or repeatable (default: ${ALL_EXTENSIONS.join(',')})` }],
    ['gitignore', { type: 'boolean', default: true, describe: 'Honour .gitignore files (--no-gitignore to turn off)' }],
    ['ignore', { type: 'string', describe: 'Glob of paths to leave out, relative to the current directory (repeatable)' }],
    ['prefilter', { type: 'boolean', default: true, describe: 'Skip files whose text cannot hold a lifecycle, unparsed (--no-prefilter to parse all)' }],
    ['include-generated', { type: 'boolean', default: false, describe: 'Also analyse generated and bundled code, left out by default: files under .yarn/, *.min.js, an @generated header comment, over 1 MB, or with a line of code over 10,000 characters (one long string literal, a data URI, counts only when such lines are most of the file)' }],
    ['cpus', { type: 'number', describe: `Cores to use: worker threads for parsing and transforming beside the main thread and the close plan's thread, more only for a large run (default: ${defaultCpus})` }],
    ['color', { type: 'boolean', describe: 'Colour the diffs (default: on a terminal unless NO_COLOR is set; --no-color to turn off)' }],
    ['fail-on-error', { type: 'boolean', default: false, describe: 'Stop at the first file that cannot be parsed or transformed' }],
    ['modernize', { type: 'boolean', default: false, describe: 'Also restate code that already releases on every path (try/finally → `using` or a callback); counted apart from leaks fixed' }],
    ['debug', { type: 'boolean', default: false, describe: 'Print the stack trace of an internal error' }],
  ];
}

// The run's flags mean nothing to doctor: kept out of `doctor --help`.
const DOCTOR_HIDDEN = runOptions(1).map(([name]) => name).filter((name) => name !== 'json');

export function parseArgs(argv: string[], version: string, defaultCpus: number): ParsedArgs {
  let doctor = false;
  const parser = yargs()
    .scriptName('leakproof')
    .command('$0 [paths..]', 'Find leaky database/I-O resource lifecycles and rewrite them to release on every path.', (y) =>
      y.positional('paths', {
        describe: 'Files and directories to process',
        type: 'string',
        array: true,
        default: ['.'],
      }),
    )
    .command(
      'doctor [path]',
      'Show, per package at or under path, the facts that decide the rewrite style (TypeScript, tsconfig lib, engines, Babel, library versions) and the change that would enable `await using`',
      (y) =>
        // The run's flags mean nothing here (doctorArgs rejects them): kept out of `doctor --help`.
        DOCTOR_HIDDEN.reduce((acc, flag) => acc.hide(flag), y)
          .positional('path', { describe: 'Directory to inspect', type: 'string', default: '.' })
          .option('json', { type: 'boolean', default: false, describe: 'Print the facts as JSON' }),
      () => {
        doctor = true;
      },
    )
    .options(Object.fromEntries(runOptions(defaultCpus)))
    .example(EXAMPLES)
    .epilogue('Exit codes: 0 nothing to do; 1 something to look at (a change, a reported leak, a file that could not be parsed); 2 leakproof could not do its job (bad arguments or config, an internal error, a refused or failed write).')
    .strict()
    .help()
    .alias('h', 'help')
    .version(version)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .showHelpOnFail(false)
    // yargs would exit 1 on a failure; ours is a usage error, exit 2.
    .fail((msg, err) => {
      throw err instanceof UsageError ? err : new UsageError(msg || err?.message || 'invalid arguments');
    });

  let result: ParsedArgs | undefined;
  let failure: Error | undefined;
  // The callback form captures --help/--version text instead of printing it, so the caller owns stdout.
  parser.parse(argv, {}, (err, args, output) => {
    if (err) {
      failure = err;
      return;
    }
    if (args.help || args.version) {
      result = { kind: 'exit', output };
      return;
    }
    try {
      if (doctor) {
        result = doctorArgs(argv, args as unknown as Record<string, unknown>);
        return;
      }
      result = { kind: 'run', options: toOptions(args as unknown as Record<string, unknown>, defaultCpus) };
    } catch (e) {
      failure = e as Error;
    }
  });
  if (failure) throw failure instanceof UsageError ? failure : new UsageError(failure.message);
  if (!result) throw new UsageError('invalid arguments');
  return result;
}

/** `doctor` takes a path and --json; the run's flags would silently mean nothing there. */
function doctorArgs(argv: string[], a: Record<string, unknown>): ParsedArgs {
  const end = argv.indexOf('--');
  const flags = (end >= 0 ? argv.slice(0, end) : argv).filter((t) => t.startsWith('-'));
  const stray = flags.find((t) => !['--json', '--no-json'].includes(t.split('=')[0]));
  if (stray) throw new UsageError(`doctor takes a path and --json, not ${stray}`);
  return { kind: 'doctor', path: typeof a.path === 'string' && a.path !== '' ? a.path : '.', json: a.json === true };
}

function toOptions(a: Record<string, unknown>, defaultCpus: number): CliOptions {
  // Everything after `--` lands in `_`; those are paths too (e.g. a file named `--weird.ts`).
  const paths = [...list(a.paths), ...list(a._)];
  const write = a.write === true;
  const check = a.check === true;
  const reportOnly = a['report-only'] === true;
  if (write && check) throw new UsageError('--write and --check cannot be used together');
  if (write && reportOnly) throw new UsageError('--write and --report-only cannot be used together');
  const formats = list(a.format);
  if (formats.length > 1) throw new UsageError('--format can be given once');
  if (a.json === true && formats.length > 0 && formats[0] !== 'json') throw new UsageError(`--json and --format ${formats[0]} cannot be used together`);
  const format: OutputFormat = a.json === true ? 'json' : ((formats[0] as OutputFormat | undefined) ?? 'text');
  let baseline: string | null | undefined;
  if (a.baseline === false) baseline = null;
  else if (a.baseline !== undefined) {
    const values = list(a.baseline);
    if (values.length > 1) throw new UsageError('--baseline can be given once');
    if (values[0] === '' || values[0] === 'true') throw new UsageError('--baseline needs a file name');
    baseline = values[0];
  }
  if (baseline === null && a['update-baseline'] === true) throw new UsageError('--update-baseline and --no-baseline cannot be used together');

  let cpus = defaultCpus;
  if (a.cpus !== undefined) {
    const n = a.cpus as number | null;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new UsageError('--cpus needs a whole number of at least 1');
    cpus = n;
  }
  for (const [flag, value] of [['transform', a.transform], ['ignore', a.ignore], ['extensions', a.extensions], ['helper-import', a['helper-import']], ['helper-path', a['helper-path']], ['project', a.project]] as const) {
    if (list(value).some((v) => v === '')) throw new UsageError(`--${flag} needs a value`);
  }
  const single = (flag: string): string | undefined => {
    const values = list(a[flag]);
    if (values.length > 1) throw new UsageError(`--${flag} can be given once`);
    return values[0];
  };

  return {
    paths: paths.length > 0 ? paths : ['.'],
    write,
    check,
    reportOnly,
    format,
    json: format === 'json',
    force: a.force === true,
    transforms: list(a.transform),
    adapter: single('adapter') === 'stack' ? 'stack' : 'object',
    style: single('style') as StyleChoice | undefined,
    helperImport: single('helper-import'),
    helperPath: single('helper-path'),
    types: a.types !== false,
    index: a.index !== false,
    project: single('project'),
    extensions: normalizeExtensions(list(a.extensions)),
    gitignore: a.gitignore !== false,
    ignore: list(a.ignore),
    prefilter: a.prefilter !== false,
    includeGenerated: a['include-generated'] === true,
    cpus,
    color: typeof a.color === 'boolean' ? a.color : undefined,
    failOnError: a['fail-on-error'] === true,
    listTransforms: a['list-transforms'] === true,
    modernize: a.modernize === true,
    debug: a.debug === true,
    reportUnusedIgnores: a['report-unused-ignores'] === true,
    baseline,
    updateBaseline: a['update-baseline'] === true,
  };
}
