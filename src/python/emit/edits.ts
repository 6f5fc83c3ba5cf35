// Edits shared by the Python emitters: removing a statement with its line, adding an import, inserting
// new lines at a given indentation. All of them read the file's own line ending.
import type { PyNode } from '../parse/tree';
import type { PySource, TextEdit } from '../parse/text';
import type { Imports } from '../analysis/imports';
import { statements } from '../parse/syntax';
import { STDLIB_MODULES } from '../../catalog/python/stdlib';

export interface LineRemoval {
  edits: TextEdit[];
  /** Lines that vanish entirely (never indent them). */
  deleted: number[];
}

/**
 * Removes a statement that has its line(s) to itself. A trailing comment stays where it was, alone on its
 * line (it may say why the call was there).
 */
export function removeStatement(src: PySource, stmt: PyNode): LineRemoval {
  const first = src.lineOf(stmt.start);
  const last = src.lineOf(stmt.end);
  const tail = src.text.slice(stmt.end, src.lineEnd(last));
  // A comment after it stays, on a line of its own, unless it is a directive about that very line
  // (`# type: ignore`, `# noqa`), which would be left saying nothing.
  const comment = /^[ \t]*#/.test(tail) && !/^[ \t]*#\s*(type:|noqa\b|pragma\b|pylint:|pyright:|mypy:|fmt:)/.test(tail);
  if (comment) {
    const hash = stmt.end + tail.indexOf('#');
    const edits: TextEdit[] = [{ start: stmt.start, end: hash, text: '' }];
    const deleted: number[] = [];
    if (last > first) {
      edits[0] = { start: src.lineStart(first), end: src.lineStart(last), text: '' };
      edits.push({ start: src.lineStart(last), end: hash, text: src.indentOf(first) });
      for (let l = first; l < last; l++) deleted.push(l);
    }
    return { edits, deleted };
  }
  // Set apart by blank lines on both sides (`session.commit()` between paragraphs): one of them goes with it,
  // so no run of blank lines is left where it stood.
  const from = first > 0 && last + 1 < src.lineCount && src.isBlank(first - 1) && src.isBlank(last + 1) && !src.isInsideString(first - 1) ? first - 1 : first;
  const deleted: number[] = [];
  for (let l = from; l <= last; l++) deleted.push(l);
  return { edits: [src.deleteLines(from, last)], deleted };
}

/** Text of new lines, each given without indentation, at `indent`, joined with the file's line ending. */
export function linesAt(src: PySource, indent: string, lines: string[]): string {
  return lines.map((l) => (l === '' ? src.eol : indent + l + src.eol)).join('');
}

export interface ImportChoice {
  /** How the code refers to the imported name (`closing`, `contextlib.closing`). */
  ref: string;
  edits: TextEdit[];
}

/**
 * A reference to `module.name` usable anywhere in the file, adding `from module import name` after the
 * module's imports when needed. Null when both spellings are taken by something else.
 */
export function ensureImport(src: PySource, imports: Imports, module: string, name: string): ImportChoice | null {
  const qualified = `${module}.${name}`;
  const local = imports.localNameOf(qualified);
  if (local && imports.bindings.get(local)?.member) return { ref: local, edits: [] };
  const modLocal = imports.localNameOf(module);
  if (modLocal && !imports.bindings.get(modLocal)?.member) return { ref: `${modLocal}.${name}`, edits: [] };
  const used = (n: string) => src.tree.root.hasIdentifier(n);
  const add = (line: string, plain: boolean): TextEdit => {
    const at = STDLIB_MODULES.has(module) ? stdlibInsertion(src, imports, module, plain) : null;
    const offset = at ?? importInsertionOffset(src, imports);
    return { start: offset, end: offset, text: `${line}${src.eol}` };
  };
  if (!used(name)) return { ref: name, edits: [add(`from ${module} import ${name}`, false)] };
  if (!used(module)) return { ref: qualified, edits: [add(`import ${module}`, true)] };
  return null;
}

/** The modules an import statement names (`a.b` of `from a.b import c`; `os`, `sys` of `import os, sys`); none for a relative one. */
function importedModules(stmt: PyNode): string[] {
  if (stmt.kind === 'import_from_statement') {
    const m = stmt.field('module_name');
    return m && m.kind !== 'relative_import' ? [m.text] : [];
  }
  return stmt.named.flatMap((n) => (n.kind === 'dotted_name' ? [n.text] : n.kind === 'aliased_import' && n.field('name') ? [n.field('name')!.text] : []));
}

/**
 * A standard-library import goes into the file's block of standard-library imports (the first run of
 * adjacent lines that import nothing else), at its place in isort's order: plain imports before `from`
 * imports, each by module name (or by module name alone, where the block already mixes the two). Null
 * when there is no such block.
 */
function stdlibInsertion(src: PySource, imports: Imports, module: string, plain: boolean): number | null {
  const runs: PyNode[][] = [];
  for (const s of leadingImports(src, imports).leading) {
    const run = runs[runs.length - 1];
    if (run && src.lineOf(s.start) === src.lineOf(run[run.length - 1].end) + 1) run.push(s);
    else runs.push([s]);
  }
  const std = (s: PyNode) => s.kind !== 'future_import_statement' && importedModules(s).length > 0 && importedModules(s).every((m) => STDLIB_MODULES.has(m.split('.')[0]));
  const block = runs.find((r) => r.every(std));
  if (!block) return null;
  const mixed = block.some((s, i) => i > 0 && s.kind === 'import_statement' && block[i - 1].kind === 'import_from_statement');
  const key = (isPlain: boolean, m: string) => `${mixed || isPlain ? 0 : 1}${m.toLowerCase()}`;
  const mine = key(plain, module);
  const next = block.find((s) => key(s.kind === 'import_statement', importedModules(s)[0]) > mine);
  return next ? src.lineStart(src.lineOf(next.start)) : src.lineBreakEnd(src.lineOf(block[block.length - 1].end));
}

/** The module's statements, its imports before the first one that is not an import or the docstring, and that one. */
function leadingImports(src: PySource, imports: Imports): { top: PyNode[]; leading: PyNode[]; firstDef: PyNode | undefined } {
  const top = statements(src.tree.root);
  const firstDef = top.find((s) => !['import_statement', 'import_from_statement', 'future_import_statement', 'expression_statement'].includes(s.kind) || (s.kind === 'expression_statement' && s.named[0]?.kind !== 'string'));
  return { top, leading: imports.moduleLevel.filter((i) => !firstDef || i.start < firstDef.start), firstDef };
}

/** Start of the line after the last top-level import before any definition (else after the docstring). */
function importInsertionOffset(src: PySource, imports: Imports): number {
  const { top, leading, firstDef } = leadingImports(src, imports);
  const anchor = leading.length ? leading[leading.length - 1] : imports.moduleLevel[0] && !firstDef ? imports.moduleLevel[imports.moduleLevel.length - 1] : null;
  if (anchor) return src.lineBreakEnd(src.lineOf(anchor.end));
  // No imports: after a module docstring, else at the top (after a shebang or encoding line).
  const doc = top[0]?.kind === 'expression_statement' && top[0].named[0]?.kind === 'string' ? top[0] : null;
  if (doc) return src.lineBreakEnd(src.lineOf(doc.end));
  let line = 0;
  while (line < src.lineCount && /^#(!|.*coding[:=])/.test(src.lineText(line))) line++;
  return src.lineStart(line);
}

/** An insertion of whole new lines right after `line` (adding the missing line break of a last line). */
export function insertAfterLine(src: PySource, line: number, text: string): TextEdit {
  const at = src.lineBreakEnd(line);
  // After a last line without a line break, the new lines go after one and the file still ends without.
  if (at === src.text.length && !/\n$/.test(src.text) && text.endsWith(src.eol)) return { start: at, end: at, text: src.eol + text.slice(0, -src.eol.length) };
  return { start: at, end: at, text };
}
