// `--format sarif`: a SARIF 2.1.0 log for code scanning (GitHub, GitLab, Azure DevOps, IDE viewers). One rule
// per reason id; one result per finding, located relative to the run's root (%SRCROOT%, the current
// directory); a fixable leak carries the rewrite as a SARIF fix (the smallest single replacement that turns the
// file into leakproof's output, the same edit the ESLint rule offers).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Reason } from '../core/reasons';
import type { Finding } from '../core/model';
import { fixLabel, type Report } from './report';
import { LineIndex, smallestReplacement } from './replacement';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const ROOT = '%SRCROOT%';

export interface SarifContext {
  cwd: string;
  version: string;
  /** Reason id → text, from the reason tables of the transforms that ran (the docs' wording). */
  reasons: Map<string, Reason>;
  /** Texts of the changed files (paths relative to cwd): where fixes come from. Empty after --write. */
  changed: { rel: string; original: string; output: string }[];
  /** The run's changes were written (--write): fixes are done, not offered. */
  written: boolean;
  /** leakproof could not do its job (exit 2). */
  failed: boolean;
}

/** A path relative to the root as a URI reference: each segment percent-encoded, `/` kept. */
export function relativeUri(rel: string): string {
  return rel.split('/').map(encodeURIComponent).join('/');
}

function pascal(id: string): string {
  return id.replace(/(^|[-_])([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

/** A reason table's text reads as a general description once its per-finding placeholders are generalised. */
function generic(text: string): string {
  return text.replace(/\{noun\}/g, 'resource').replace(/\{[a-zA-Z]+\}/g, '…');
}

const UNUSED_IGNORE = 'unused-ignore';

function ruleFor(id: string, reason: Reason | undefined, example: Finding | null): Sarif.ReportingDescriptor {
  if (id === UNUSED_IGNORE) {
    return {
      id,
      name: 'UnusedIgnore',
      shortDescription: { text: 'An ignore comment suppresses nothing' },
      fullDescription: { text: 'A leakproof-ignore comment (or `# leakproof: ignore`) that no reported lifecycle matches; listed with --report-unused-ignores.' },
      help: { text: 'Remove the comment, or fix its reason ids. Only reported lifecycles can be suppressed: a leak leakproof fixes is fixed by --write.' },
      defaultConfiguration: { level: 'warning' },
    };
  }
  const description = reason ? generic(reason.message) : (example?.reason ?? id);
  const fix = reason ? reason.kind === 'fix' || reason.kind === 'preview' : id.startsWith('fixed-') || id === 'would-fix';
  const help = fix
    ? `leakproof rewrites this lifecycle so the release runs on every path: ${description}. Apply it with \`npx leakproof --write\` (or \`eslint --fix\` with leakproof/eslint).`
    : `leakproof found an acquire → use → release lifecycle it cannot rewrite safely, and leaves it as written: ${description}. Make the release run on every path by hand (try/finally, \`await using\` or the library's callback API), or accept it with \`// leakproof-ignore-next-line ${id} -- why\` on the line before the acquire, or in the baseline (\`npx leakproof --update-baseline\`).`;
  return {
    id,
    name: pascal(id),
    shortDescription: { text: description },
    fullDescription: { text: description },
    help: { text: reason?.doc ? `${help} ${reason.doc}` : help },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['resource-leak', fix ? 'fixable' : 'reported'] },
  };
}

function messageOf(f: Finding, written: boolean, path: string): string {
  const who = `${f.library} \`${f.resource}\``;
  if (f.outcome === 'reported') return f.reasonId === 'would-fix' ? `${who}: leakproof would fix this: ${f.reason}` : `${who}: ${f.reason}`;
  const what = f.outcome === 'modernized' ? 'already released on every path; restated' : (f.problem ?? f.reason);
  return `${who}: ${what} → ${fixLabel(f, path)}${written ? ' (written)' : ''}: ${f.reason}`;
}

export function renderSarif(report: Report, ctx: SarifContext): string {
  const rules: Sarif.ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const indexOf = (id: string, example: Finding | null) => {
    let i = ruleIndex.get(id);
    if (i === undefined) {
      i = rules.length;
      rules.push(ruleFor(id, ctx.reasons.get(id), example));
      ruleIndex.set(id, i);
    }
    return i;
  };
  const changed = new Map(ctx.changed.map((c) => [c.rel, c]));
  const fixes = new Map<string, Sarif.Fix[]>();
  const fixFor = (rel: string): Sarif.Fix[] | undefined => {
    if (ctx.written) return undefined;
    if (fixes.has(rel)) return fixes.get(rel);
    const c = changed.get(rel);
    const fix = c ? sarifFix(rel, c.original, c.output) : null;
    fixes.set(rel, fix ? [fix] : []);
    return fix ? [fix] : undefined;
  };
  const location = (rel: string, line: number | null, column: number | null): Sarif.Location => ({
    physicalLocation: {
      artifactLocation: { uri: relativeUri(rel), uriBaseId: ROOT },
      ...(line !== null ? { region: { startLine: line, ...(column !== null ? { startColumn: column } : {}) } } : {}),
    },
  });

  const results: Sarif.Result[] = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      const fix = f.outcome === 'reported' ? undefined : fixFor(file.path);
      results.push({
        ruleId: f.reasonId,
        ruleIndex: indexOf(f.reasonId, f),
        level: f.outcome === 'modernized' || ctx.written ? 'note' : 'warning',
        message: { text: messageOf(f, ctx.written && f.outcome !== 'reported', file.path) },
        locations: [location(file.path, f.line, f.column)],
        ...(fix && fix.length > 0 ? { fixes: fix } : {}),
        properties: { transform: f.transform, library: f.library, resource: f.resource, outcome: f.outcome, style: f.style, ...(f.problem ? { problem: f.problem } : {}) },
      });
    }
  }
  for (const u of report.unusedIgnores ?? []) {
    results.push({ ruleId: UNUSED_IGNORE, ruleIndex: indexOf(UNUSED_IGNORE, null), level: 'warning', message: { text: `${u.text}: ${u.message}` }, locations: [location(u.path, u.line, u.column)] });
  }
  // Files that could not be read or parsed are the tool's notifications, not results about the code.
  const notifications: Sarif.Notification[] = report.files
    .filter((f) => f.status === 'error' && f.error)
    .map((f) => ({ level: 'error', message: { text: `${f.error!.kind === 'parse' ? 'parse error' : 'error'}: ${f.error!.message}` }, locations: [location(f.path, f.error!.line, f.error!.column)] }));

  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'leakproof', version: ctx.version, semanticVersion: ctx.version, rules } },
        originalUriBaseIds: { [ROOT]: { uri: pathToFileURL(ctx.cwd.endsWith(path.sep) ? ctx.cwd : `${ctx.cwd}${path.sep}`).href } },
        invocations: [{ executionSuccessful: !ctx.failed, toolExecutionNotifications: notifications }],
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The file's rewrite as one replacement; positions in the text without its BOM, as an editor counts them. */
function sarifFix(rel: string, original: string, output: string): Sarif.Fix | null {
  const before = original.replace(/^\uFEFF/, '');
  const r = smallestReplacement(before, output.replace(/^\uFEFF/, ''));
  if (!r) return null;
  const index = new LineIndex(before);
  const start = index.position(r.start);
  const end = index.position(r.end);
  return {
    description: { text: 'leakproof: release the resource on every path' },
    artifactChanges: [
      {
        artifactLocation: { uri: relativeUri(rel), uriBaseId: ROOT },
        replacements: [{ deletedRegion: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column }, insertedContent: { text: r.text } }],
      },
    ],
  };
}
