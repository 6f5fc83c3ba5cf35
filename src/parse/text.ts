import { diffLines } from 'diff';

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
export function detectIndent(body: string): { tabWidth: number; useTabs: boolean } {
  let tabs = 0;
  let spaces = 0;
  const widths = new Map<number, number>();
  for (const line of body.split('\n')) {
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

/**
 * Recast sets a statement it prints anew apart with blank lines when it spans several lines. The rewrites
 * never mean to add a blank line, so blank lines the printed text has and the original had not are dropped.
 */
export function dropAddedBlankLines(original: string, printed: string): string {
  if (original === printed) return printed;
  let out = '';
  for (const part of diffLines(original, printed)) {
    if (part.removed) continue;
    if (!part.added) {
      out += part.value;
      continue;
    }
    out += part.value
      .split(/(?<=\n)/)
      .filter((line) => line.trim() !== '')
      .join('');
  }
  return out;
}
