// The run's results as a document (the --json report, schema in report.schema.json) and its text renderings.
import type { Finding } from '../core/model';
import { colorizeDiff } from './diff';
import type { FileError } from './work';
import type { UnusedIgnoreReport } from './triage';

export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'error';

export interface FileReport {
  /** Relative to the current directory, forward slashes. */
  path: string;
  status: FileStatus;
  /** Only on a skipped file the prefilter never saw: generated or bundled code (see --include-generated). */
  skipReason?: 'generated';
  diff: string | null;
  error?: FileError;
  findings: Finding[];
}

/** A file a rewrite needs that did not exist (a generated helper): created by --write. */
export interface CreatedReport {
  path: string;
  diff: string;
}

export interface Totals {
  filesFound: number;
  filesParsed: number;
  changed: number;
  unchanged: number;
  skipped: number;
  /** Of `skipped`, the generated or bundled files (left out unless --include-generated). */
  generated: number;
  errors: number;
  /** Leaks the rewrites close. */
  fixed: number;
  /** Safe lifecycles restated on request (--modernize). */
  modernized: number;
  reported: number;
  /** Reported lifecycles taken out by an ignore comment or the baseline (not in `reported`). */
  suppressed: number;
  /** Of `suppressed`, those the baseline accounts for. */
  baselined: number;
  created: number;
  elapsedMs: number;
}

export interface Report {
  version: 1;
  files: FileReport[];
  created: CreatedReport[];
  totals: Totals;
  /** With --report-unused-ignores: ignore comments that suppress nothing. */
  unusedIgnores?: UnusedIgnoreReport[];
}

export function computeTotals(files: FileReport[], created: CreatedReport[], filesFound: number, elapsedMs: number): Totals {
  const count = (s: FileStatus) => files.filter((f) => f.status === s).length;
  const findings = files.flatMap((f) => f.findings);
  return {
    filesFound,
    // Everything that got past the prefilter was parsed, except the files that failed.
    filesParsed: count('changed') + count('unchanged'),
    changed: count('changed'),
    unchanged: count('unchanged'),
    skipped: count('skipped'),
    generated: files.filter((f) => f.skipReason === 'generated').length,
    errors: count('error'),
    fixed: findings.filter((f) => f.outcome === 'fixed').length,
    modernized: findings.filter((f) => f.outcome === 'modernized').length,
    reported: findings.filter((f) => f.outcome === 'reported').length,
    suppressed: 0,
    baselined: 0,
    created: created.length,
    elapsedMs,
  };
}

/** The JSON report. Fields are copied one by one so the document has exactly the schema's shape. */
export function renderJson(report: Report): string {
  const doc = {
    version: report.version,
    files: report.files.map((f) => ({
      path: f.path,
      status: f.status,
      ...(f.skipReason ? { skipReason: f.skipReason } : {}),
      diff: f.diff,
      ...(f.error ? { error: { message: f.error.message, line: f.error.line, column: f.error.column } } : {}),
      findings: f.findings.map((x) => ({
        transform: x.transform,
        line: x.line,
        column: x.column,
        library: x.library,
        resource: x.resource,
        outcome: x.outcome,
        style: x.style,
        reasonId: x.reasonId,
        reason: x.reason,
        problem: x.problem ?? null,
      })),
    })),
    created: report.created.map((c) => ({ path: c.path, diff: c.diff })),
    ...(report.unusedIgnores ? { unusedIgnores: report.unusedIgnores.map((u) => ({ path: u.path, line: u.line, column: u.column, text: u.text, message: u.message })) } : {}),
    totals: report.totals,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const dim = (color: boolean, s: string) => (color ? `\u001b[2m${s}\u001b[0m` : s);
const yellow = (color: boolean, s: string) => (color ? `\u001b[33m${s}\u001b[0m` : s);
const bold = (color: boolean, s: string) => (color ? `\u001b[1m${s}\u001b[0m` : s);

/** How a fix reads after its problem: the form the code took. */
export function fixLabel(f: Finding, path: string): string {
  if (f.style === 'with-session' && path.endsWith('.py')) return 'a `with` block';
  if (f.reasonId === 'fixed-return-await') return '`return await`';
  if (f.style === 'using') return '`using`';
  if (f.style === 'try-finally') return f.reasonId === 'fixed-try-catch' ? 'try/catch' : 'try/finally';
  if (f.style === 'with-session') return 'a callback';
  return f.reasonId.replace(/^fixed-/, '').replace(/-/g, ' ');
}

/**
 * stdout in text mode: the diffs (unless report-only), then one line per fix saying what was wrong, the
 * lifecycles modernised on request, and the reported ones under a heading of their own: they need a look by hand.
 */
export function renderText(report: Report, opts: { color: boolean; diffs: boolean }): string {
  let out = '';
  if (opts.diffs) {
    for (const f of report.files) {
      if (f.status !== 'changed' || f.diff === null) continue;
      out += opts.color ? colorizeDiff(f.diff) : f.diff;
    }
    for (const c of report.created) out += opts.color ? colorizeDiff(c.diff) : c.diff;
  }
  // In file order, then line by line (the transforms of a chain each add theirs).
  const all = report.files.flatMap((f) => [...f.findings].sort((a, b) => a.line - b.line || a.column - b.column).map((x) => ({ path: f.path, x })));
  const where = (path: string, x: Finding) => yellow(opts.color, `${path}:${x.line}:${x.column}`);
  const section = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    if (out !== '') out += '\n';
    out += `${bold(opts.color, title)}\n${lines.join('')}`;
  };
  const fixes = (outcome: Finding['outcome']) =>
    all.filter(({ x }) => x.outcome === outcome).map(({ path, x }) => `  ${where(path, x)}  ${x.library}  ${x.problem ?? x.reason} → ${fixLabel(x, path)}\n`);
  const line = ({ path, x }: { path: string; x: Finding }) => `  ${where(path, x)}  ${x.library}  ${x.reason}\n`;
  const fixed = fixes('fixed');
  section(`Leaks fixed (${fixed.length}):`, fixed);
  const modernized = fixes('modernized');
  section(`Modernized on request (${modernized.length}):`, modernized);
  const would = all.filter(({ x }) => x.outcome === 'reported' && x.reasonId === 'would-fix').map(line);
  section(`Would fix (${would.length}):`, would);
  const reported = all.filter(({ x }) => x.outcome === 'reported' && x.reasonId !== 'would-fix').map(line);
  section(`Needs a look by hand (${reported.length}): left as written, with why`, reported);
  const unused = (report.unusedIgnores ?? []).map((u) => `  ${yellow(opts.color, `${u.path}:${u.line}:${u.column}`)}  ${u.text}: ${u.message}\n`);
  section(`Unused ignore comments (${unused.length}):`, unused);
  return out;
}

/** stderr: one line per file that could not be processed (with --debug, an internal error's stack too). */
export function renderErrors(report: Report, debug = false): string {
  let out = '';
  for (const f of report.files) {
    if (f.status !== 'error' || !f.error) continue;
    const e = f.error;
    const where = e.line !== null ? `${f.path}:${e.line}:${e.column ?? 1}` : f.path;
    const label = e.kind === 'parse' ? 'parse error' : 'error';
    out += `${where}  ${label}: ${e.message}\n`;
    if (debug && e.stack) out += `${e.stack.replace(/^/gm, '    ')}\n`;
  }
  return out;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** stderr: the closing summary. */
export function renderSummary(totals: Totals, files: FileReport[], threads: number, color: boolean, tail: string): string {
  const parseErrors = files.filter((f) => f.error?.kind === 'parse').length;
  const otherErrors = totals.errors - parseErrors;
  const parts = [
    plural(totals.filesFound, 'file') + ' found',
    `${totals.filesParsed} parsed`,
    `${totals.changed} changed`,
    `${totals.unchanged} unchanged`,
    plural(parseErrors, 'parse error'),
  ];
  if (otherErrors > 0) parts.push(plural(otherErrors, 'other error'));
  if (totals.generated > 0) parts.push(`${plural(totals.generated, 'generated or bundled file')} left out (--include-generated)`);
  if (totals.created > 0) parts.push(`${plural(totals.created, 'new file')} needed`);
  const suppressed = totals.suppressed > 0 ? `, ${totals.suppressed} suppressed${totals.baselined > 0 ? ` (${totals.baselined} by the baseline)` : ''}` : '';
  const lifecycles = `lifecycles: ${plural(totals.fixed, 'leak')} fixed, ${totals.modernized > 0 ? `${totals.modernized} modernized, ` : ''}${totals.reported} reported${suppressed}`;
  const time = `${(totals.elapsedMs / 1000).toFixed(2)}s${threads > 0 ? ` on ${threads} worker thread${threads === 1 ? '' : 's'}` : ''}`;
  return `${dim(color, 'leakproof:')} ${parts.join(', ')}; ${lifecycles}; ${time}${tail ? `\n${tail}` : ''}\n`;
}
