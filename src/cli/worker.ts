// Pool worker: receives batches of files, answers with their results. Only the per-file job is loaded here
// (no argument parsing, discovery or git code); the transforms load on the first batch.
import { parentPort, workerData } from 'node:worker_threads';
import type { LeakTransform } from '../core/model';
import { loadTransforms, runTransforms, type WorkConfig, type WorkItem } from './work';

const config = workerData as WorkConfig;
let transforms: LeakTransform[] | undefined;

parentPort?.on('message', (batch: WorkItem[]) => {
  transforms ??= loadTransforms(config.transforms);
  const chain = transforms;
  parentPort?.postMessage(batch.map((item) => runTransforms(item, chain, config)));
});
