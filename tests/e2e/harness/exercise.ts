// Calls subjects and measures what they leave behind: one call per fresh instance (the oracle for results,
// effects and leaks), and a stress run of many calls through one small pool.
import { caseLabel, type Case } from './cases';
import { CallTimeout, type Admin, type GraphFactory, type Instance, type Library, type PoolStats } from './libraries';

export type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

export interface CaseResult {
  label: string;
  originalLeaks: boolean;
  outcome: Outcome;
  /** Connections still checked out (pool) or clients still connected (Redis) once the call settled. */
  leaked: number;
  stats: PoolStats;
  /** Server-side connections of the instance once the call settled. */
  server: number;
  /** Transaction cases: rows (keys) the call left committed. */
  effect: number | null;
}

export interface StressResult {
  iterations: number;
  completed: number;
  /** Calls that failed because the pool had nothing left to give. */
  exhausted: number;
  mismatches: { call: number; label: string; expected: Outcome; actual: Outcome }[];
  /** Server-side connection counts sampled every `sampleEvery` completed calls. */
  samples: number[];
  /** After the last call settled. */
  stats: PoolStats;
  server: number;
  leaked: number;
  /** Transaction ids whose effect differs from the oracle's: id → [expected, actual]. */
  effectMismatches: Record<number, [number, number]>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return `non-Error thrown: ${String(e)}`;
  const fields = e as Error & { code?: unknown; sqlMessage?: string; text?: string };
  const text = fields.sqlMessage ?? fields.text ?? e.message;
  const code = typeof fields.code === 'string' || typeof fields.code === 'number' ? ` [${fields.code}]` : '';
  return `${e.name}${code}: ${String(text).replace(/conn:\d+/g, 'conn:#')}`;
}

/** Calls one subject function, bounded in time (mysql2 has no acquire timeout of its own). */
export async function call(lib: Library, inst: Instance, c: Case, arg: number): Promise<{ outcome: Outcome; error?: unknown }> {
  const fn = inst.subject[c.fn];
  if (typeof fn !== 'function') throw new Error(`subject of ${lib.name} has no function ${c.fn}`);
  const limit = lib.pool ? 2_000 : 5_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = await Promise.race([
      fn(arg, c.fault),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CallTimeout(limit)), limit);
      }),
    ]);
    return { outcome: { ok: true, value } };
  } catch (error) {
    return { outcome: { ok: false, error: describeError(error) }, error };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits for the instance to settle after its calls returned, then measures the leak: connections checked out
 * (pool), or clients the server still sees (Redis). A pool's releases happen before the call settles, but a
 * connection the pool opened for a request served meanwhile by another may still be connecting (and count as
 * checked out); a Redis QUIT reaches the server a moment later, and a leaked client may still be connecting.
 * So: wait (bounded) for the all-clear, and take whatever is left at the deadline as leaked.
 */
async function settle(lib: Library, inst: Instance): Promise<{ stats: PoolStats; server: number; leaked: number }> {
  if (lib.pool) {
    // mariadb also fills its pool in the background: wait for the server and the pool to agree, too.
    const deadline = Date.now() + 300;
    let stats = inst.stats();
    let server = await inst.serverConnections();
    while (Date.now() < deadline && (stats.checkedOut > 0 || stats.waiting > 0 || server !== stats.total)) {
      await sleep(15);
      stats = inst.stats();
      server = await inst.serverConnections();
    }
    return { stats, server, leaked: stats.checkedOut };
  }
  const deadline = Date.now() + 3_000;
  let server = await inst.serverConnections();
  let stats = inst.stats();
  while (Date.now() < deadline && server !== stats.checkedOut) {
    await sleep(25);
    server = await inst.serverConnections();
    stats = inst.stats();
  }
  return { stats, server, leaked: server };
}

/** Each case on a fresh instance, so that every measurement starts from an empty pool. */
export async function runIsolated(
  lib: Library,
  admin: Admin,
  variantDir: string,
  makeGraph: GraphFactory,
  cases: readonly Case[],
  idBase: number,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const [i, c] of cases.entries()) {
    const inst = admin.open(variantDir, makeGraph);
    try {
      const id = idBase + i;
      const { outcome } = await call(lib, inst, c, c.transaction ? id : c.arg);
      const { stats, server, leaked } = await settle(lib, inst);
      const effect = c.transaction ? ((await admin.effects([id])).get(id) ?? 0) : null;
      results.push({ label: caseLabel(c), originalLeaks: c.originalLeaks, outcome, leaked, stats, server, effect });
    } finally {
      await inst.destroy();
    }
  }
  return results;
}

/**
 * `iterations` calls cycling through the cases, `concurrency` at a time, through one instance. Every result
 * is compared with the oracle's for its case. Dispatch stops at the first call that an exhausted pool turned
 * away: every further call would only wait for its own timeout, and the run has already failed (or, for the
 * original, shown what it had to show).
 */
export async function runStress(
  lib: Library,
  admin: Admin,
  variantDir: string,
  makeGraph: GraphFactory,
  cases: readonly Case[],
  oracle: readonly CaseResult[],
  opts: { iterations: number; concurrency: number; idBase: number; sampleEvery: number },
): Promise<StressResult> {
  const inst = admin.open(variantDir, makeGraph);
  const expected = new Map(oracle.map((r) => [r.label, r]));
  const mismatches: StressResult['mismatches'] = [];
  const samples: number[] = [];
  const txIds = new Map<number, Case>();
  let next = 0;
  let completed = 0;
  let exhausted = 0;
  let stop = false;
  try {
    const worker = async () => {
      while (!stop && next < opts.iterations) {
        const i = next++;
        const c = cases[i % cases.length];
        const id = opts.idBase + i;
        if (c.transaction) txIds.set(id, c);
        const { outcome, error } = await call(lib, inst, c, c.transaction ? id : c.arg);
        completed++;
        if (!outcome.ok && lib.isExhausted(error)) {
          exhausted++;
          stop = true;
        }
        const want = expected.get(caseLabel(c))?.outcome;
        if (!want || JSON.stringify(want) !== JSON.stringify(outcome)) {
          mismatches.push({ call: i, label: caseLabel(c), expected: want ?? { ok: false, error: 'no oracle' }, actual: outcome });
        }
        if (completed % opts.sampleEvery === 0) samples.push(await inst.serverConnections());
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
    const { stats, server, leaked } = await settle(lib, inst);
    const effects = await admin.effects([...txIds.keys()]);
    const effectMismatches: Record<number, [number, number]> = {};
    for (const [id, c] of txIds) {
      const want = expected.get(caseLabel(c))?.effect ?? -1;
      const got = effects.get(id) ?? 0;
      if (want !== got) effectMismatches[id] = [want, got];
    }
    return { iterations: opts.iterations, completed, exhausted, mismatches, samples, stats, server, leaked, effectMismatches };
  } finally {
    stop = true;
    await inst.destroy();
  }
}
