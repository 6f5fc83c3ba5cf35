// A project pass in a thread of its own, beside the transforms that do not read its facts (see
// ProjectPass.readBy). Whatever it builds (a checker's program) goes with the thread when it ends.
// (First: the modules below, and the pass's, load through the compile cache.)
import { enableCompileCache, flushCompileCache } from './compileCache';
enableCompileCache();
import { parentPort, workerData } from 'node:worker_threads';
import * as fs from 'node:fs';
import type { PassContext, ProjectPass, RunFile } from '../core/passes';
import { receiveListings, type SentListings } from '../core/listings';
import { sharedText, type SentTexts } from './sharedTexts';

export interface PassJob {
  language: string;
  pass: string;
  /** The module that exports the pass, when it names one (ProjectPass.module). */
  module?: string;
  files: RunFile[];
  /** The files the prefilter dropped, as paths: their bytes are in `texts` when the runner kept them, else this thread reads them. */
  dropped: { abs: string; rel: string }[];
  texts?: SentTexts;
  ctx: PassContext;
}

/** The file that made the pass worth a thread, and the run's context, for the pass's warmUp. */
export interface PassWarmUp {
  first: string;
  ctx: Pick<PassContext, 'cwd' | 'project'>;
}

export interface PassAnswer {
  facts: [string, unknown][];
  join: string[];
  note: string | null;
}

// The thread starts with the pass's name (it loads the pass meanwhile), then takes its job as a message.
const job = workerData as Pick<PassJob, 'language' | 'pass' | 'module'> & { listings?: SentListings; warm?: PassWarmUp };
/** The pass from its own module when it names one (nothing else loads), or from the registry. */
function find(): ProjectPass | undefined {
  if (job.module) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = Object.values(require(job.module) as Record<string, unknown>);
    return exported.find((p): p is ProjectPass => !!p && typeof p === 'object' && (p as ProjectPass).name === job.pass && typeof (p as ProjectPass).run === 'function');
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { frontendNamed } = require('../registry') as typeof import('../registry');
  return frontendNamed(job.language).passes.find((p) => p.name === job.pass);
}
const pass = find();
if (!pass) throw new Error(`no pass ${job.pass} for ${job.language}`);
// Before the job comes (the runner is still reading): what the job will most likely need first.
const listings = job.listings && receiveListings(job.listings);
if (job.warm && pass.warmUp) {
  try {
    pass.warmUp(job.warm.first, { ...job.warm.ctx, ...(listings ? { listings } : {}) });
  } catch {
    // Only a head start: the job asks again, and meets the same failure where it can report it.
  }
}
// As the runner reads them: UTF-8, the BOM kept. One that cannot be read is left out, as it is there.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const read = (abs: string): string | null => {
  try {
    return decoder.decode(fs.readFileSync(abs));
  } catch {
    return null;
  }
};
// (Reading them while the runner does, before the job came, gained nothing measurable and slowed the runner.)
parentPort?.once('message', (m: PassJob) => {
  const dropped: RunFile[] = [];
  for (const d of m.dropped) {
    const text = sharedText(m.texts, d.abs) ?? read(d.abs);
    if (text !== null) dropped.push({ ...d, text });
  }
  const out = pass.run(m.files, dropped, listings ? { ...m.ctx, listings } : m.ctx);
  const answer: PassAnswer = { facts: [...out.facts], join: out.join ?? [], note: out.note ?? null };
  // Before answering: the thread is ended once it has.
  flushCompileCache();
  parentPort?.postMessage(answer);
});
