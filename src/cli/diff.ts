import { diffLib } from '../core/diffLib';

/**
 * A unified diff with `a/` and `b/` prefixes and 3 lines of context, as `git diff` prints it (so `git apply`
 * and `patch -p1` take it). Content lines keep their own terminators: in a CRLF file every line ends in
 * `\r\n`, only the lines that really changed are marked, and the patch still applies byte for byte.
 */
export function unifiedDiff(relPath: string, before: string, after: string): string {
  const { createTwoFilesPatch, FILE_HEADERS_ONLY } = diffLib();
  return createTwoFilesPatch(`a/${relPath}`, `b/${relPath}`, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}

/** A file that does not exist yet, as git shows one: from /dev/null. */
export function newFileDiff(relPath: string, text: string): string {
  const { createTwoFilesPatch, FILE_HEADERS_ONLY } = diffLib();
  return createTwoFilesPatch('/dev/null', `b/${relPath}`, '', text, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
}

const ESC = '\u001b[';
const paint = (code: string, s: string) => `${ESC}${code}m${s}${ESC}0m`;

/** Colours for a terminal. The `\r` of a CRLF line stays outside the colour codes so nothing is painted past it. */
export function colorizeDiff(diff: string): string {
  return diff
    .split('\n')
    .map((line, i) => {
      const cr = line.endsWith('\r') ? '\r' : '';
      const text = cr ? line.slice(0, -1) : line;
      if (text === '') return line;
      // Only the first two lines are headers: a removed line reading `-- x` prints as `--- x` too.
      if (i < 2 && (text.startsWith('--- ') || text.startsWith('+++ '))) return paint('1', text) + cr;
      if (text.startsWith('@@')) return paint('36', text) + cr;
      if (text.startsWith('+')) return paint('32', text) + cr;
      if (text.startsWith('-')) return paint('31', text) + cr;
      if (text.startsWith('\\')) return paint('2', text) + cr;
      return line;
    })
    .join('\n');
}
