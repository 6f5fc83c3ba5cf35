// Pool worker: receives batches of files, answers with their results. Only the per-file job is loaded here
// (no argument parsing, discovery or git code); the transforms load on the first batch.
import { parentPort, workerData } from 'node:worker_threads';
import type { LeakTransform } from '../core/model';
import { loadTransforms, runTransforms, type WorkConfig, type WorkItem } from './work';

const config = workerData as WorkConfig;
const chains = new Map<string, LeakTransform[]>();

parentPort?.on('message', (batch: WorkItem[]) => {
  const chainFor = (language: string) => {
    if (!chains.has(language)) chains.set(language, loadTransforms(config.transforms, language));
    return chains.get(language)!;
  };
  parentPort?.postMessage(batch.map((item) => runTransforms(item, chainFor(item.language), config)));
});
