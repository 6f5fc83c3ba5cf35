// The words remove-redundant-close looks for, and the library facts behind a double release.
import { RELEASE_NAMES } from '../../catalog/js/releases';

/** Method names that release what an object holds, in the order one is picked when a class has several. */
export const CLOSE_METHODS = RELEASE_NAMES;
export const CLOSE_METHOD_SET = new Set(CLOSE_METHODS);

/** A file may take part: it names a close-like method, declares with `using`, or writes a disposer. */
export const CLOSE_PREFILTER = new RegExp(`\\b(?:${CLOSE_METHODS.join('|')})\\b|\\busing\\s+[\\w$]|Symbol\\.(?:asyncDispose|dispose)\\b`);

// A close-like method with a body (`async close(): Promise<void> {`), not an interface member (`close(): void;`).
const CLOSE_METHOD_WITH_BODY = new RegExp(`^[ \\t]*(?:(?:public|protected|private|async|override)\\s+)*(?:${CLOSE_METHODS.join('|')})\\s*\\([^;{}]*\\)[^;{}=]*\\{`, 'm');
const DISPOSER = /\[\s*Symbol\.(?:asyncDispose|dispose)\s*\]\s*\(/;

/** A file may declare a class that matters: a class with a close-like method or a disposer. */
export function declaresCloseClass(text: string): boolean {
  return /\bclass\b/.test(text) && (CLOSE_METHOD_WITH_BODY.test(text) || DISPOSER.test(text));
}

/**
 * Can this text hold a release left after a `using` declaration? A cheap superset of what the finder can
 * find (so the prefilter never changes a result): a name declared with `using` whose release method is
 * called, or a release called twice on the same name (an adapter disposer's call, and one more).
 */
export function mayReleaseTwice(body: string, methods: Iterable<string>): boolean {
  if (!/\busing\s+[\w$]/.test(body)) return false;
  const names = [...new Set(methods)].map((m) => m.replace(/\$/g, '\\$')).join('|');
  const calls = new Map<string, number>();
  for (const m of body.matchAll(new RegExp(`([\\w$]+)\\s*[?!]?\\.\\s*(?:${names})\\s*\\(`, 'g'))) calls.set(m[1], (calls.get(m[1]) ?? 0) + 1);
  if ([...calls.values()].some((n) => n >= 2)) return true;
  for (const m of body.matchAll(/\busing\s+([\w$]+)\s*=/g)) if (calls.has(m[1])) return true;
  return false;
}

/** Test and shutdown hooks: a hook whose callback becomes empty goes with it. */
export const EMPTY_HOOKS = new Set(['afterAll', 'afterEach', 'after', 'teardown']);

/**
 * Long-lived kinds whose native disposer has the effect of their teardown call (../shared drivers facts):
 * a teardown left after `await using pool = …` runs twice.
 */
export const POOL_DISPOSERS: { library: string; kind: string; sameAs: string[] }[] = [
  { library: 'mysql2', kind: 'Pool', sameAs: ['end'] },
  { library: 'mysql2', kind: 'PoolCluster', sameAs: ['end'] },
  { library: 'mariadb', kind: 'Pool', sameAs: ['end'] },
  { library: 'oracledb', kind: 'Pool', sameAs: ['close'] },
  { library: 'mongodb', kind: 'MongoClient', sameAs: ['close'] },
  { library: 'neo4j-driver', kind: 'Driver', sameAs: ['close'] },
];

