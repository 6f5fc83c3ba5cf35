// The per-file job: run the transform chain on one text and diff the result. Runs in the main thread or in a
// pool worker; the transforms (the heavy part) are loaded on first use, never by importing this module.
import type { ExtraFile, FileFacts, Finding, LeakTransform, TransformOptions } from '../core/model';
import { ParseError } from '../js/syntax/parse';
import { unifiedDiff } from './diff';
import { placeInOriginal } from './positions';
import { inRunScope, RunScope } from '../core/runScope';

export interface WorkItem {
  id: number;
  /** Absolute path: transforms look up the nearest package.json from it. */
  abs: string;
  /** Path relative to the current directory, for the diff headers. */
  rel: string;
  text: string;
  /** The frontend that reads it (`javascript`, `python`). */
  language: string;
  /** What the project passes found for this file, by pass name. */
  facts?: FileFacts;
  /** Run only the transforms of the chain from `range[0]` up to (not including) `range[1]`: one phase. */
  range?: [number, number];
  /** Where the phase before left the file. */
  resume?: Resume;
}

/** A file between two phases of its chain: its text so far, and what the transforms before found. */
export interface Resume {
  current: string;
  findings: Finding[];
  extraFiles: ExtraFile[];
  /** The transform that made `current`. */
  madeBy?: string | null;
  timings?: Record<string, number>;
}

export interface FileError {
  /** parse: the file's fault (exit 1); transform: leakproof's own (an internal error, exit 2); io: unreadable. */
  kind: 'parse' | 'transform' | 'io';
  message: string;
  line: number | null;
  column: number | null;
  /** An internal error's stack, printed with --debug. */
  stack?: string;
}

export interface WorkResult {
  id: number;
  status: 'changed' | 'unchanged' | 'error';
  /** The new text when changed. */
  output: string | null;
  diff: string | null;
  findings: Finding[];
  /** Files the new text needs (a generated helper), from every transform in the chain; only when changed. */
  extraFiles: ExtraFile[];
  error?: FileError;
  /** Milliseconds per transform on this file, when timings were asked for (LEAKPROOF_TIMINGS=1). */
  timings?: Record<string, number>;
  /** Set when a later phase is still to run on the file: where this one left it. */
  resume?: Resume;
}

export interface WorkConfig {
  /** Names in run order; already validated against the registry. */
  transforms: string[];
  /** Passes whose facts are keyed by offsets into the text as read: dropped once a transform changed it. */
  boundToText?: string[];
  options: TransformOptions;
  /** Compute diffs (not needed for --report-only). */
  diff: boolean;
  /** Measure each transform's time per file (LEAKPROOF_TIMINGS=1). */
  timings?: boolean;
}

/** A language's chain for these names. Loading the registry loads the transforms (parsers, catalogue): done lazily. */
export function loadTransforms(names: string[], language: string): LeakTransform[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { transformsFor } = require('../registry') as typeof import('../registry');
  return transformsFor(language, names);
}

function frontendOf(language: string): import('../core/frontend').Frontend {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../registry') as typeof import('../registry')).frontendNamed(language);
}

function isSyntaxError(err: unknown): boolean {
  const e = err as { loc?: unknown; reasonCode?: unknown } | null;
  return err instanceof SyntaxError || (typeof e === 'object' && e !== null && typeof e.loc === 'object' && e.loc !== null);
}

function withoutPasses(facts: FileFacts | undefined, names: string[]): FileFacts | undefined {
  if (!facts || !names.some((n) => n in facts)) return facts;
  const kept = Object.fromEntries(Object.entries(facts).filter(([k]) => !names.includes(k)));
  return Object.keys(kept).length ? kept : undefined;
}

// One scope per run: a worker keeps its config for the whole run, the in-process runner makes one per run.
const scopes = new WeakMap<WorkConfig, RunScope>();

export function runTransforms(item: WorkItem, transforms: LeakTransform[], config: WorkConfig): WorkResult {
  let scope = scopes.get(config);
  if (!scope) scopes.set(config, (scope = new RunScope()));
  return inRunScope(scope, () => runChain(item, transforms, config));
}

function runChain(item: WorkItem, chain: LeakTransform[], config: WorkConfig): WorkResult {
  let current = item.resume?.current ?? item.text;
  const findings: Finding[] = [...(item.resume?.findings ?? [])];
  const extraFiles: ExtraFile[] = [...(item.resume?.extraFiles ?? [])];
  const timings: Record<string, number> | undefined = config.timings ? { ...item.resume?.timings } : undefined;
  const fail = (error: FileError): WorkResult => ({ id: item.id, status: 'error', output: null, diff: null, findings: [], extraFiles: [], error, ...(timings ? { timings } : {}) });
  const [from, to] = item.range ?? [0, chain.length];
  // The transform that made `current`, when one did: a text it made that does not parse is its fault, not the file's.
  let madeBy: string | null = item.resume?.madeBy ?? null;
  const unparsable = (err: unknown): WorkResult => {
    const pe = ParseError.from(err);
    const message = `internal error: transform ${madeBy} made a text that does not parse (${pe.message.replace(/\.$/, '')}, at line ${pe.line ?? '?'}, column ${pe.column ?? '?'} of its output); the file is left as it is (please report it)`;
    return fail({ kind: 'transform', message, line: null, column: null });
  };
  for (const t of chain.slice(from, to)) {
    const started = timings ? performance.now() : 0;
    try {
      // Each transform gets the previous one's output, as if run one after the other with --write. Facts
      // keyed by offsets in the text as read hold only until a transform changes it.
      const facts = current === item.text ? item.facts : withoutPasses(item.facts, config.boundToText ?? []);
      const options = facts ? { ...config.options, facts } : config.options;
      const out = t.apply(current, item.abs, options);
      // Placed in the file as read, not in the text the earlier transforms made.
      findings.push(...placeInOriginal(out.findings, item.text, current));
      if (out.source !== null && !config.options.reportOnly) {
        current = out.source;
        madeBy = t.meta.name;
        // Like the jscodeshift wrapper: extra files come only with a changed text.
        extraFiles.push(...(out.extraFiles ?? []));
      }
    } catch (err) {
      if (isSyntaxError(err)) {
        if (madeBy && current !== item.text) return unparsable(err);
        const pe = ParseError.from(err);
        return fail({ kind: 'parse', message: pe.message, line: pe.line, column: pe.column });
      }
      // A crash inside a transform is a bug, not the file's fault; it is reported per file so the run can go on.
      const message = `internal error in transform ${t.meta.name}: ${err instanceof Error ? err.message : String(err)} (please report it; --debug prints the stack)`;
      return fail({ kind: 'transform', message, line: null, column: null, ...(err instanceof Error && err.stack ? { stack: err.stack } : {}) });
    } finally {
      if (timings) timings[t.meta.name] = performance.now() - started;
    }
  }
  const timed = timings ? { timings } : {};
  if (to < chain.length) return { id: item.id, status: 'unchanged', output: null, diff: null, findings: [], extraFiles: [], resume: { current, findings, extraFiles, madeBy, ...timed } };
  if (current === item.text) return { id: item.id, status: 'unchanged', output: null, diff: null, findings, extraFiles: [], ...timed };
  try {
    frontendOf(item.language).checkParses(current, item.abs);
  } catch (err) {
    if (isSyntaxError(err)) return unparsable(err);
    throw err;
  }
  const diff = config.diff ? unifiedDiff(item.rel, item.text, current) : null;
  return { id: item.id, status: 'changed', output: current, diff, findings, extraFiles, ...timed };
}
