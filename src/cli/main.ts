import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LeakTransform } from '../core/model';
import type { Reason } from '../core/reasons';
import { parseArgs, UsageError, type CliOptions } from './args';
import { DiscoveryError } from './files';
import { configsForRun, type RunConfigs } from '../config/cli';
import { ConfigError } from '../config/load';
import { GitError, uncommittedFiles } from './git';
import { computeTotals, renderErrors, renderJson, renderSummary, renderText, type Report } from './report';
import { runFiles } from './runner';
import { Timings } from './timings';
import { BaselineError, writeBaseline } from './baseline';
import { renderGithub } from './github';
import { renderSarif } from './sarif';
import { readSourceText, triage, type TriageResult } from './triage';
import { WriteError, writeAtomically } from './write';

// As ESLint and Ruff have them. 0: nothing to do. 1: something to look at (a change not yet written, a
// reported leak, a file that could not be parsed). 2: leakproof could not do its job (bad arguments or config,
// an internal error, a write refused or failed).
export const EXIT_OK = 0;
export const EXIT_FOUND = 1;
export const EXIT_ERROR = 2;

interface Out {
  write(s: string): unknown;
  isTTY?: boolean;
}

export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: Out;
  stderr: Out;
}

/** Not reachable from the command line: lets tests run the runner on a throwaway transform. */
export interface Internal {
  transforms?: LeakTransform[];
  /** With `transforms`: the names run when no -t is given (default: all of them). */
  defaults?: string[];
}

function packageVersion(): string {
  // Walk up: this file runs from src/cli (tests) and from dist/src/cli (the bin).
  for (let d = __dirname; d !== path.dirname(d); d = path.dirname(d)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(d, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'leakproof') return pkg.version ?? '0.0.0';
    } catch {
      // keep walking
    }
  }
  return '0.0.0';
}

export function defaultCpus(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** --color/--no-color win; otherwise colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
function useColor(opts: CliOptions, stream: Out, env: Io['env']): boolean {
  if (opts.color !== undefined) return opts.color;
  if (env.NO_COLOR) return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export async function main(argv: string[], io: Io, internal: Internal = {}): Promise<number> {
  const started = performance.now();
  const usage = (message: string) => {
    io.stderr.write(`leakproof: ${message}\nRun 'leakproof --help' for the flags.\n`);
    return EXIT_ERROR;
  };

  let opts: CliOptions;
  try {
    const parsed = parseArgs(argv, packageVersion(), defaultCpus());
    if (parsed.kind === 'exit') {
      io.stdout.write(`${parsed.output}\n`);
      return EXIT_OK;
    }
    if (parsed.kind === 'doctor') {
      // Loaded for doctor alone: a run never needs it (~20 ms of every start).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runDoctor } = require('../doctor/run') as typeof import('../doctor/run');
      return runDoctor(parsed.path, parsed.json, io);
    }
    opts = parsed.options;
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message);
    throw e;
  }

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const registry = internal.transforms ? null : (require('../registry') as typeof import('../registry'));
  if (opts.listTransforms) {
    const available = internal.transforms ?? registry!.allTransforms();
    const width = Math.max(...available.map((t) => t.meta.name.length));
    for (const t of available) io.stdout.write(`${t.meta.name.padEnd(width)}  ${t.meta.description}\n`);
    return EXIT_OK;
  }
  // Names only: the transforms themselves load in the threads that run them.
  const available = internal.transforms?.map((t) => t.meta.name) ?? registry!.transformNames();
  const unknown = opts.transforms.filter((n) => !available.includes(n));
  if (unknown.length > 0) {
    return usage(`unknown transform ${unknown.join(', ')} (available: ${available.join(', ')})`);
  }
  // Without -t: the registry's defaults (the style transforms are alternatives to `lifecycles`, not extra passes).
  const wanted = opts.transforms.length > 0 ? opts.transforms : (internal.defaults ?? registry?.DEFAULT_TRANSFORMS ?? available);
  // Registry order, whatever order the flags came in: the order transforms are designed to chain in.
  const names = available.filter((n) => wanted.includes(n));
  const chosen = internal.transforms?.filter((t) => names.includes(t.meta.name));

  if (opts.types && opts.project !== undefined && !fs.existsSync(path.resolve(io.cwd, opts.project))) {
    return usage(`--project ${opts.project}: no such file`);
  }
  // leakproof.config.json of every package root the paths reach, checked before anything runs: its ignore
  // globs join --ignore, its acquire names join the prefilter (style and helper defaults apply per file).
  let configs: RunConfigs;
  try {
    configs = configsForRun(opts.paths, io.cwd);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.stderr.write(`leakproof: ${e.relativeTo(io.cwd)}\n`);
    return EXIT_ERROR;
  }
  opts = { ...opts, ignore: [...opts.ignore, ...configs.ignore] };

  const timings = io.env.LEAKPROOF_TIMINGS === '1' ? new Timings() : null;
  let result;
  try {
    result = await runFiles(opts, names, {
      cwd: io.cwd,
      progress: io.stderr.isTTY ? io.stderr : null,
      transforms: chosen,
      acquireNames: configs.acquireNames,
      listings: configs.listings,
      ...(timings ? { timings } : {}),
    });
  } catch (e) {
    if (e instanceof DiscoveryError) {
      io.stderr.write(`leakproof: ${e.message}\n`);
      return EXIT_ERROR;
    }
    throw e;
  }
  for (const note of result.notes) io.stderr.write(`leakproof: ${note}\n`);

  const color = useColor(opts, io.stdout, io.env);
  // Ignore comments and the baseline account for some reported lifecycles: those leave the report (counted as
  // suppressed). Texts as the transforms read them, so this runs before anything is written.
  const originals = new Map(result.changed.map((c) => [c.rel, c.original]));
  let triaged: TriageResult;
  try {
    const triageOpts = { cwd: io.cwd, reportUnusedIgnores: opts.reportUnusedIgnores, baseline: opts.baseline, updateBaseline: opts.updateBaseline };
    triaged = triage(result.files, triageOpts, (rel) => originals.get(rel) ?? readSourceText(path.resolve(io.cwd, rel)));
  } catch (e) {
    if (!(e instanceof BaselineError)) throw e;
    io.stderr.write(`leakproof: ${e.message}\n`);
    return EXIT_ERROR;
  }
  const created = result.created.map((c) => ({ path: c.rel, diff: c.diff }));
  const totals = { ...computeTotals(triaged.files, created, result.filesFound, 0), suppressed: triaged.suppressed, baselined: triaged.baselined };
  const report: Report = { version: 1, files: triaged.files, created, totals, ...(triaged.unusedIgnores ? { unusedIgnores: triaged.unusedIgnores } : {}) };
  // A file that does not parse (or cannot be read) is the file's problem, listed for a look; a crash is ours.
  let failed = result.files.some((f) => f.error?.kind === 'transform') || result.stopped;
  const unreadable = report.totals.errors > 0;

  // Writes happen only after every output is computed; a refusal or I/O failure writes nothing at all.
  const tail: string[] = [...result.passNotes];
  let written = false;
  const toWrite = result.changed.length + result.created.length;
  if (opts.write && result.stopped) {
    tail.push('stopped at the first error (--fail-on-error); nothing written');
  } else if (opts.write && toWrite > 0) {
    const refusal = refuseDirty(opts, result.changed.map((c) => c.abs), io);
    if (refusal !== null) {
      failed = true;
      tail.push(...refusal);
    } else {
      try {
        writeAtomically([
          ...result.changed.map((c) => ({ path: c.abs, original: Buffer.from(c.original, 'utf8'), output: c.output })),
          ...result.created.map((c) => ({ path: c.abs, original: null, output: c.source })),
        ]);
        const fresh = result.created.length > 0 ? ` and created ${result.created.length}` : '';
        tail.push(`wrote ${result.changed.length} file${result.changed.length === 1 ? '' : 's'}${fresh}`);
        written = true;
      } catch (e) {
        if (!(e instanceof WriteError)) throw e;
        failed = true;
        tail.push(`cannot write ${path.relative(io.cwd, e.file) || e.file}: ${e.message}; nothing written`);
      }
    }
  } else if (result.stopped) {
    tail.push('stopped at the first error (--fail-on-error)');
  } else if (!opts.write && !opts.reportOnly && !opts.check && toWrite > 0) {
    tail.push('dry run: nothing written (use --write to apply)');
  }
  tail.push(...triaged.notes);
  if (triaged.baselineWrite && !failed && !result.stopped) {
    const b = triaged.baselineWrite;
    try {
      writeBaseline(b.file, b.text);
      tail.push(`baseline: ${b.entries} reported lifecycle${b.entries === 1 ? '' : 's'} in ${path.relative(io.cwd, b.file) || b.file}`);
    } catch (e) {
      failed = true;
      tail.push(`cannot write the baseline ${b.file}: ${(e as Error).message}`);
    }
  }

  report.totals.elapsedMs = Math.round(performance.now() - started);
  if (opts.format === 'json') io.stdout.write(renderJson(report));
  else if (opts.format === 'sarif') io.stdout.write(renderSarif(report, { cwd: io.cwd, version: packageVersion(), reasons: reasonTexts(internal.transforms ?? registry!.allTransforms()), changed: result.changed, written, failed }));
  else if (opts.format === 'github') io.stdout.write(renderGithub(report, written));
  else io.stdout.write(renderText(report, { color, diffs: !opts.reportOnly }));
  io.stderr.write(renderErrors(report, opts.debug));
  if (timings) io.stderr.write(timings.render());
  const stderrColor = useColor(opts, io.stderr, io.env);
  io.stderr.write(renderSummary(report.totals, report.files, result.threads, stderrColor, tail.map((l) => `leakproof: ${l}`).join('\n')));

  if (failed) return EXIT_ERROR;
  // What is left to look at: changes not written (a dry run, --check), every reported lifecycle (also the
  // would-fix ones of --report-only), and the files that could not be parsed or read.
  const unwritten = !written && (report.totals.changed > 0 || report.created.length > 0);
  if (unwritten || report.totals.reported > 0 || unreadable || (report.unusedIgnores?.length ?? 0) > 0) return EXIT_FOUND;
  return EXIT_OK;
}

/** Reason id → its entry in the reason tables of these transforms (the first table that has it). */
function reasonTexts(transforms: LeakTransform[]): Map<string, Reason> {
  const out = new Map<string, Reason>();
  for (const t of transforms) for (const [id, reason] of Object.entries(t.meta.reasons)) if (!out.has(id)) out.set(id, reason);
  return out;
}

/**
 * Message lines naming the files git could not give back, or null when writing may go ahead. Only files
 * that exist are asked about: a new file (a generated helper) has nothing to lose.
 */
function refuseDirty(opts: CliOptions, files: string[], io: Io): string[] | null {
  if (opts.force) return null;
  let dirty: string[];
  try {
    dirty = uncommittedFiles(files);
  } catch (e) {
    if (e instanceof GitError) return [e.message, 'nothing written (use --force to write without the git check)'];
    throw e;
  }
  if (dirty.length === 0) return null;
  const what = dirty.length === 1 ? 'this file has' : 'these files have';
  const list = dirty.map((f) => `  ${path.relative(io.cwd, f).split(path.sep).join('/')}`).join('\n');
  return [`refusing to write: ${what} uncommitted changes (or git does not track them), so git could not undo the rewrite:\n${list}`, 'nothing written (commit or stash first, or use --force)'];
}

/** Entry point of bin/leakproof.js. */
export function cli(): void {
  // `leakproof | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    throw err;
  });
  main(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`leakproof: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = EXIT_ERROR;
    },
  );
}
