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
  const long = longLines(text);
  if (long === 'code') return `a line longer than ${MAX_LINE_LENGTH} characters (minified)`;
  if (long === 'data') return `mostly string literals on lines longer than ${MAX_LINE_LENGTH} characters (data)`;
  return null;
}

/**
 * A line over the limit is minified code, unless it is one string literal (a data URI, an SVG path) in code
 * someone writes by hand: such lines say "generated" only when they are most of the file (a data module).
 */
function longLines(text: string): 'code' | 'data' | null {
  if (text.length <= MAX_LINE_LENGTH) return null;
  let data = 0;
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    if (stop - start > MAX_LINE_LENGTH) {
      if (stop - start - longestLiteral(text, start, stop) > LINE_AROUND_LITERAL) return 'code';
      data += stop - start;
    }
    if (end < 0) return data > DATA_SHARE * text.length ? 'data' : null;
    start = end + 1;
  }
}

/** What a data line may hold besides its literal (`icon: "data:image/png;base64,…",`). */
const LINE_AROUND_LITERAL = 1000;
/** A file this much data lines is a data module, generated as a rule. */
const DATA_SHARE = 0.75;

/** Length of the longest quoted literal in text[start, stop), escapes skipped; a template's `${` ends nothing. */
function longestLiteral(text: string, start: number, stop: number): number {
  let longest = 0;
  for (let i = start; i < stop; i++) {
    const q = text[i];
    if (q !== '"' && q !== "'" && q !== '`') continue;
    let j = i + 1;
    while (j < stop && text[j] !== q) j += text[j] === '\\' ? 2 : 1;
    longest = Math.max(longest, Math.min(j, stop) - i + 1);
    i = j;
  }
  return longest;
}
