// The smallest single text replacement that turns one text into another: what the ESLint rule offers as its
// fix and what a SARIF result carries in `fixes`. One range covers every change a transform made to the file
// (a common prefix and suffix are kept out of it), so applying it gives exactly the transform's output.

export interface Replacement {
  /** Offsets in the old text, in UTF-16 code units (JavaScript string indices). */
  start: number;
  end: number;
  /** What goes between them. */
  text: string;
}

/** `null` when the texts are equal. */
export function smallestReplacement(before: string, after: string): Replacement | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  // Never split a surrogate pair or a CRLF: an editor applying the range must see whole characters and lines.
  const splits = (s: string, i: number) => i > 0 && i < s.length && ((isLow(s.charCodeAt(i)) && isHigh(s.charCodeAt(i - 1))) || (s[i - 1] === '\r' && s[i] === '\n'));
  while (prefix > 0 && (splits(before, prefix) || splits(after, prefix))) prefix--;
  while (suffix > 0 && (splits(before, before.length - suffix) || splits(after, after.length - suffix))) suffix--;
  return { start: prefix, end: before.length - suffix, text: after.slice(prefix, after.length - suffix) };
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

export function applyReplacement(text: string, r: Replacement): string {
  return text.slice(0, r.start) + r.text + text.slice(r.end);
}

/** 1-based line and column (UTF-16 code units) of each offset of a text; lines end at \n (a \r before it is part of the line). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }

  /** Offset of a 1-based line and column, clamped to the text. */
  offset(line: number, column: number): number {
    const l = Math.min(Math.max(line, 1), this.starts.length);
    return this.starts[l - 1] + Math.max(column, 1) - 1;
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
