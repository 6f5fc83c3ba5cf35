// After the transforms ran: take out the findings an ignore comment or the baseline accounts for, list the
// ignore comments that suppress nothing, and (with --update-baseline) compute the new baseline. Works on the
// findings alone, so every transform and language gets the same treatment.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../core/model';
import { BASELINE_FILE, BaselineError, BaselineMatcher, entriesOf, isBaselinable, loadBaseline, serializeBaseline, type BaselineEntry, type Key } from './baseline';
import { enclosingNames } from './enclosing';
import type { FileReport } from './report';
import { applyDirectives, findDirectives, type UnusedIgnore } from './suppressions';

export interface TriageOptions {
  cwd: string;
  reportUnusedIgnores: boolean;
  /** As given: a file, `null` for --no-baseline, `undefined` for the default file if it exists. */
  baseline: string | null | undefined;
  updateBaseline: boolean;
}

export interface UnusedIgnoreReport extends UnusedIgnore {
  path: string;
}

export interface TriageResult {
  files: FileReport[];
  /** Findings taken out, by an ignore comment or by the baseline. */
  suppressed: number;
  /** Of those, the ones the baseline accounts for. */
  baselined: number;
  /** `null` unless --report-unused-ignores. */
  unusedIgnores: UnusedIgnoreReport[] | null;
  notes: string[];
  /** --update-baseline: what to write once the run's own writes succeeded. */
  baselineWrite: { file: string; text: string; entries: number } | null;
}

/**
 * `textOf` gives a file's text as the transforms read it (`null` when it cannot be read); it is asked only for
 * files that have findings, or for every parsed file with --report-unused-ignores.
 */
export function triage(files: FileReport[], opts: TriageOptions, textOf: (rel: string) => string | null): TriageResult {
  const baselineFile = resolveBaseline(opts);
  const doc = baselineFile && fs.existsSync(baselineFile) ? loadBaseline(baselineFile) : null;
  const baseDir = baselineFile ? path.dirname(baselineFile) : opts.cwd;
  const relToBase = (rel: string) => path.relative(baseDir, path.resolve(opts.cwd, rel)).split(path.sep).join('/');
  const matcher = doc && !opts.updateBaseline ? new BaselineMatcher(doc.entries) : null;

  let suppressed = 0;
  let baselined = 0;
  const unusedIgnores: UnusedIgnoreReport[] = [];
  const newKeys: Key[] = [];
  const out = files.map((f): FileReport => {
    const reported = f.findings.some((x) => x.outcome === 'reported');
    const scan = opts.reportUnusedIgnores && f.status !== 'error';
    if (!reported && !scan) return f;
    const text = textOf(f.path);
    if (text === null) return f;
    const verdict = applyDirectives(f.findings, findDirectives(text, f.path));
    suppressed += verdict.suppressed.length;
    if (scan) unusedIgnores.push(...verdict.unused.map((u) => ({ path: f.path, ...u })));
    let kept: Finding[] = verdict.kept;
    if (baselineFile && (matcher || opts.updateBaseline)) {
      const candidates = kept.filter(isBaselinable);
      const names = enclosingNames(text, f.path, candidates);
      const file = relToBase(f.path);
      const keyOf = (x: Finding, i: number): Key => ({ file, function: names[i], library: x.library, resource: x.resource, reasonId: x.reasonId });
      const taken = new Set<Finding>();
      candidates.forEach((x, i) => {
        const key = keyOf(x, i);
        if (opts.updateBaseline) newKeys.push(key);
        // With --update-baseline every report is in the new baseline, so none is left to count.
        if (opts.updateBaseline || matcher!.take(key)) taken.add(x);
      });
      baselined += taken.size;
      suppressed += taken.size;
      kept = kept.filter((x) => !taken.has(x));
    }
    return kept.length === f.findings.length ? f : { ...f, findings: kept };
  });

  const notes: string[] = [];
  // Files this run looked at: their entries are now what the run found. An unreadable or unparsable file
  // keeps its entries (this run could not look), and so does every file outside the paths given.
  const covered = new Set(files.filter((f) => f.status !== 'error').map((f) => relToBase(f.path)));
  if (matcher) {
    const stale = matcher.unmatchedIn(covered);
    if (stale > 0) notes.push(`${stale} lifecycle${stale === 1 ? '' : 's'} in ${path.relative(opts.cwd, baselineFile!) || baselineFile} ${stale === 1 ? 'is' : 'are'} no longer reported; --update-baseline removes ${stale === 1 ? 'it' : 'them'}`);
  }
  let baselineWrite: TriageResult['baselineWrite'] = null;
  if (opts.updateBaseline && baselineFile) {
    const gone = (e: BaselineEntry) => !fs.existsSync(path.resolve(baseDir, e.file));
    const kept = (doc?.entries ?? []).filter((e) => !covered.has(e.file) && !gone(e));
    const entries = [...kept, ...entriesOf(newKeys)];
    baselineWrite = { file: baselineFile, text: serializeBaseline(entries), entries: entries.reduce((n, e) => n + e.count, 0) };
  }
  return { files: out, suppressed, baselined, unusedIgnores: opts.reportUnusedIgnores ? unusedIgnores : null, notes, baselineWrite };
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A file's text as the runner reads it (BOM kept), or `null`. */
export function readSourceText(abs: string): string | null {
  try {
    return decoder.decode(fs.readFileSync(abs));
  } catch {
    return null;
  }
}

function resolveBaseline(opts: TriageOptions): string | null {
  if (opts.baseline === null) return null;
  if (opts.baseline === undefined) return path.join(opts.cwd, BASELINE_FILE);
  const file = path.resolve(opts.cwd, opts.baseline);
  if (!opts.updateBaseline && !fs.existsSync(file)) throw new BaselineError(`--baseline ${opts.baseline}: no such file`);
  return file;
}
