// Pool worker: receives batches of files, answers with their results. Only the per-file job is loaded here
// (no argument parsing, discovery or git code); the transforms load on the first batch.
// (First: the modules below load through the compile cache.)
import { enableCompileCache, flushCompileCache } from './compileCache';
enableCompileCache();
import { parentPort, workerData } from 'node:worker_threads';
import type { LeakTransform } from '../core/model';
import { loadTransforms, runTransforms, type WorkConfig, type WorkItem } from './work';

const config = workerData as WorkConfig & { preload?: string[] };
const chains = new Map<string, LeakTransform[]>();
const chainFor = (language: string) => {
  if (!chains.has(language)) chains.set(language, loadTransforms(config.transforms, language));
  return chains.get(language)!;
};

parentPort?.on('message', (batch: WorkItem[]) => {
  parentPort?.postMessage(batch.map((item) => runTransforms(item, chainFor(item.language), config)));
  flushCompileCache();
});

// Started ahead of the pool (the main thread is running the project passes): load the chains of the
// run's languages before the first batch arrives.
for (const language of config.preload ?? []) chainFor(language);
