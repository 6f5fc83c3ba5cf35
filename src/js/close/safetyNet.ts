// The safety net: every planned removal is tried on the checker's copy of the project first, and a new type
// error keeps the method.
import type * as Morph from 'ts-morph';
import * as path from 'node:path';
import type { entryPoints } from '../project/entries';
import type { RemoveDecision } from './plan';
import type { ClassInfo, CloseAnalysis, PlannedSite } from './analyze';
import { escapeRegExp } from '../../core/regex';

/**
 * Apply every removal to the checker's copy and compare diagnostics, file by file, with the texts as they
 * are: a removed method still required structurally (`register(store)` where `{ close(): … }` is
 * expected) shows up as a new error. A removal that causes one is dropped (alone, when several were tried).
 */
export function typeCheck(a: CloseAnalysis, 
  removals: { decision: RemoveDecision; sites: PlannedSite[]; classEdits: { start: number; end: number }[] }[],
): { decision: RemoveDecision; where: string; message: string }[] {
  if (removals.length === 0) return [];
  const editsOf = (rs: typeof removals) => {
    const byFile = new Map<string, { start: number; end: number; text: string }[]>();
    const push = (file: string, e: { start: number; end: number; text: string }) => byFile.set(file, [...(byFile.get(file) ?? []), e]);
    for (const r of rs) {
      for (const e of r.classEdits) push(r.decision.file, { ...e, text: '' });
      for (const s of r.sites) push(s.file, { ...s.range, text: '{}' });
    }
    return byFile;
  };
  const affected = (rs: typeof removals): string[] => {
    const files = new Set<string>(editsOf(rs).keys());
    const mention = new RegExp(`\\b(?:${rs.map((r) => escapeRegExp(r.decision.className)).join('|')})\\b`);
    for (const f of a.added) if (mention.test(a.texts.get(f) ?? '')) files.add(f);
    return [...files];
  };
  const diagnostics = (files: string[]): Map<string, { where: string; message: string }> => {
    const out = new Map<string, { where: string; message: string }>();
    for (const f of files) {
      const sf = a.project.getSourceFile(f);
      if (!sf) continue;
      for (const d of sf.getPreEmitDiagnostics()) {
        const text = d.compilerObject.messageText;
        const message = (typeof text === 'string' ? text : text.messageText).replace(/\.$/, '');
        const key = `${f}\0${d.getCode()}\0${message}`;
        let n = 0;
        while (out.has(`${key}\0${n}`)) n++;
        const line = d.getLineNumber();
        out.set(`${key}\0${n}`, { where: `${a.rel(f)}${line ? `:${line}` : ''}`, message });
      }
    }
    return out;
  };
  const attempt = (rs: typeof removals): { where: string; message: string } | null => {
    const files = affected(rs);
    const before = diagnostics(files);
    const edits = editsOf(rs);
    const originals = new Map<string, string>();
    for (const [file, list] of edits) {
      const sf = a.project.getSourceFile(file);
      if (!sf) continue;
      const original = sf.getFullText();
      originals.set(file, original);
      let text = original;
      let last = Infinity;
      for (const e of [...list].sort((a, b) => b.start - a.start)) {
        if (e.end > last) continue; // inside an edit already made (a reset inside the removed method)
        text = text.slice(0, e.start) + e.text + text.slice(e.end);
        last = e.start;
      }
      sf.replaceWithText(text);
    }
    const after = diagnostics(files);
    for (const [file, original] of originals) a.project.getSourceFile(file)?.replaceWithText(original);
    for (const [key, d] of after) if (!before.has(key)) return d;
    return null;
  };
  if (!attempt(removals)) return [];
  const failed: { decision: RemoveDecision; where: string; message: string }[] = [];
  for (const r of removals) {
    const problem = attempt([r]);
    if (problem) failed.push({ decision: r.decision, ...problem });
  }
  return failed;
}

/** Classes code outside the project can reach: exported by an entry point, or the type of something it exports. */
export function publicClasses(a: CloseAnalysis, entries: ReturnType<typeof entryPoints>, infos: ClassInfo[]): Map<unknown, string> {
  const { Node } = a.m;
  const out = new Map<unknown, string>();
  const byNode = new Set<unknown>(infos.map((i) => i.decl.compilerNode));
  const mark = (node: unknown, entry: string) => {
    if (byNode.has(node) && !out.has(node)) out.set(node, entry);
  };
  const checker = a.project.getTypeChecker().compilerObject;
  const typeDecl = (t: Morph.Type): unknown => {
    const awaited = checker.getAwaitedType(t.compilerType) ?? t.compilerType;
    return (awaited.getSymbol() ?? awaited.aliasSymbol)?.declarations?.[0];
  };
  for (const file of entries.files) {
    const sf = a.project.getSourceFile(file);
    if (!sf) continue;
    const entry = a.rel(file);
    for (const decls of sf.getExportedDeclarations().values()) {
      for (const d of decls) {
        if (Node.isClassDeclaration(d)) mark(d.compilerNode, entry);
        else if (Node.isFunctionDeclaration(d)) mark(typeDecl(d.getReturnType()), entry);
        else if (Node.isVariableDeclaration(d)) {
          mark(typeDecl(d.getType()), entry);
          for (const sig of d.getType().getCallSignatures()) mark(typeDecl(sig.getReturnType()), entry);
        }
      }
    }
  }
  if (entries.everything) {
    for (const info of infos) if (info.decl.isExported() || info.decl.isDefaultExport()) mark(info.decl.compilerNode, `${path.basename(entries.packageJson ?? 'package.json')} exports`);
  }
  return out;
}

