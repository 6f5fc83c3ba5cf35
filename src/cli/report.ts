// The run's results as a document (the --json report, schema in report.schema.json) and its text renderings.
import type { Finding } from '../model';
import { colorizeDiff } from './diff';
import type { FileError } from './work';

export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'error';

export interface FileReport {
  /** Relative to the current directory, forward slashes. */
  path: string;
  status: FileStatus;
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
  errors: number;
  fixed: number;
  reported: number;
  created: number;
  elapsedMs: number;
}

export interface Report {
  version: 1;
  files: FileReport[];
  created: CreatedReport[];
  totals: Totals;
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
    errors: count('error'),
    fixed: findings.filter((f) => f.outcome === 'fixed').length,
    reported: findings.filter((f) => f.outcome === 'reported').length,
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
      })),
    })),
    created: report.created.map((c) => ({ path: c.path, diff: c.diff })),
    totals: report.totals,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const dim = (color: boolean, s: string) => (color ? `\u001b[2m${s}\u001b[0m` : s);
const yellow = (color: boolean, s: string) => (color ? `\u001b[33m${s}\u001b[0m` : s);

/** stdout in text mode: the diffs (unless report-only), then one line per reported lifecycle. */
export function renderText(report: Report, opts: { color: boolean; diffs: boolean }): string {
  let out = '';
  if (opts.diffs) {
    for (const f of report.files) {
      if (f.status !== 'changed' || f.diff === null) continue;
      out += opts.color ? colorizeDiff(f.diff) : f.diff;
    }
    for (const c of report.created) out += opts.color ? colorizeDiff(c.diff) : c.diff;
  }
  const reported = report.files.flatMap((f) => f.findings.filter((x) => x.outcome === 'reported').map((x) => ({ path: f.path, x })));
  if (reported.length > 0 && out !== '') out += '\n';
  for (const { path, x } of reported) {
    out += `${yellow(opts.color, `${path}:${x.line}:${x.column}`)}  ${x.library}  ${x.reason}\n`;
  }
  return out;
}

/** stderr: one line per file that could not be processed. */
export function renderErrors(report: Report): string {
  let out = '';
  for (const f of report.files) {
    if (f.status !== 'error' || !f.error) continue;
    const e = f.error;
    const where = e.line !== null ? `${f.path}:${e.line}:${e.column ?? 1}` : f.path;
    const label = e.kind === 'parse' ? 'parse error' : 'error';
    out += `${where}  ${label}: ${e.message}\n`;
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
  if (totals.created > 0) parts.push(`${plural(totals.created, 'new file')} needed`);
  const lifecycles = `lifecycles: ${totals.fixed} fixed, ${totals.reported} reported`;
  const time = `${(totals.elapsedMs / 1000).toFixed(2)}s${threads > 0 ? ` on ${threads} worker threads` : ''}`;
  return `${dim(color, 'leakproof:')} ${parts.join(', ')}; ${lifecycles}; ${time}${tail ? `\n${tail}` : ''}\n`;
}
