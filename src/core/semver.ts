// Just enough semver for "is the installed version at least X" and "what is the lowest version a range allows".

export type Version = [number, number, number];

export function parseVersion(text: string): Version | null {
  const m = /(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(text);
  if (!m) return null;
  const num = (s: string | undefined) => (s === undefined || s === 'x' || s === '*' ? 0 : Number(s));
  return [num(m[1]), num(m[2]), num(m[3])];
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

export function atLeast(version: string | Version | null | undefined, minimum: string): boolean {
  if (!version) return false;
  const v = typeof version === 'string' ? parseVersion(version) : version;
  const m = parseVersion(minimum);
  return !!v && !!m && compareVersions(v, m) >= 0;
}

/** The lowest version a range admits (`^20.19 || >=22` → 20.19.0); `null` when it admits anything or is unreadable. */
export function rangeMinimum(range: string | undefined): Version | null {
  if (!range) return null;
  let lowest: Version | null = null;
  for (const alternative of range.split('||')) {
    const trimmed = alternative.trim();
    if (trimmed === '' || trimmed === '*' || trimmed === 'latest' || /^[<]/.test(trimmed)) return null;
    const v = parseVersion(trimmed);
    if (!v) return null;
    if (!lowest || compareVersions(v, lowest) < 0) lowest = v;
  }
  return lowest;
}

export function formatVersion(v: Version): string {
  return v.join('.');
}

/** Versions from `min` (inclusive) up to `below` (exclusive; null: no upper bound). */
export interface Interval {
  min: Version;
  below: Version | null;
}

const ZERO: Version = [0, 0, 0];

/** How many numeric parts a partial version gives (`20` → 1, `20.4` → 2, `20.4.1` → 3). */
function precision(text: string): number {
  return text.split('.').filter((p) => /^\d+$/.test(p)).length;
}

/** The next version past every version `text` (partial) stands for: `20` → 21.0.0, `20.4` → 20.5.0. */
function pastPartial(v: Version, parts: number): Version {
  if (parts <= 1) return [v[0] + 1, 0, 0];
  if (parts === 2) return [v[0], v[1] + 1, 0];
  return [v[0], v[1], v[2] + 1];
}

/** One comparator (`>=20.4`, `^18.18`, `~22.1`, `22`, `<25`) as an interval; null when unreadable. */
function comparatorInterval(token: string): Interval | null {
  const m = /^(>=|<=|>|<|=|\^|~)?v?(\d+(?:\.(?:\d+|x|\*)){0,2})(?:[-+][\w.-]*)?$/.exec(token);
  if (!m) return null;
  const op = m[1] ?? '';
  const text = m[2].replace(/\.(x|\*)/g, '');
  const parts = precision(text);
  const v = parseVersion(text)!;
  switch (op) {
    case '>=':
      return { min: v, below: null };
    case '>':
      return { min: pastPartial(v, parts), below: null };
    case '<':
      return { min: ZERO, below: v };
    case '<=':
      return { min: ZERO, below: pastPartial(v, parts) };
    case '^':
      return { min: v, below: v[0] > 0 || parts === 1 ? [v[0] + 1, 0, 0] : [0, v[1] + 1, 0] };
    case '~':
      return { min: v, below: parts === 1 ? [v[0] + 1, 0, 0] : [v[0], v[1] + 1, 0] };
    default:
      return { min: v, below: pastPartial(v, parts) };
  }
}

/**
 * The versions a semver range admits, one interval per `||` alternative (`>=20.12 <21 || 22` →
 * [20.12.0, 21.0.0), [22.0.0, 23.0.0)); null when the range admits anything or cannot be read.
 */
export function rangeIntervals(range: string | undefined | null): Interval[] | null {
  if (!range) return null;
  const out: Interval[] = [];
  for (const alternative of range.split('||')) {
    // `>= 16.0.0` → `>=16.0.0`; a hyphen range `18 - 20` → `>=18 <=20`.
    const text = alternative.trim().replace(/([<>=~^]+)\s+/g, '$1').replace(/^(\S+)\s+-\s+(\S+)$/, '>=$1 <=$2');
    if (text === '' || text === '*' || text === 'x' || text === 'latest') return null;
    let interval: Interval = { min: ZERO, below: null };
    for (const token of text.split(/\s+/)) {
      const c = comparatorInterval(token);
      if (!c) return null;
      const min = compareVersions(c.min, interval.min) > 0 ? c.min : interval.min;
      const below = !interval.below ? c.below : !c.below ? interval.below : compareVersions(c.below, interval.below) < 0 ? c.below : interval.below;
      interval = { min, below };
    }
    if (interval.below && compareVersions(interval.min, interval.below) >= 0) continue; // admits nothing
    out.push(interval);
  }
  return out.length ? out : null;
}

/** Does every version the intervals admit lie in one of `allowed`? */
export function allWithin(intervals: Interval[], allowed: Interval[]): boolean {
  return intervals.every((i) =>
    allowed.some((a) => compareVersions(i.min, a.min) >= 0 && (a.below === null || (i.below !== null && compareVersions(i.below, a.below) <= 0))),
  );
}
