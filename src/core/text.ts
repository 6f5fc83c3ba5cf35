import { diffLib } from './diffLib';

// Byte-faithful text handling: a BOM is taken off before parsing and put back after printing, and
// the file's own line terminator is used for every line recast prints anew.

const BOM = '\uFEFF';

export interface TextShape {
  bom: boolean;
  eol: '\n' | '\r\n';
  body: string;
}

export function splitText(source: string): TextShape {
  const bom = source.startsWith(BOM);
  const body = bom ? source.slice(1) : source;
  const crlf = (body.match(/\r\n/g) ?? []).length;
  const lf = (body.match(/(?<!\r)\n/g) ?? []).length;
  return { bom, eol: crlf > lf ? '\r\n' : '\n', body };
}

export function joinText(shape: TextShape, body: string): string {
  return (shape.bom ? BOM : '') + body;
}

/**
 * The file's own indentation, for the lines recast prints anew. Recast guesses from every line, comments
 * included, so a JSDoc block (` * text`) makes it think the file indents by one space.
 */
export function detectIndent(body: string, textLines: ReadonlySet<number> = new Set()): { tabWidth: number; useTabs: boolean } {
  let tabs = 0;
  let spaces = 0;
  const widths = new Map<number, number>();
  for (const [i, line] of body.split('\n').entries()) {
    // (A template literal's lines are text: `   CREATE TABLE …` in a 4-space file says nothing of its code.)
    if (textLines.has(i + 1)) continue;
    const m = /^([ \t]+)(\S)/.exec(line);
    if (!m || m[2] === '*' || line.trimStart().startsWith('//')) continue;
    if (m[1].startsWith('\t')) tabs++;
    else {
      spaces++;
      widths.set(m[1].length, (widths.get(m[1].length) ?? 0) + 1);
    }
  }
  if (tabs > spaces) return { tabWidth: 4, useTabs: true };
  // The smallest indentation that code lines use repeatedly is one level.
  const levels = [...widths].filter(([w, n]) => n >= 2 && w >= 2 && w <= 8).map(([w]) => w);
  return { tabWidth: levels.length ? Math.min(...levels) : 2, useTabs: false };
}

/**
 * Recast mixes spaces into the indentation of lines it re-indents even with `useTabs` (a known quirk of its
 * reprinter). In a tab-indented file, lines that are not verbatim original lines get their leading
 * whitespace re-expressed as tabs; original lines (template literal text among them) are left as they are.
 */
export function retabNewLines(printed: string, original: string, eol: string, tabWidth: number): string {
  const kept = new Set(original.split(/\r?\n/));
  return printed
    .split(eol)
    .map((line) => {
      if (kept.has(line)) return line;
      const lead = /^[ \t]+/.exec(line)?.[0];
      if (!lead || !lead.includes(' ')) return line;
      let columns = 0;
      for (const ch of lead) columns = ch === '\t' ? columns + tabWidth - (columns % tabWidth) : columns + 1;
      return '\t'.repeat(Math.floor(columns / tabWidth)) + ' '.repeat(columns % tabWidth) + line.slice(lead.length);
    })
    .join(eol);
}

/** Does the file end its statements without semicolons (standard style)? Judged by its own lines. */
export function omitsSemicolons(body: string): boolean {
  let withSemi = 0;
  let without = 0;
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('//') || line.startsWith('*') || line.startsWith('/*')) continue;
    if (line.endsWith(';')) withSemi++;
    else if (/[\w)\]'"`]$/.test(line)) without++;
  }
  return withSemi * 10 < without;
}

/**
 * Recast reprints a statement list it edited in its own layout: the list's statements lose trailing spaces
 * and odd indentation, blank lines move or vanish, new statements get semicolons. The fix needs none of
 * that. Lines that differ from an original line only in the whitespace at their ends, at the same
 * indentation, become the original line again; blank lines recast dropped between two lines that stay
 * neighbours come back; blank lines it added go (unless `keepAddedBlankLines`: a new top-level hook or class
 * member set apart on purpose); and in a file written without semicolons, the new lines lose the ones recast
 * put at their ends (where the next line cannot continue the statement).
 */
export function keepOriginalLayout(original: string, printed: string, eol: string, keepAddedBlankLines = false): string {
  if (original === printed) return printed;
  const before = original.split(/\r?\n/);
  const after = printed.split(/\r?\n/);
  const lead = (s: string) => /^[ \t]*/.exec(s)![0];
  // `was`: the original line a printed line stands for (same text up to the whitespace at its ends).
  const out: { text: string; fresh: boolean; was?: string }[] = [];
  let i = 0;
  let k = 0;
  let dropped: string[] = [];
  for (const part of diffLib().diffArrays(before, after, { comparator: (a, b) => a.trim() === b.trim() })) {
    const n = part.count ?? part.value.length;
    if (part.removed) {
      // Blank lines recast dropped: kept aside until we see whether their neighbours stay together.
      const gone = before.slice(i, i + n);
      dropped = gone.every((l) => l.trim() === '') ? gone : [];
      i += n;
      continue;
    }
    if (part.added) {
      for (const line of after.slice(k, k + n)) if (keepAddedBlankLines || line.trim() !== '') out.push({ text: line, fresh: true });
      k += n;
      dropped = [];
      continue;
    }
    if (dropped.length && out.length && !out[out.length - 1].fresh) for (const blank of dropped) out.push({ text: blank, fresh: false });
    dropped = [];
    for (let m = 0; m < n; m++) out.push({ text: after[k + m], fresh: false, was: before[i + m] });
    i += n;
    k += n;
  }
  // A line at the indentation it had is the original line again (its trailing spaces included). A line the
  // printer indented otherwise moved in or out of a block: it keeps the printer's indentation.
  for (const l of out) if (l.was !== undefined && lead(l.was) === lead(l.text)) l.text = l.was;
  if (omitsSemicolons(original)) {
    for (let m = 0; m < out.length; m++) {
      if (!out[m].fresh || !out[m].text.trimEnd().endsWith(';') || out[m].text.trim() === ';') continue;
      const next = out.slice(m + 1).find((l) => l.text.trim() !== '')?.text.trim() ?? '';
      // ASI would join the next line to this statement: the semicolon stays.
      if (/^[([`+\-/]/.test(next)) continue;
      out[m].text = out[m].text.replace(/;(\s*)$/, '$1');
    }
  }
  return out.map((l) => l.text).join(eol);
}
