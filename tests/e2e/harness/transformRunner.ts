// Runs the transforms on the subjects in a worker thread, under a time limit: a transform that loops or
// eats the heap fails its test with a message instead of taking the whole test process down with it.
// The worker runs the project's current sources (src/, transforms/), transpiled to CommonJS just before.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';
import type { TransformOutput } from '../../../src/core/model';

const REPO = path.resolve(__dirname, '../../..');

export interface TransformJob {
  /** `meta.name` of the transform; its module is `transforms/<name>.ts`. */
  transform: string;
  file: string;
}

export type JobResult = { ok: true; output: TransformOutput } | { ok: false; error: string };

function transpileTree(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) transpileTree(src, dst);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      const out = ts.transpileModule(fs.readFileSync(src, 'utf8'), {
        fileName: src,
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true, resolveJsonModule: true },
      });
      fs.mkdirSync(path.dirname(dst), { recursive: true });
      fs.writeFileSync(dst.replace(/\.ts$/, '.js'), out.outputText);
    } else if (entry.name.endsWith('.json')) {
      fs.mkdirSync(path.dirname(dst), { recursive: true });
      fs.copyFileSync(src, dst);
    }
  }
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
for (const [i, job] of workerData.jobs.entries()) {
  parentPort.postMessage({ i, started: true });
  try {
    const mod = require(job.module);
    const t = Object.values(mod).find((v) => v && typeof v.apply === 'function' && v.meta && v.meta.name === job.transform);
    if (!t) throw new Error('no LeakTransform with meta.name ' + job.transform + ' is exported by ' + job.module);
    parentPort.postMessage({ i, result: { ok: true, output: t.apply(fs.readFileSync(job.file, 'utf8'), job.file, {}) } });
  } catch (e) {
    parentPort.postMessage({ i, result: { ok: false, error: String((e && e.stack) || e) } });
  }
}
`;

/**
 * Each job's result, in order. A job that does not finish within `perJobMs` (or kills the worker) fails;
 * the remaining jobs of the same transform are not run (it would most likely hang again), the others are
 * run in a fresh worker.
 */
export async function runTransforms(scratch: string, jobs: TransformJob[], perJobMs: number): Promise<JobResult[]> {
  const out = path.join(scratch, 'leakproof-build');
  fs.rmSync(out, { recursive: true, force: true });
  transpileTree(path.join(REPO, 'src'), path.join(out, 'src'));
  transpileTree(path.join(REPO, 'transforms'), path.join(out, 'transforms'));
  const results: (JobResult | undefined)[] = jobs.map(() => undefined);
  const broken = new Map<string, string>();
  for (;;) {
    const pending = jobs.flatMap((job, i) => (results[i] ? [] : [i])).filter((i) => {
      const why = broken.get(jobs[i].transform);
      if (why) results[i] = { ok: false, error: `not run: ${why}` };
      return !why;
    });
    if (pending.length === 0) break;
    const failed = await runWorker(
      pending.map((i) => ({ ...jobs[i], module: path.join(out, 'transforms', `${jobs[i].transform}.js`) })),
      perJobMs,
      (k, result) => {
        results[pending[k]] = result;
      },
    );
    if (failed) {
      const i = pending[failed.index];
      results[i] = { ok: false, error: failed.reason };
      broken.set(jobs[i].transform, `${jobs[i].transform} failed on an earlier subject (${failed.reason})`);
    }
  }
  return results.map((r) => r ?? { ok: false, error: 'no result' });
}

/** Runs `jobs` in one worker; returns the job that hung or killed it, if any. */
function runWorker(
  jobs: (TransformJob & { module: string })[],
  perJobMs: number,
  onResult: (k: number, result: JobResult) => void,
): Promise<{ index: number; reason: string } | null> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { jobs }, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    let current = -1;
    let done = 0;
    let failure: { index: number; reason: string } | null = null;
    let timer: NodeJS.Timeout | undefined;
    const where = (k: number) => `${path.basename(path.dirname(jobs[k].file))}/${path.basename(jobs[k].file)}`;
    worker.on('message', (msg: { i: number; started?: boolean; result?: JobResult }) => {
      if (msg.started) {
        current = msg.i;
        clearTimeout(timer);
        timer = setTimeout(() => {
          failure ??= { index: msg.i, reason: `${jobs[msg.i].transform} did not finish on ${where(msg.i)} within ${perJobMs} ms` };
          void worker.terminate();
        }, perJobMs);
      } else if (msg.result) {
        done++;
        onResult(msg.i, msg.result);
      }
    });
    worker.on('error', (err) => {
      if (current >= 0) failure ??= { index: current, reason: `${jobs[current].transform} crashed the worker on ${where(current)}: ${err.message}` };
    });
    worker.on('exit', () => {
      clearTimeout(timer);
      // Jobs run and answer in order: the first one without an answer is the one that was running.
      if (!failure && done < jobs.length) failure = { index: done, reason: `the worker exited during ${jobs[done].transform} on ${where(done)}` };
      resolve(failure);
    });
  });
}
