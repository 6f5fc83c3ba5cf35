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
