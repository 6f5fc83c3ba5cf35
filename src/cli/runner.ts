import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExtraFile, LeakTransform } from '../core/model';
import { newFileDiff } from './diff';
import type { CliOptions } from './args';
import { discoverFiles, toPosixRelative } from './files';
import { POOL_THRESHOLD, runInPool, workerFile } from './pool';
import { computeTypeFacts, RELEASE_LIKE } from '../js/checker/typeFacts';
import type { FileReport } from './report';
import { loadTransforms, runTransforms, type WorkConfig, type WorkItem, type WorkResult } from './work';

export interface RunContext {
  cwd: string;
  /** Progress bar target (a terminal); `null` for none. */
  progress: { write(s: string): unknown } | null;
  /** Test hook: run these instead of the registry's transforms (forces the in-process path). */
  transforms?: LeakTransform[];
  /** The prefilter; `null` when --no-prefilter. */
  prefilter: RegExp | null;
}

export interface ChangedFile {
  abs: string;
  rel: string;
  original: string;
  output: string;
}

/** A file a rewrite needs that does not exist yet (a generated helper). Created, never overwritten. */
export interface CreatedFile {
  abs: string;
  rel: string;
  source: string;
  diff: string;
}

export interface RunResult {
  files: FileReport[];
  created: CreatedFile[];
  filesFound: number;
  /** Files whose new text is ready to be written. */
  changed: ChangedFile[];
  /** --fail-on-error stopped the run early. */
  stopped: boolean;
  /** Worker threads used; 0 when the files were processed in the main thread. */
  threads: number;
  notes: string[];
  /** What type-aware mode did (or why it did not), for the summary; `null` when it was off or had no files. */
  typesNote: string | null;
}

// Fatal: a file that is not UTF-8 would come back re-encoded (and corrupted) after a rewrite.
// ignoreBOM keeps the BOM in the text; the transforms take it off and put it back themselves.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** How many pool workers: never more than there are batches worth starting a worker for. */
function poolSize(cpus: number, files: number): number {
  return Math.max(1, Math.min(cpus, Math.ceil(files / 25)));
}

export async function runFiles(opts: CliOptions, names: string[], ctx: RunContext): Promise<RunResult> {
  const discovery = discoverFiles({
    cwd: ctx.cwd,
    paths: opts.paths,
    extensions: opts.extensions,
    gitignore: opts.gitignore,
    ignore: opts.ignore,
  });

  const reports = new Map<number, FileReport>();
  const items: WorkItem[] = [];
  const typeOnly: WorkItem[] = [];
  const skipped: WorkItem[] = [];
  discovery.files.forEach((abs, id) => {
    const rel = toPosixRelative(ctx.cwd, abs);
    let text: string;
    try {
      text = decoder.decode(fs.readFileSync(abs));
    } catch (e) {
      const message = e instanceof TypeError ? 'not valid UTF-8; left alone' : `cannot read: ${(e as Error).message}`;
      reports.set(id, { path: rel, status: 'error', diff: null, error: { kind: 'io', message, line: null, column: null }, findings: [] });
      return;
    }
    if (ctx.prefilter && !ctx.prefilter.test(text)) {
      reports.set(id, { path: rel, status: 'skipped', diff: null, findings: [] });
      // A file that names no library but releases something may use a resource from the project's own
      // wrapper (`await getClient()`): only the checker can tell, so it gets a look in type-aware mode.
      if (opts.types && RELEASE_LIKE.test(text)) typeOnly.push({ id, abs, rel, text });
      skipped.push({ id, abs, rel, text });
      return;
    }
    items.push({ id, abs, rel, text });
  });

  // Type-aware mode: one checker run over every file that passed the prefilter, before any transform.
  let typesNote: string | null = null;
  if (opts.types && items.length + typeOnly.length > 0) {
    const types = computeTypeFacts([...items, ...typeOnly], { project: opts.project, cwd: ctx.cwd });
    for (const item of items) {
      const facts = types.facts.get(item.abs);
      if (facts) item.typeFacts = facts;
    }
    for (const item of typeOnly) {
      const facts = types.facts.get(item.abs);
      if (!facts || !Object.values(facts.calls).some((f) => f.kind || f.dispose)) continue;
      item.typeFacts = facts;
      reports.delete(item.id);
      items.push(item);
    }
    items.sort((a, b) => a.id - b.id);
    typesNote = types.note;
  }

  // remove-redundant-close works across files: its plan (ts-morph references) is made here, once, over the
  // files of the run; files it changes join the run even when the prefilter dropped them.
  if (names.includes('remove-redundant-close')) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { planCloseRun } = require('../js/close/prepass') as typeof import('../js/close/prepass');
    planCloseRun(items, skipped, reports, { project: opts.project, cwd: ctx.cwd });
  }

  const config: WorkConfig = {
    transforms: names,
    options: {
      adapter: opts.adapter,
      reportOnly: opts.reportOnly,
      // Only the options given: a transform then sees exactly what the jscodeshift wrapper would pass it.
      ...(opts.style !== undefined ? { style: opts.style } : {}),
      ...(opts.helperImport !== undefined ? { helperImport: opts.helperImport } : {}),
      ...(opts.helperPath !== undefined ? { helperPath: opts.helperPath } : {}),
      ...(opts.prefilter ? {} : { prefilter: false }),
      ...(opts.modernize ? { modernize: true } : {}),
    },
    diff: !opts.reportOnly,
  };
  const byId = new Map(items.map((i) => [i.id, i]));
  const changed: ChangedFile[] = [];
  const extras = new Map<number, ExtraFile[]>();
  // An unreadable file is the first error when --fail-on-error is on: nothing gets transformed.
  let stopped = opts.failOnError && [...reports.values()].some((r) => r.status === 'error');
  const progress = new Progress(ctx.progress, items.length);

  const accept = (r: WorkResult): boolean => {
    const item = byId.get(r.id)!;
    reports.set(r.id, { path: item.rel, status: r.status, diff: r.diff, findings: r.findings, ...(r.error ? { error: r.error } : {}) });
    if (r.status === 'changed' && r.output !== null) changed.push({ abs: item.abs, rel: item.rel, original: item.text, output: r.output });
    if (r.extraFiles.length > 0) extras.set(r.id, r.extraFiles);
    progress.tick();
    if (r.status === 'error' && opts.failOnError) {
      stopped = true;
      return false;
    }
    return true;
  };

  let threads = 0;
  if (!stopped && items.length > 0) {
    const file = workerFile();
    if (!ctx.transforms && file && opts.cpus > 1 && items.length >= POOL_THRESHOLD) {
      threads = poolSize(opts.cpus, items.length);
      await runInPool(file, items, config, threads, accept);
    } else {
      const chain = ctx.transforms ?? loadTransforms(names);
      for (const item of items) {
        if (!accept(runTransforms(item, chain, config))) break;
      }
    }
  }
  progress.done();

  const files = [...reports.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  changed.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { files, created: newFiles(extras, ctx.cwd), filesFound: discovery.files.length, changed, stopped, threads, notes: discovery.notes, typesNote };
}

/** The extra files that do not exist yet, once each (many files may need the same helper; the first in path order wins). */
function newFiles(extras: Map<number, ExtraFile[]>, cwd: string): CreatedFile[] {
  const seen = new Map<string, CreatedFile>();
  for (const id of [...extras.keys()].sort((a, b) => a - b)) {
    for (const extra of extras.get(id)!) {
      const abs = path.resolve(cwd, extra.path);
      if (seen.has(abs) || fs.existsSync(abs)) continue;
      const rel = toPosixRelative(cwd, abs);
      seen.set(abs, { abs, rel, source: extra.source, diff: newFileDiff(rel, extra.source) });
    }
  }
  return [...seen.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/**
 * A one-line bar on a terminal's stderr, only for runs long enough to want one: more than 200 files, or
 * still going after a second. Cleared when done so the summary lands on a clean line.
 */
class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;
  private count = 0;

  constructor(
    private readonly stream: { write(s: string): unknown } | null,
    private readonly total: number,
  ) {}

  tick(): void {
    this.count++;
    if (!this.stream) return;
    const now = Date.now();
    if (this.total <= 200 && now - this.started < 1000) return;
    if (now - this.lastDraw < 100 && this.count < this.total) return;
    this.lastDraw = now;
    const width = 30;
    const filled = Math.round((this.count / Math.max(1, this.total)) * width);
    this.stream.write(`\r\u001b[Kleakproof [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.count}/${this.total} files`);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn && this.stream) this.stream.write('\r\u001b[K');
  }
}
