// leakproof-baseline.json: the reported lifecycles a team has accepted for now, so `--check` fails only on new
// ones (like ESLint's bulk suppressions, Ruff's --add-noqa, PHPStan's baseline). Entries are keyed by what
// survives edits around them — file, enclosing function, library, resource, reason id — with a count for
// lifecycles that share a key. Only reports are baselined: a leak leakproof can fix is fixed by --write, and a
// would-fix finding of --report-only is such a fix.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSuppressible } from './suppressions';

export const BASELINE_FILE = 'leakproof-baseline.json';

export interface BaselineEntry {
  /** Relative to the directory the baseline file is in, forward slashes. */
  file: string;
  function: string;
  library: string;
  resource: string;
  reasonId: string;
  count: number;
}

export interface BaselineDoc {
  version: 1;
  entries: BaselineEntry[];
}

/** A baseline that cannot be read or is not one: exit 2, like a bad config. */
export class BaselineError extends Error {}

export const isBaselinable = isSuppressible;

export type Key = Omit<BaselineEntry, 'count'>;

export function keyString(k: Key): string {
  return JSON.stringify([k.file, k.function, k.library, k.resource, k.reasonId]);
}

export function loadBaseline(file: string): BaselineDoc {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new BaselineError(`cannot read the baseline ${file}: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch (e) {
    throw new BaselineError(`the baseline ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const d = doc as Partial<BaselineDoc> | null;
  if (!d || d.version !== 1 || !Array.isArray(d.entries)) throw new BaselineError(`${file} is not a leakproof baseline (expected {"version": 1, "entries": [...]})`);
  d.entries.forEach((e, i) => {
    const ok = e && ['file', 'function', 'library', 'resource', 'reasonId'].every((k) => typeof (e as unknown as Record<string, unknown>)[k] === 'string') && Number.isInteger(e.count) && e.count > 0;
    if (!ok) throw new BaselineError(`${file}: entry ${i + 1} needs file, function, library, resource, reasonId (strings) and count (a whole number of at least 1)`);
  });
  return d as BaselineDoc;
}

/** Stable text: entries sorted by key, one per line, so a baseline's diff in review shows exactly what changed. */
export function serializeBaseline(entries: BaselineEntry[]): string {
  const sorted = [...entries].sort((a, b) => (keyString(a) < keyString(b) ? -1 : keyString(a) > keyString(b) ? 1 : 0));
  const lines = sorted.map((e) => `    ${JSON.stringify({ file: e.file, function: e.function, library: e.library, resource: e.resource, reasonId: e.reasonId, count: e.count })}`);
  return `{\n  "version": 1,\n  "entries": [${lines.length > 0 ? `\n${lines.join(',\n')}\n  ` : ''}]\n}\n`;
}

/** Counts per key, consumed as findings match. */
export class BaselineMatcher {
  private readonly left = new Map<string, number>();

  constructor(entries: BaselineEntry[]) {
    for (const e of entries) this.left.set(keyString(e), (this.left.get(keyString(e)) ?? 0) + e.count);
  }

  /** True (and one fewer left) when the key has a count left. */
  take(k: Key): boolean {
    const s = keyString(k);
    const n = this.left.get(s) ?? 0;
    if (n === 0) return false;
    this.left.set(s, n - 1);
    return true;
  }

  /** Lifecycles the baseline still lists for these files that this run no longer reports. */
  unmatchedIn(files: Set<string>): number {
    let n = 0;
    for (const [s, count] of this.left) if (files.has((JSON.parse(s) as string[])[0])) n += count;
    return n;
  }
}

/** Entries for these keys (one per finding), counted. */
export function entriesOf(keys: Key[]): BaselineEntry[] {
  const counts = new Map<string, BaselineEntry>();
  for (const k of keys) {
    const s = keyString(k);
    const e = counts.get(s);
    if (e) e.count++;
    else counts.set(s, { ...k, count: 1 });
  }
  return [...counts.values()];
}

/** Writes the file whole or not at all (a temp file renamed over it). */
export function writeBaseline(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}
