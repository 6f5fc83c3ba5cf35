// Generated and bundled code: nobody edits it by hand, a rewrite of it would be undone by the next build,
// and a bundle (a committed Yarn release, a minified library) is the slowest kind of file to analyse. Left
// out unless --include-generated; counted in the totals so the skip is never silent.

/** Files larger than this are bundles or data, not code someone maintains. */
export const MAX_SOURCE_BYTES = 1024 * 1024;
/** Hand-written code has no line this long; minified code does. */
export const MAX_LINE_LENGTH = 10_000;
/** How far into a file the `@generated` marker counts (a header comment, as codegen tools write it). */
const HEADER_CHARS = 2048;

/** Why a file counts as generated or bundled, or null when it does not. `rel`: forward slashes. */
export function generatedReason(rel: string, text: string, bytes: number): string | null {
  const segments = rel.split('/');
  if (segments.slice(0, -1).includes('.yarn')) return 'under .yarn/ (Yarn releases, plugins, cache)';
  if (/\.min\.[cm]?js$/i.test(segments[segments.length - 1])) return 'minified (.min.js)';
  if (bytes > MAX_SOURCE_BYTES) return `larger than ${MAX_SOURCE_BYTES / (1024 * 1024)} MB`;
  if (/(?:\/\/|\/\*|^\s*\*|#)[^\n]*@generated\b/m.test(text.slice(0, HEADER_CHARS))) return 'marked @generated';
  if (hasLongLine(text)) return `a line longer than ${MAX_LINE_LENGTH} characters (minified)`;
  return null;
}

function hasLongLine(text: string): boolean {
  if (text.length <= MAX_LINE_LENGTH) return false;
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if ((end < 0 ? text.length : end) - start > MAX_LINE_LENGTH) return true;
    if (end < 0) return false;
    start = end + 1;
  }
}
