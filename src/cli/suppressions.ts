// Ignore comments: a team's way to say "we looked at this lifecycle, leave it". Applied to the findings after
// the transforms ran, so they work the same for every transform and language, in the CLI and the ESLint rule.
//
//   JavaScript / TypeScript                          Python
//   // leakproof-ignore-next-line [ids] [-- why]     # leakproof: ignore [ids] [-- why]   (on the line, or alone on the line before)
//   // leakproof-ignore-file [ids] [-- why]          # leakproof: ignore-file [ids] [-- why]   (before the first statement)
//
// `ids` (reason ids, comma or space separated; Python also `ignore[id, id]`) narrow it to those reasons.
// Only reported lifecycles are suppressed: a leak leakproof fixes is still fixed by --write (a fix is a fix),
// so a comment above one suppresses nothing and --report-unused-ignores says so.
import * as path from 'node:path';
import type { Finding } from '../core/model';
import { parserFor } from '../js/syntax/parse';
import type { parsePython as ParsePython } from '../python/parse/tree';

/** The Python parser (tree-sitter, a native module) loads with the first Python file. */
const parsePython: typeof ParsePython = (text) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('../python/parse/tree') as typeof import('../python/parse/tree')).parsePython(text);

export interface IgnoreDirective {
  kind: 'next-line' | 'file';
  /** 1-based position of the comment. */
  line: number;
  column: number;
  /** The line whose findings it covers; `null` for a file directive. */
  target: number | null;
  /** Reason ids it is narrowed to; empty: every reason. */
  ids: string[];
  why: string | null;
  /** The directive as written (`leakproof-ignore-next-line never-released`), for messages. */
  text: string;
}

export interface UnusedIgnore {
  line: number;
  column: number;
  text: string;
  /** Why it counts as unused, in plain words. */
  message: string;
}

const MARKER = /leakproof-ignore-|leakproof:\s*ignore/;
const JS_DIRECTIVE = /^\s*leakproof-ignore-(next-line|file)(?=\s|$)(.*)$/s;
const PY_DIRECTIVE = /^#\s*leakproof:\s*ignore(-file)?(?:\[([^\]]*)\])?(?=\s|$)(.*)$/s;

export function isPythonFile(file: string): boolean {
  return /\.pyi?$/i.test(path.extname(file));
}

function idsAndWhy(rest: string): { ids: string[]; why: string | null } {
  const cut = rest.indexOf('--');
  const head = cut === -1 ? rest : rest.slice(0, cut);
  const why = cut === -1 ? null : rest.slice(cut + 2).trim() || null;
  return { ids: head.split(/[\s,]+/).filter((s) => s.length > 0), why };
}

interface Comment {
  /** The comment text without its delimiters (line or block comment), or with its `#` for Python. */
  value: string;
  line: number;
  column: number;
  endLine: number;
  /** Code precedes it on its line (a trailing comment). */
  trailing: boolean;
  /** No statement comes before it in the file. */
  beforeCode: boolean;
}

/** The ignore directives of a text (`[]` fast when the text has none; `[]` too when it does not parse). */
export function findDirectives(text: string, file: string): IgnoreDirective[] {
  if (!MARKER.test(text)) return [];
  const python = isPythonFile(file);
  let comments: Comment[];
  try {
    comments = python ? pythonComments(text) : jsComments(text, file);
  } catch {
    return [];
  }
  const out: IgnoreDirective[] = [];
  for (const c of comments) {
    if (python) {
      const m = PY_DIRECTIVE.exec(c.value);
      if (!m) continue;
      const { ids, why } = idsAndWhy(`${m[2] ?? ''} ${m[3]}`);
      const kind = m[1] ? 'file' : 'next-line';
      if (kind === 'file' && !c.beforeCode) continue;
      const target = kind === 'file' ? null : c.trailing ? c.line : c.endLine + 1;
      out.push({ kind, line: c.line, column: c.column, target, ids, why, text: c.value.replace(/\s*--.*$/s, '').trim() });
    } else {
      const m = JS_DIRECTIVE.exec(c.value);
      if (!m) continue;
      const { ids, why } = idsAndWhy(m[2]);
      const kind = m[1] === 'file' ? 'file' : 'next-line';
      if (kind === 'file' && !c.beforeCode) continue;
      out.push({ kind, line: c.line, column: c.column, target: kind === 'file' ? null : c.endLine + 1, ids, why, text: `leakproof-ignore-${m[1]}${ids.length > 0 ? ` ${ids.join(' ')}` : ''}` });
    }
  }
  return out;
}

function jsComments(text: string, file: string): Comment[] {
  const body = text.replace(/^\uFEFF/, '');
  const ast = parserFor(file).parse(body) as {
    comments?: { value: string; start: number; loc: { start: { line: number; column: number }; end: { line: number } } }[];
    program: { body: { start: number }[]; directives?: { start: number }[] };
  };
  const firstCode = Math.min(ast.program.body[0]?.start ?? Infinity, ast.program.directives?.[0]?.start ?? Infinity);
  return (ast.comments ?? []).map((c) => {
    const lineStart = body.lastIndexOf('\n', c.start - 1) + 1;
    return {
      value: c.value,
      line: c.loc.start.line,
      column: c.loc.start.column + 1,
      endLine: c.loc.end.line,
      trailing: body.slice(lineStart, c.start).trim() !== '',
      beforeCode: c.start < firstCode,
    };
  });
}

function pythonComments(text: string): Comment[] {
  const body = text.replace(/^\uFEFF/, '');
  const root = parsePython(body).root;
  const firstCode = root.named.find((n) => n.kind !== 'comment')?.start ?? Infinity;
  return root.findAll(['comment']).map((c) => {
    const lineStart = body.lastIndexOf('\n', c.start - 1) + 1;
    return {
      value: c.text,
      line: c.line + 1,
      column: c.column + 1,
      endLine: c.line + 1,
      trailing: body.slice(lineStart, c.start).trim() !== '',
      beforeCode: c.start < firstCode,
    };
  });
}

export interface SuppressionResult {
  kept: Finding[];
  suppressed: Finding[];
  /** Directives that suppressed nothing, with why. */
  unused: UnusedIgnore[];
}

/**
 * What a comment or the baseline can account for: a reported lifecycle. A fix is not (a would-fix finding of
 * --report-only is a fix too): --write makes it, whatever the comments say.
 */
export function isSuppressible(f: Finding): boolean {
  return f.outcome === 'reported' && f.reasonId !== 'would-fix';
}

/** Splits a file's findings by its directives. Only reported lifecycles can be suppressed (isSuppressible). */
export function applyDirectives(findings: Finding[], directives: IgnoreDirective[]): SuppressionResult {
  const used = new Set<IgnoreDirective>();
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    const by = isSuppressible(f) ? directives.find((d) => covers(d, f)) : undefined;
    if (by) {
      used.add(by);
      suppressed.push(f);
    } else {
      kept.push(f);
    }
  }
  const unused = directives
    .filter((d) => !used.has(d))
    .map((d) => {
      const fixable = findings.some((f) => !isSuppressible(f) && covers(d, f));
      const where = d.kind === 'file' ? 'in this file' : `on line ${d.target}`;
      const message = fixable
        ? `suppresses nothing: leakproof fixes the lifecycle ${where} (--write applies the fix; only reported lifecycles can be suppressed)`
        : `suppresses nothing: no reported lifecycle ${d.ids.length > 0 ? `with reason ${d.ids.join(' or ')} ` : ''}${where}`;
      return { line: d.line, column: d.column, text: d.text, message };
    });
  return { kept, suppressed, unused };
}

function covers(d: IgnoreDirective, f: Finding): boolean {
  if (d.kind === 'next-line' && d.target !== f.line) return false;
  return d.ids.length === 0 || d.ids.includes(f.reasonId);
}
