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

/**
 * Runs the items on `size` worker threads. Work is handed out in small batches as workers free up, so one
 * slow file does not hold a fixed share hostage. `onResult` returning false stops everything (--fail-on-error).
 */
export function runInPool(
  file: string,
  items: WorkItem[],
  config: WorkConfig,
  size: number,
  onResult: (r: WorkResult) => boolean,
): Promise<void> {
  const batchSize = Math.max(1, Math.min(16, Math.ceil(items.length / (size * 8))));
  let next = 0;
  let busy = 0;
  let done = false;
  const workers: Worker[] = [];

  return new Promise<void>((resolve, reject) => {
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve();
    };
    const feed = (w: Worker) => {
      if (next >= items.length) {
        if (busy === 0) finish();
        return;
      }
      const batch = items.slice(next, next + batchSize);
      next += batch.length;
      busy++;
      w.postMessage(batch);
    };
    for (let i = 0; i < size; i++) {
      const w = new Worker(file, { workerData: config });
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
      feed(w);
    }
  });
}
