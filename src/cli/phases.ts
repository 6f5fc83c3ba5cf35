// A pool run in two phases when a project pass is read only by the later transforms of the chain (the close
// plan, read by remove-redundant-close alone): the pass runs in a thread of its own while the pool takes each
// file through the transforms before its first reader; a file goes on to the rest once the pass is done.
// What each file goes through, and in what order, is what the one-phase run does: only the waiting goes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PassContext, PassOutput, ProjectPass } from '../core/passes';
import { sendListings, type Listings } from '../core/listings';
import type { PassAnswer, PassJob, PassWarmUp } from './passWorker';
import { SharedTexts } from './sharedTexts';
import { startPool } from './pool';
import type { Timings } from './timings';
import { runTransforms, type Resume, type WorkConfig, type WorkItem, type WorkResult } from './work';
import type { LeakTransform } from '../core/model';

export interface Deferred {
  pass: ProjectPass;
  language: string;
  files: WorkItem[];
  dropped: WorkItem[];
  /** Index in the language's chain of the first transform that reads the pass's facts. */
  split: number;
  /** Where its note goes among the passes' notes: the place it has when the passes run one after another. */
  noteAt: number;
  /** Its output, from the thread it was started in before the other passes ran, and when that was. */
  started: Promise<PassOutput>;
  startedAt: number;
}

/** The compiled pass worker next to this file (absent when running from TypeScript sources). */
export function passWorkerFile(): string | null {
  const file = path.join(__dirname, 'passWorker.js');
  return fs.existsSync(file) ? file : null;
}

/** Where the chain (its transform names, in order) splits for this pass: the first transform that reads its facts; 0 when none can run first. */
export function phaseSplit(pass: ProjectPass, chain: string[]): number {
  if (!pass.readBy) return 0;
  const first = chain.findIndex((name) => pass.readBy!.includes(name));
  return first < 0 ? 0 : first;
}

interface PhasedRun {
  worker: string;
  config: WorkConfig;
  threads: number;
  /** How many files the run expects to hand in, for the size of a batch. */
  expected: number;
  deferred: Deferred[];
  /** The runner's handling of a file's final result; false stops the run. */
  accept(r: WorkResult): boolean;
  /** The runner's handling of a pass's output: facts onto the files, the files it brings back (returned). */
  applyPass(pass: ProjectPass, language: string, dropped: WorkItem[], out: PassOutput, noteAt?: number): WorkItem[];
  timings?: Timings;
  /** Pool threads started before the passes ran (they load the transforms meanwhile). */
  early?: Worker[] | null;
}

/** A phased pool under way: files can be handed in until `done`, some while a pass still runs. */
export interface Phased {
  /** Files whose facts (but those of the deferred passes) are final. */
  add(items: WorkItem[]): void;
  /** Nothing more will be added: resolves once every file has been through its whole chain. */
  done(): Promise<void>;
}

export function startPhased(run: PhasedRun): Phased {
  const split = new Map(run.deferred.map((d) => [d.language, d.split]));
  const ready = new Set<string>();
  const waiting = new Map<number, { item: WorkItem; resume: Resume }>();
  const byId = new Map<number, WorkItem>();
  const nextPhase = (item: WorkItem, resume: Resume): WorkItem => ({ ...item, range: [split.get(item.language)!, Infinity], resume });

  const pool = startPool(
    run.worker,
    run.config,
    run.threads,
    (r) => {
      if (!r.resume) return run.accept(r);
      const item = byId.get(r.id)!;
      if (ready.has(item.language)) pool.add([nextPhase(item, r.resume)]);
      else waiting.set(r.id, { item, resume: r.resume });
      return true;
    },
    run.expected,
    run.early,
  );
  // A deferred pass's facts, once it is done, for the files handed in after that.
  const finished = new Map<string, { pass: ProjectPass; out: PassOutput }>();
  const add = (items: WorkItem[]) => {
    for (const i of items) {
      byId.set(i.id, i);
      const f = finished.get(i.language);
      const own = f?.out.facts.get(i.abs);
      if (own !== undefined) i.facts = { ...i.facts, [f!.pass.name]: own };
    }
    pool.add(items.map((i) => (split.has(i.language) && !ready.has(i.language) ? { ...i, range: [0, split.get(i.language)!] } : i)));
  };

  // A deferred pass's facts go onto the files as soon as it is done, and the files waiting for them go on;
  // the files it brings back (and its note) wait until every file is in: a file another pass brings back
  // gets both passes' facts, as it would if the passes had run one after another.
  let allIn!: () => void;
  const handedIn = new Promise<void>((resolve) => (allIn = resolve));
  const passes = run.deferred.map(async (d) => {
    const out = await d.started;
    run.timings?.record(`pass ${d.pass.name} (${d.language}, beside the transforms)`, performance.now() - d.startedAt);
    run.applyPass(d.pass, d.language, d.dropped, { facts: out.facts, join: [], note: null });
    finished.set(d.language, { pass: d.pass, out });
    ready.add(d.language);
    const next: WorkItem[] = [];
    for (const [id, w] of [...waiting]) {
      if (w.item.language !== d.language) continue;
      waiting.delete(id);
      next.push(nextPhase(w.item, w.resume));
    }
    pool.add(next);
    await handedIn;
    const joined = run.applyPass(d.pass, d.language, d.dropped, out, d.noteAt);
    add(joined);
  });
  return {
    add,
    async done() {
      allIn();
      try {
        await Promise.all(passes);
      } catch (e) {
        await pool.close().catch(() => undefined);
        throw e;
      }
      await pool.close();
    },
  };
}

/**
 * The two phases without a pool: here, each file goes through the transforms before the deferred pass's first
 * reader while the pass runs in its thread; once it is done, its facts on, through the rest. The files it
 * brings back come last, through their whole chain. What each file goes through is what the one-phase run does.
 */
export async function phasedHere(run: {
  items: WorkItem[];
  deferred: Deferred[];
  chainFor(language: string): LeakTransform[];
  config: WorkConfig;
  accept(r: WorkResult): boolean;
  applyPass: PhasedRun['applyPass'];
  timings?: Timings;
}): Promise<void> {
  let going = true;
  const take = (item: WorkItem) => (going &&= run.accept(runTransforms(item, run.chainFor(item.language), run.config)));
  const split = new Map(run.deferred.map((d) => [d.language, d.split]));
  const waiting: { item: WorkItem; resume: Resume }[] = [];
  for (const item of run.items) {
    if (!going) break;
    const at = split.get(item.language);
    if (at === undefined) {
      take(item);
      continue;
    }
    const r = runTransforms({ ...item, range: [0, at] }, run.chainFor(item.language), run.config);
    if (r.resume) waiting.push({ item, resume: r.resume });
    else going &&= run.accept(r);
  }
  for (const d of run.deferred) {
    const out = await d.started;
    run.timings?.record(`pass ${d.pass.name} (${d.language}, beside the transforms)`, performance.now() - d.startedAt);
    run.applyPass(d.pass, d.language, d.dropped, { facts: out.facts, join: [], note: null });
    for (const w of waiting) if (w.item.language === d.language && going) take({ ...w.item, range: [d.split, Infinity], resume: w.resume });
    for (const item of run.applyPass(d.pass, d.language, d.dropped, out, d.noteAt)) if (going) take(item);
  }
}

/** A pass's thread, started before its job is known: it loads the pass meanwhile. */
export interface PassThread {
  /** The bytes of a file the prefilter dropped, as read: the job hands them over instead of the path. */
  keep(abs: string, raw: Uint8Array): void;
  /** Hand it the job: its output as the pass would return it. */
  run(d: Pick<Deferred, 'files' | 'dropped'>, ctx: PassContext): Promise<PassOutput>;
  /** Not needed after all. */
  stop(): void;
}

/** `warm`: the file that made the pass worth a thread, for its warmUp while the runner reads the others. */
export function spawnPassThread(pass: ProjectPass, language: string, listings?: Listings, warm?: PassWarmUp): PassThread {
  const w = new Worker(passWorkerFile()!, { workerData: { language, pass: pass.name, module: pass.module, listings: listings && sendListings(listings), ...(warm ? { warm } : {}) } });
  const texts = new SharedTexts();
  let settle: { resolve(o: PassOutput): void; reject(e: unknown): void } | null = null;
  let early: unknown = null;
  let answered = false;
  w.once('message', (a: PassAnswer) => {
    answered = true;
    settle?.resolve({ facts: new Map(a.facts), join: a.join, note: a.note });
    void w.terminate();
  });
  const fail = (e: unknown) => (settle ? settle.reject(e) : (early ??= e));
  w.once('error', fail);
  w.once('exit', (code) => {
    if (!answered) fail(new Error(`pass ${pass.name} exited unexpectedly (code ${code})`));
  });
  return {
    keep: (abs, raw) => texts.keep(abs, raw),
    run(d, ctx) {
      const strip = (f: WorkItem) => ({ abs: f.abs, rel: f.rel, text: f.text });
      const job: PassJob = { language, pass: pass.name, module: pass.module, files: d.files.map(strip), dropped: d.dropped.map((f) => ({ abs: f.abs, rel: f.rel })), texts: texts.sent(), ctx };
      return new Promise<PassOutput>((resolve, reject) => {
        if (early) return reject(early);
        settle = { resolve, reject };
        w.postMessage(job);
      });
    },
    stop() {
      answered = true;
      void w.terminate();
    },
  };
}

/** Run one pass in a worker thread; its output as the pass would return it. */
export function passInWorker(d: Pick<Deferred, 'pass' | 'language' | 'files' | 'dropped'>, ctx: PassContext): Promise<PassOutput> {
  return spawnPassThread(d.pass, d.language).run(d, ctx);
}
