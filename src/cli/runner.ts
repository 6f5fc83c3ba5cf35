import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExtraFile, LeakTransform } from '../core/model';
import { newFileDiff } from './diff';
import type { CliOptions } from './args';
import { discoverFiles, toPosixRelative } from './files';
import { generatedReason } from './generated';
import { POOL_THRESHOLD, spawnWorkers, workerFile } from './pool';
import type { Frontend } from '../core/frontend';
import type { TextTest } from '../core/regex';
import type { PassContext, PassOutput, ProjectPass } from '../core/passes';
import { passInWorker, passWorkerFile, phasedHere, phaseSplit, spawnPassThread, startPhased, type Deferred, type PassThread } from './phases';
import { Progress } from './progress';
import type { FileReport } from './report';
import { loadTransforms, runTransforms, type WorkConfig, type WorkItem, type WorkResult } from './work';
import type { Timings } from './timings';

export interface RunContext {
  cwd: string;
  /** Progress bar target (a terminal); `null` for none. */
  progress: { write(s: string): unknown } | null;
  /** Test hook: run these instead of the registry's transforms (forces the in-process path). */
  transforms?: LeakTransform[];
  /** Words a package's configuration adds to the prefilter (its acquire names). */
  acquireNames: string[];
  /** LEAKPROOF_TIMINGS=1: measure the phases, passes and transforms. */
  timings?: Timings;
  /** Directory listings the run already read (finding its configurations), for discovery. */
  listings?: Map<string, import('node:fs').Dirent[]>;
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
  /** What the project passes did (or why they could not), for the summary; empty when nothing to say. */
  passNotes: string[];
}

// Fatal: a file that is not UTF-8 would come back re-encoded (and corrupted) after a rewrite.
// ignoreBOM keeps the BOM in the text; the transforms take it off and put it back themselves.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** What every transform of the run is given, the same in each thread. */
function workConfig(names: string[], boundToText: string[], opts: CliOptions, timings: boolean): WorkConfig {
  return {
    transforms: names,
    boundToText,
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
    ...(timings ? { timings: true } : {}),
  };
}

/**
 * How many pool workers. The main thread runs the passes (the index hands files to the pool as it goes) and a
 * deferred pass has a thread of its own (`beside`): the pool takes the cores left, and more only for work
 * large enough to pay a worker's start (its load, a parser not yet warm) on a busy core: measured on 2
 * cores, one worker beats two on typeorm (309 files), medusa (80) and the synthetic bench (145 of 5,000);
 * two win from about a thousand. Never more than there are batches worth starting a worker for.
 */
function poolSize(cpus: number, files: number, beside: number): number {
  const free = cpus - 1 - beside;
  return Math.max(1, Math.min(cpus, Math.ceil(files / 25), Math.max(free, Math.ceil(files / 1000))));
}

export async function runFiles(opts: CliOptions, names: string[], ctx: RunContext): Promise<RunResult> {
  const time = <T>(phase: string, fn: () => T): T => (ctx.timings ? ctx.timings.phase(phase, fn) : fn());
  const discovery = time('discovery', () =>
    discoverFiles({
      cwd: ctx.cwd,
      paths: opts.paths,
      extensions: opts.extensions,
      gitignore: opts.gitignore,
      ignore: opts.ignore,
      ...(ctx.listings ? { read: ctx.listings } : {}),
    }),
  );

  const reports = new Map<number, FileReport>();
  const items: WorkItem[] = [];
  const byId = new Map<number, WorkItem>();
  const skipped: WorkItem[] = [];
  // Loaded here, not at start-up: --help and --version need no language.
  const { chainNames, frontendFor, frontendNamed } = await import('../registry');
  // A job sent to a pass's thread holds no listings (a thread started here gets them with its start, as data).
  const threadContext = { cwd: ctx.cwd, project: opts.project, transforms: names, types: opts.types, index: opts.index };
  const passContext: PassContext = { ...threadContext, listings: discovery.listings };
  // Which passes run beside the others (below) is known before the files are read. Such a pass's thread starts
  // (and loads) while they are read, at the first text that makes the pass worth a thread (ProjectPass.weighs):
  // with none, the pass runs here, in order, and no thread's start slows the reading here.
  const besideFor = (language: string): ProjectPass | null => {
    if (ctx.transforms || opts.cpus < 2 || !passWorkerFile()) return null;
    const passes = frontendNamed(language).passes.filter((p) => p.wanted(passContext));
    const last = passes[passes.length - 1];
    return last && passes.some((p) => p !== last && p.steps) && phaseSplit(last, chainNames(language, names)) > 0 ? last : null;
  };
  const passThreads = new Map<string, { pass: ProjectPass; thread: PassThread }>();
  const unstarted = new Map<string, ProjectPass>();
  // `first`: the file that made it worth a thread, for what the pass prepares while the files are read.
  const startThread = (language: string, pass: ProjectPass, first?: string) => {
    unstarted.delete(language);
    passThreads.set(language, { pass, thread: spawnPassThread(pass, language, discovery.listings, first ? { first, ctx: threadContext } : undefined) });
  };
  if (discovery.files.some((f) => frontendFor(f)?.language === 'javascript')) {
    const pass = besideFor('javascript');
    if (pass?.weighs) unstarted.set('javascript', pass);
    else if (pass) startThread('javascript', pass);
  }
  const prefilters = new Map<Frontend, RegExp>();
  const firstLooks = new Map<Frontend, TextTest | null>();
  time('read and prefilter', () => discovery.files.forEach((abs, id) => {
    const rel = toPosixRelative(ctx.cwd, abs);
    const frontend = frontendFor(abs);
    if (!frontend) {
      // An extension asked for with --extensions that no language reads.
      reports.set(id, { path: rel, status: 'skipped', diff: null, findings: [] });
      return;
    }
    let text: string;
    let raw: Buffer;
    try {
      raw = fs.readFileSync(abs);
      text = decoder.decode(raw);
    } catch (e) {
      const message = e instanceof TypeError ? 'not valid UTF-8; left alone' : `cannot read: ${(e as Error).message}`;
      reports.set(id, { path: rel, status: 'error', diff: null, error: { kind: 'io', message, line: null, column: null }, findings: [] });
      return;
    }
    // Never analysed, not even brought back by a project pass: as if outside the run.
    if (!opts.includeGenerated && generatedReason(rel, text, raw.length) !== null) {
      reports.set(id, { path: rel, status: 'skipped', skipReason: 'generated', diff: null, findings: [] });
      return;
    }
    const item: WorkItem = { id, abs, rel, text, language: frontend.language };
    const waiting = unstarted.get(frontend.language);
    if (waiting?.weighs!(text)) startThread(frontend.language, waiting, abs);
    if (!prefilters.has(frontend)) prefilters.set(frontend, frontend.prefilter(ctx.acquireNames));
    if (!firstLooks.has(frontend)) firstLooks.set(frontend, frontend.firstLook?.(ctx.acquireNames) ?? null);
    const firstLook = firstLooks.get(frontend);
    if (opts.prefilter && (!prefilters.get(frontend)!.test(text) || (firstLook && !firstLook.test(text)))) {
      reports.set(id, { path: rel, status: 'skipped', diff: null, findings: [] });
      skipped.push(item);
      // A pass's thread is handed the bytes read, not the path to read again.
      passThreads.get(frontend.language)?.thread.keep(abs, raw);
      return;
    }
    items.push(item);
    byId.set(id, item);
  }));

  // The project passes of each language, once, before any transform: facts per file, and the files a pass
  // brings back that the prefilter dropped (a caller of a project class, a wrapper's client). A pass read only
  // by later transforms of the chain runs in a thread of its own beside the earlier ones (with a pool, or while
  // the index keeps this thread busy).
  const notes: string[] = [];
  const boundToText: string[] = [];
  const poolFor = (n: number) => !ctx.transforms && workerFile() !== null && opts.cpus > 1 && n >= POOL_THRESHOLD;
  // (Asked again after the passes: the files they bring back count.)
  const usePool = poolFor(items.length);
  const inItems = new Set(items);
  const deferred: Deferred[] = [];
  const changed: ChangedFile[] = [];
  const extras = new Map<number, ExtraFile[]>();
  // An unreadable file is the first error when --fail-on-error is on: nothing gets transformed.
  let stopped = opts.failOnError && [...reports.values()].some((r) => r.status === 'error');
  const progress = new Progress(ctx.progress, items.length);
  // A deferred pass's note goes where it would have been: before the notes of the passes that ran after it.
  const noteSlots: number[] = [];
  const applyPass = (pass: ProjectPass, language: string, dropped: WorkItem[], out: PassOutput, noteAt?: number) => {
    if (out.note) {
      const at = noteAt === undefined ? notes.length : noteAt + noteSlots.filter((n) => n < noteAt).length;
      notes.splice(at, 0, out.note);
      if (noteAt !== undefined) noteSlots.push(noteAt);
    }
    const byAbs = new Map(dropped.map((d) => [d.abs, d]));
    const joined: WorkItem[] = [];
    for (const abs of out.join ?? []) {
      const item = byAbs.get(abs);
      if (!item || inItems.has(item)) continue;
      reports.delete(item.id);
      items.push(item);
      inItems.add(item);
      byId.set(item.id, item);
      joined.push(item);
    }
    progress.grow(joined.length);
    for (const item of items) {
      if (item.language !== language) continue;
      const facts = out.facts.get(item.abs);
      if (facts !== undefined) item.facts = { ...item.facts, [pass.name]: facts };
    }
    return joined;
  };
  const accept = (r: WorkResult): boolean => {
    const item = byId.get(r.id)!;
    reports.set(r.id, { path: item.rel, status: r.status, diff: r.diff, findings: r.findings, ...(r.error ? { error: r.error } : {}) });
    if (r.status === 'changed' && r.output !== null) changed.push({ abs: item.abs, rel: item.rel, original: item.text, output: r.output });
    if (r.extraFiles.length > 0) extras.set(r.id, r.extraFiles);
    ctx.timings?.file(item.rel, r.timings);
    progress.tick();
    if (r.status === 'error' && opts.failOnError) {
      stopped = true;
      return false;
    }
    return true;
  };
  const frontends = [...new Set([...items, ...skipped].map((i) => frontendFor(i.abs)!))];
  const wantedPasses = new Map(frontends.map((f) => [f, f.passes.filter((p) => p.wanted(passContext))]));
  for (const passes of wantedPasses.values()) for (const pass of passes) if (pass.boundToText) boundToText.push(pass.name);
  const config = workConfig(names, boundToText, opts, ctx.timings !== undefined);
  const own = (frontend: Frontend, list: WorkItem[]) => list.filter((i) => i.language === frontend.language);
  // Only the last pass of its language, which reads no other pass: no later pass may need the files it brings
  // back. It starts first, in a thread of its own, beside the passes run here and the transforms.
  const besides = new Map<Frontend, Deferred>();
  for (const frontend of frontends) {
    const passes = wantedPasses.get(frontend)!;
    const last = passes[passes.length - 1];
    // Without a pool too, when a pass that reads every file of the tree (the index) keeps this thread busy:
    // the last pass then runs beside it, and the transforms before its first reader run here meanwhile.
    const thread = passThreads.get(frontend.language);
    passThreads.delete(frontend.language);
    const split = (usePool || thread?.pass === last) && last ? phaseSplit(last, chainNames(frontend.language, names)) : 0;
    if (!(split > 0 && passWorkerFile())) {
      thread?.thread.stop();
      continue;
    }
    const job = { pass: last, language: frontend.language, files: own(frontend, items), dropped: own(frontend, skipped).filter((s) => !inItems.has(s)) };
    const run = thread?.pass === last ? thread.thread.run(job, threadContext) : (thread?.thread.stop(), passInWorker(job, threadContext));
    const started: Deferred = { ...job, split, noteAt: 0, started: run, startedAt: performance.now() };
    // (Awaited later; a failure meanwhile must not count as unhandled.)
    started.started.catch(() => undefined);
    deferred.push(started);
    besides.set(frontend, started);
  }
  // A thread started for a language that has no file after all.
  for (const { thread } of passThreads.values()) thread.stop();
  // The pool's threads start now and load the transforms while the passes run here.
  const size = poolSize(opts.cpus, items.length, deferred.length);
  const early = usePool ? spawnWorkers(workerFile()!, config, size, [...new Set(items.map((i) => i.language))]) : null;
  // With a pool, the transforms start on each file as soon as the last pass run here has its facts final
  // (the index hands them out file by file) and go on while that pass reads the rest.
  let transformsStarted = performance.now();
  const phased = usePool && !stopped && items.length > 0 ? startPhased({ worker: workerFile()!, config, threads: size, expected: items.length, deferred, accept, applyPass, timings: ctx.timings, early }) : null;
  let threads = phased ? size : 0;
  const handedIn = new Set<WorkItem>();
  for (const frontend of frontends) {
    const passes = wantedPasses.get(frontend)!.filter((p) => p !== besides.get(frontend)?.pass);
    for (const pass of passes) {
      const dropped = own(frontend, skipped).filter((s) => !inItems.has(s));
      const label = `pass ${pass.name} (${frontend.language})`;
      let out: PassOutput;
      try {
        if (phased && pass.steps && pass === passes[passes.length - 1]) {
          const started = performance.now();
          const ofRun = new Map(own(frontend, items).map((i) => [i.abs, i]));
          out = await handOut(pass.steps(own(frontend, items), dropped, passContext), (abs, facts) => {
            const item = ofRun.get(abs)!;
            item.facts = { ...item.facts, [pass.name]: facts };
            handedIn.add(item);
            phased.add([item]);
          });
          ctx.timings?.record(label, performance.now() - started);
        } else out = time(label, () => pass.run(own(frontend, items), dropped, passContext));
      } catch (e) {
        // A pass is an aid: without its facts each transform falls back to what it finds in its own file.
        if (opts.debug) throw e;
        notes.push(`${pass.name}: could not be computed (${e instanceof Error ? e.message : String(e)}); the transforms ran without it`);
        continue;
      }
      applyPass(pass, frontend.language, dropped, out);
    }
    const started = besides.get(frontend);
    if (started) started.noteAt = notes.length;
  }
  items.sort((a, b) => a.id - b.id);

  if (!phased) transformsStarted = performance.now();
  const chains = new Map<string, LeakTransform[]>();
  const chainFor = (language: string) => {
    if (!chains.has(language)) chains.set(language, ctx.transforms ?? loadTransforms(names, language));
    return chains.get(language)!;
  };
  if (phased) {
    phased.add(items.filter((i) => !handedIn.has(i)));
    await phased.done();
  } else if (!stopped && items.length > 0 && poolFor(items.length)) {
    threads = poolSize(opts.cpus, items.length, deferred.length);
    const run = startPhased({ worker: workerFile()!, config, threads, expected: items.length, deferred, accept, applyPass, timings: ctx.timings, early });
    run.add(items);
    await run.done();
  } else if (!stopped && deferred.length > 0) {
    // (With no file of its own the run still gets the files the deferred pass brings back.)
    await phasedHere({ items, deferred, chainFor, config, accept, applyPass, timings: ctx.timings });
  } else if (!stopped && items.length > 0) {
    for (const item of items) {
      if (!accept(runTransforms(item, chainFor(item.language), config))) break;
    }
  } else {
    // Nothing is transformed (an unreadable file stopped the run first): a deferred pass still runs, as it would have before.
    for (const w of early ?? []) void w.terminate();
    for (const d of deferred) {
      const out = await d.started;
      ctx.timings?.record(`pass ${d.pass.name} (${d.language})`, performance.now() - d.startedAt);
      applyPass(d.pass, d.language, d.dropped, out, d.noteAt);
    }
  }
  progress.done();
  ctx.timings?.record(`transforms (${items.length} files, wall clock)`, performance.now() - transformsStarted);

  const files = [...reports.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  changed.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { files, created: newFiles(extras, ctx.cwd), filesFound: discovery.files.length, changed, stopped, threads, notes: discovery.notes, passNotes: notes };
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
 * Drives a pass's steps, handing out each file as it comes, and lets the thread's other work in between (the
 * pool's answers, which hand the workers their next files) every few milliseconds.
 */
async function handOut(steps: Generator<[string, unknown], PassOutput>, ready: (abs: string, facts: unknown) => void): Promise<PassOutput> {
  let last = performance.now();
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    ready(...step.value);
    if (performance.now() - last > 10) {
      await new Promise((resolve) => setImmediate(resolve));
      last = performance.now();
    }
  }
}
