import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkConfig, WorkItem, WorkResult } from './work';

/** Below this many files a pool costs more (worker start-up, loading the transforms N times) than it saves. */
export const POOL_THRESHOLD = 50;

/** The compiled worker next to this file; absent when running from TypeScript sources (tests), then no pool. */
export function workerFile(): string | null {
  const file = path.join(__dirname, 'worker.js');
  return fs.existsSync(file) ? file : null;
}

export interface Pool {
  /** More work; taken as workers free up, in the order given. */
  add(items: WorkItem[]): void;
  /** Nothing more will be added: resolves once every item is done, or when `onResult` stopped the pool. */
  close(): Promise<void>;
}

/** Worker threads for a pool, started ahead of it: each loads the chains of `languages` as soon as it runs. */
export function spawnWorkers(file: string, config: WorkConfig, size: number, languages: string[]): Worker[] {
  return Array.from({ length: size }, () => new Worker(file, { workerData: { ...config, preload: languages } }));
}

/**
 * `size` worker threads. Work is handed out in small batches as workers free up, so one slow file does not
 * hold a fixed share hostage; items can still be added while others run (a later phase of the same files).
 * `onResult` returning false stops everything (--fail-on-error).
 */
export function startPool(file: string, config: WorkConfig, size: number, onResult: (r: WorkResult) => boolean, expected: number, early?: Worker[] | null): Pool {
  const queue: WorkItem[] = [];
  const idle: Worker[] = [];
  const workers: Worker[] = [];
  // Batches as large as the expected work allows: a handful per worker, at most 16 files each.
  const batchSize = Math.max(1, Math.min(16, Math.ceil(expected / (size * 8))));
  let busy = 0;
  let closed = false;
  let done = false;
  let settle: { resolve: () => void; reject: (e: Error) => void } | null = null;
  let failure: Error | null = null;

  const finish = (err?: Error) => {
    if (done) return;
    done = true;
    for (const w of workers) void w.terminate();
    if (err) failure = err;
    if (settle) (failure ? settle.reject(failure) : settle.resolve());
  };
  const feed = (w: Worker) => {
    if (done) return;
    if (queue.length === 0) {
      idle.push(w);
      if (closed && busy === 0) finish();
      return;
    }
    let batch = queue.splice(0, batchSize);
    try {
      w.postMessage(batch);
    } catch {
      // An item a thread cannot be sent (a fact holding a function) fails as its own file's internal error;
      // the rest of the batch goes on.
      batch = batch.filter((item) => {
        try {
          structuredClone(item);
          return true;
        } catch (e) {
          const message = `internal error: the file could not be handed to a worker thread (${e instanceof Error ? e.message : String(e)}); it is left as it is (please report it)`;
          if (!onResult({ id: item.id, status: 'error', output: null, diff: null, findings: [], extraFiles: [], error: { kind: 'transform', message, line: null, column: null } })) finish();
          return false;
        }
      });
      if (done) return;
      if (batch.length === 0) return feed(w);
      w.postMessage(batch);
    }
    busy++;
  };
  // Threads started ahead are used first (their number may differ from `size`: it was decided before the
  // passes brought files back).
  const ready = early ?? [];
  for (let i = 0; i < Math.max(size, ready.length); i++) {
    const w = ready[i] ?? new Worker(file, { workerData: config });
    workers.push(w);
    w.on('message', (results: WorkResult[]) => {
      if (done) return;
      busy--;
      for (const r of results) {
        if (!onResult(r)) return finish();
      }
      feed(w);
    });
    w.on('error', (err) => finish(new Error(`worker failed: ${err.message}`)));
    w.on('exit', (code) => {
      if (!done) finish(new Error(`worker exited unexpectedly (code ${code})`));
    });
    idle.push(w);
  }
  const wake = () => {
    while (idle.length > 0 && queue.length > 0 && !done) feed(idle.shift()!);
    if (closed && busy === 0 && queue.length === 0) finish();
  };
  return {
    add(items) {
      if (done) return;
      queue.push(...items);
      wake();
    },
    close() {
      closed = true;
      return new Promise<void>((resolve, reject) => {
        settle = { resolve, reject };
        if (done) return failure ? reject(failure) : resolve();
        wake();
      });
    },
  };
}

/** Runs the items on `size` worker threads (see startPool). */
export function runInPool(file: string, items: WorkItem[], config: WorkConfig, size: number, onResult: (r: WorkResult) => boolean): Promise<void> {
  const pool = startPool(file, config, size, onResult, items.length);
  pool.add(items);
  return pool.close();
}
