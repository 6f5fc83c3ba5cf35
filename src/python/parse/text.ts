// The text side of a Python rewrite: lines, line endings, indentation and splices. Every edit is a splice
// into the original text, so whatever no edit touches stays byte-identical (comments, blank lines, quotes,
// CRLF, a BOM). Ruff's Locator/Stylist idea: one place knows the file's own style, every emitter asks it.
import type { PyNode, PyTree } from './tree';

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export class PySource {
  readonly text: string;
  readonly eol: '\n' | '\r\n';
  private readonly starts: number[] = [0];
  /** Lines whose first character lies inside a multi-line string literal: their text is data, never indentation. */
  private readonly stringLines = new Set<number>();
  private quoteChar: '"' | "'" | null = null;

  constructor(readonly tree: PyTree) {
    this.text = tree.text;
    const t = this.text;
    for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 10) this.starts.push(i + 1);
    const firstNl = t.indexOf('\n');
    this.eol = firstNl > 0 && t[firstNl - 1] === '\r' ? '\r\n' : '\n';
  }

  /** Marks the lines inside multi-line strings (found natively, so a file without them costs one query). */
  private stringsScanned = false;
  private scanStrings(): void {
    if (this.stringsScanned) return;
    this.stringsScanned = true;
    for (const s of this.tree.root.findAll(['string'])) {
      const first = this.lineOf(s.start);
      const last = this.lineOf(s.end);
      for (let l = first + 1; l <= last; l++) if (this.starts[l] < s.end) this.stringLines.add(l);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineStart(line: number): number {
    return this.starts[line];
  }

  /** Offset just past the line's content (before its `\r\n` or `\n`). */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.starts[line] && this.text[end - 1] === '\n') end--;
    if (end > this.starts[line] && this.text[end - 1] === '\r') end--;
    return end;
  }

  /** Offset of the next line's start (past the line break), or the end of the text. */
  lineBreakEnd(line: number): number {
    return line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
  }

  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.lineEnd(line));
  }

  indentOf(line: number): string {
    return /^[ \t]*/.exec(this.lineText(line))![0];
  }

  /** Indentation of the line a node starts on (the node's own column may be after other code). */
  indentAt(node: PyNode): string {
    return this.indentOf(this.lineOf(node.start));
  }

  isBlank(line: number): boolean {
    return /^[ \t\f]*$/.test(this.lineText(line));
  }

  /** The line before ends with a backslash: this one continues it. */
  continuesBackslash(line: number): boolean {
    return line > 0 && /\\$/.test(this.lineText(line - 1));
  }

  isInsideString(line: number): boolean {
    this.scanStrings();
    return this.stringLines.has(line);
  }

  /** The quote the file uses most for plain strings (Ruff's Stylist default: double). */
  get quote(): '"' | "'" {
    if (this.quoteChar) return this.quoteChar;
    let single = 0;
    let double = 0;
    for (const s of this.tree.root.findAll(['string_start'])) {
      const q = s.text.replace(/^[rbuf]+/i, '');
      if (q === "'") single++;
      else if (q === '"') double++;
    }
    this.quoteChar = single > double ? "'" : '"';
    return this.quoteChar;
  }

  /**
   * The indent step of a block: what its statements add to their header's indentation. `null` when the
   * two do not nest as plain text (tabs under spaces or the reverse), where adding a step could not be
   * trusted to mean one level.
   */
  stepOf(header: PyNode, block: PyNode): string | null {
    const outer = this.indentAt(header);
    const firstStmt = block.named.find((c) => c.kind !== 'comment');
    if (!firstStmt) return null;
    const inner = this.indentAt(firstStmt);
    if (this.lineOf(firstStmt.start) === this.lineOf(header.start)) return null; // `if x: y` on one line
    if (!inner.startsWith(outer) || inner.length === outer.length) return null;
    const step = inner.slice(outer.length);
    return /^( +|\t+)$/.test(step) ? step : null;
  }

  /**
   * Edits that indent lines `from..to` (inclusive, 0-based) one more `step`. Blank lines stay as they are;
   * lines that start inside a string literal are never touched (their leading blanks are the string's
   * content), nor are backslash continuation lines (a string continued with a backslash would change).
   * Lines that continue a bracket move with their statement, keeping the code's own layout.
   */
  indentLines(from: number, to: number, step: string): TextEdit[] {
    const edits: TextEdit[] = [];
    for (let l = from; l <= to; l++) {
      if (this.isBlank(l) || this.isInsideString(l) || this.continuesBackslash(l)) continue;
      edits.push({ start: this.starts[l], end: this.starts[l], text: step });
    }
    return edits;
  }

  /** Edit that deletes whole lines `from..to` with their line breaks (a last line without one takes the break before it). */
  deleteLines(from: number, to: number): TextEdit {
    const end = this.lineBreakEnd(to);
    if (end === this.text.length && !this.text.endsWith('\n') && from > 0) return { start: this.lineEnd(from - 1), end, text: '' };
    return { start: this.starts[from], end, text: '' };
  }
}

/** Applies non-overlapping splices (insertions at one offset keep their given order). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const ordered = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const { e } of ordered) {
    if (e.start < pos) throw new Error(`overlapping Python edits at offset ${e.start}`);
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** True when two edit sets touch overlapping ranges (a second fix over the same lines must wait for the next run). */
export function editsOverlap(a: TextEdit[], b: TextEdit[]): boolean {
  for (const x of a)
    for (const y of b) {
      if (x.start < y.end && y.start < x.end) return true;
      if (x.start === x.end && y.start === y.end && x.start === y.start) continue;
      if (x.start === x.end && x.start > y.start && x.start < y.end) return true;
      if (y.start === y.end && y.start > x.start && y.start < x.end) return true;
    }
  return false;
}

/** For text made by `applyEdits(oldText, edits)`: the 0-based line of the old text a new line came from. */
export function lineMapBack(oldText: string, edits: TextEdit[], newText: string): (line: number) => number {
  const ordered = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const newStarts = [0];
  for (let i = 0; i < newText.length; i++) if (newText.charCodeAt(i) === 10) newStarts.push(i + 1);
  const oldLineOf = (offset: number) => {
    let line = 0;
    for (let i = 0; i < offset && i < oldText.length; i++) if (oldText.charCodeAt(i) === 10) line++;
    return line;
  };
  return (line: number) => {
    const p = newStarts[Math.min(line, newStarts.length - 1)];
    let delta = 0;
    for (const e of ordered) {
      const newStart = e.start + delta;
      if (p < newStart) break;
      if (p < newStart + e.text.length) return oldLineOf(e.start);
      delta += e.text.length - (e.end - e.start);
    }
    return oldLineOf(p - delta);
  };
}
