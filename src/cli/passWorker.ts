// A project pass in a thread of its own, beside the transforms that do not read its facts (see
// ProjectPass.readBy). Whatever it builds (a checker's program) goes with the thread when it ends.
import { parentPort, workerData } from 'node:worker_threads';
import type { PassContext, RunFile } from '../core/passes';

export interface PassJob {
  language: string;
  pass: string;
  files: RunFile[];
  dropped: RunFile[];
  ctx: PassContext;
}

export interface PassAnswer {
  facts: [string, unknown][];
  join: string[];
  note: string | null;
}

const job = workerData as PassJob;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { frontendNamed } = require('../registry') as typeof import('../registry');
const pass = frontendNamed(job.language).passes.find((p) => p.name === job.pass);
if (!pass) throw new Error(`no pass ${job.pass} for ${job.language}`);
const out = pass.run(job.files, job.dropped, job.ctx);
const answer: PassAnswer = { facts: [...out.facts], join: out.join ?? [], note: out.note ?? null };
parentPort?.postMessage(answer);
