// remove-redundant-close, per file: take the project-wide plan (from the runner, or made lazily for the
// file's tsconfig), apply what concerns this file with recast, report the rest. Class decisions name their
// class and method, so they apply to the text as it is now; call sites are positions in the planned text,
// found again with the checker when an earlier transform changed the file.
import * as path from 'node:path';
import type { Finding, TransformOptions, TransformOutput } from '../../core/model';
import { catalogFor, withConfigDefaults } from '../../config/toCatalog';
import { jFor } from '../syntax/parse';
import { analysisTree } from '../syntax/analysisTree';
import { joinText, keepOriginalLayout, splitText } from '../../core/text';
import { Provenance } from '../provenance/values';
import { indexFactsOf } from '../provenance/pass';
import { indexView } from '../provenance/serial';
import { projectFileCache } from '../syntax/projectFiles';
import { collectPaths, lineColumn, pathOf, walk, type Node, type Path } from '../analysis/ast';
import { findTsconfig } from '../checker/typeFacts';
import { analysisFor, hashText, lazyPlanFor } from './analyze';
import { classCatalog, classUses } from './classes';
import { rewriteCallers } from './callers';
import { findDoubleReleases } from './doubleRelease';
import { callAt, disposeKey, findClass, isFieldReset, isInstanceMethod, memberName, namesUsedIn, pruneImports, removeCall, removeStatement } from './edit';
import { CLOSE_METHOD_SET, CLOSE_PREFILTER, declaresCloseClass, mayReleaseTwice, POOL_DISPOSERS } from './names';
import { doubleReleaseConsequence } from '../analysis/reasons';
import { LIBRARIES, type Catalog } from '../../catalog/js';
import { localOnlyPlan, type ClassDecision, type FileClosePlan, type RemoveDecision } from './plan';
import { closePlanOf } from './prepass';
import { closeProblemText, closeReasonText, type CloseProblemId } from './reasons';

/** The plan the runner made, else the plan of the file's own project (made once per tsconfig and process). */
function planFor(absolute: string, options: TransformOptions): FileClosePlan {
  const given = closePlanOf(options);
  if (given) return given;
  const tsconfig = findTsconfig(path.dirname(absolute));
  if (!tsconfig) return localOnlyPlan();
  try {
    const plan = lazyPlanFor(tsconfig);
    const own = plan.files.get(absolute);
    return { project: tsconfig, hash: own?.hash ?? null, calls: own?.calls ?? [], decisions: plan.decisions, resourceClasses: plan.resourceClasses };
  } catch (e) {
    return localOnlyPlan(`the project of ${path.basename(tsconfig)} could not be analysed (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Every release a library's disposer does (the calls that may be left after its `using`). */
const LIBRARY_RELEASES = new Set([
  ...LIBRARIES.flatMap((lib) => lib.resources.flatMap((r) => [...r.release.map((x) => x.method), ...(r.native?.sameAs ?? [])])),
  ...POOL_DISPOSERS.flatMap((p) => p.sameAs),
]);

function mentionsCall(body: string, method: string): boolean {
  return new RegExp(`\\.\\s*${method.replace(/\$/g, '\\$')}\\b`).test(body);
}

export function runRemoveRedundantClose(source: string, file: string, options: TransformOptions, transform: string): TransformOutput {
  const text = splitText(source);
  const filter = options.prefilter !== false;
  if (filter && !CLOSE_PREFILTER.test(text.body)) return { source: null, findings: [] };
  const absolute = path.resolve(file);
  const plan = planFor(absolute, options);
  const own = plan.decisions.filter((d) => d.file === absolute);
  const removed = plan.decisions.filter((d): d is RemoveDecision => d.action === 'remove');
  const unchanged = plan.hash !== null && plan.hash === hashText(text.body);
  const findAgain = !unchanged && !!plan.project && removed.some((d) => mentionsCall(text.body, d.method));
  const namesClass = plan.resourceClasses.some((c) => c.file === absolute || new RegExp(`\\b${c.className.replace(/\$/g, '\\$')}\\b`).test(text.body));
  const unanalysed = !plan.project && !!plan.why && declaresCloseClass(text.body);
  const doubleRelease = mayReleaseTwice(text.body, [...LIBRARY_RELEASES, ...plan.resourceClasses.flatMap((c) => c.releases)]);
  if (filter && own.length === 0 && !(unchanged && plan.calls.length > 0) && !findAgain && !namesClass && !doubleRelease && !unanalysed) {
    return { source: null, findings: [] };
  }
  const { catalog, config } = catalogFor(absolute);
  if (config) options = withConfigDefaults(options, config);
  // Nothing of this file's own classes or planned calls to edit: its releases and callers are read on the
  // tree made for reading (shared with the transforms before, same locations); only a file with something
  // to rewrite is parsed with recast.
  if (filter && own.length === 0 && !unanalysed && !(unchanged && plan.calls.length > 0) && !findAgain) {
    const read = readOnly(analysisTree(file, text.body), absolute, plan, catalog, options, transform, doubleRelease);
    if (read) return read;
  }

  const j = jFor(file);
  const root = j(text.body);
  const rootPath = root.paths()[0] as Path;
  const program = rootPath.node.program;
  const findings: Finding[] = [];
  let changed = false;
  const push = (node: Node, library: string, resource: string, outcome: Finding['outcome'], reasonId: string, reason: string, style: Finding['style'] = null) => {
    findings.push({ transform, ...lineColumn(node), library, resource, outcome, style, reasonId, reason });
  };
  /** A fix, with what was wrong before it. */
  const pushFix = (node: Node, library: string, resource: string, reasonId: CloseProblemId, values: Record<string, string>) => {
    const fix: Finding = { transform, ...lineColumn(node), library, resource, outcome: options.modernize && reasonId === 'fixed-disposable' ? 'modernized' : 'fixed', style: null, reasonId, reason: closeReasonText(reasonId, values) };
    fix.problem = closeProblemText(reasonId, values);
    findings.push(fix);
  };
  const wouldFix = (node: Node, library: string, resource: string, what: string) => push(node, library, resource, 'reported', 'would-fix', closeReasonText('would-fix', { what }));

  // 1. The classes of this file: remove a dead close-like method, add a disposer, or say why not.
  for (const d of own) {
    const cls = findClass(program, d.className);
    const method = cls?.body.body.find((m: Node) => isInstanceMethod(m, d.method));
    if (!cls || !method) continue;
    const resource = `${d.className}.${d.method}`;
    if (d.action === 'keep') {
      // Why no disposer can be added matters only where one would be (--modernize), as for the disposer itself.
      if (d.reasonId === 'disposable-unsupported' && !options.modernize) continue;
      push(method, d.library, resource, 'reported', d.reasonId, closeReasonText(d.reasonId, d.values));
    } else if (d.action === 'remove') {
      const values = { owner: d.className, method: d.method, fields: d.fields.length ? d.fields.map((f) => `this.${f}`).join(', ') : 'none', calls: d.calls };
      if (options.reportOnly) {
        wouldFix(method, d.library, resource, `${closeReasonText('fixed-close-removed', values)} (not removed: report only)`);
        continue;
      }
      removeDeadClose(rootPath, cls, d);
      changed = true;
      pushFix(method, d.library, resource, 'fixed-close-removed', values);
    } else {
      // A disposer alone fixes no leak (the callers' lifecycles are fixed either way): a migration, on request.
      if (!options.modernize) continue;
      if (cls.body.body.some((m: Node) => disposeKey(m))) continue;
      const symbol = d.dispose === 'async' ? 'Symbol.asyncDispose' : 'Symbol.dispose';
      const values = { owner: d.className, noun: d.noun, field: d.field, symbol, method: d.method, using: d.dispose === 'async' ? 'await using' : 'using' };
      if (options.reportOnly) {
        wouldFix(method, d.library, resource, closeReasonText('fixed-disposable', values).replace('now calls', 'would call'));
        continue;
      }
      addDisposer(j, cls, method, d, file, text.body);
      changed = true;
      pushFix(method, d.library, d.className, 'fixed-disposable', values);
    }
  }
  if (unanalysed) {
    for (const { cls, method } of closeMethodsReleasingFields(program)) {
      const values = { owner: cls.id.name, method: memberName(method)!, why: plan.why };
      push(method, cls.id.name, `${cls.id.name}.${values.method}`, 'reported', 'project-unavailable', closeReasonText('project-unavailable', values));
    }
  }

  // 2. Calls of the methods removed (here or in other files).
  const sites = unchanged ? plan.calls : findAgain ? analysisFor(plan.project!).callSitesIn(absolute, text.body, removed) : [];
  for (const site of [...sites].sort((a, b) => b.line - a.line || b.column - a.column)) {
    const resource = `${site.className}.${site.method}`;
    const decision = removed.find((d) => d.className === site.className && d.method === site.method);
    const library = decision?.library ?? site.className;
    const callPath = callAt(rootPath, site.line, site.column);
    const call = callPath?.node;
    const callValues = { owner: site.className, method: site.method };
    const reason = closeReasonText('fixed-call-removed', callValues);
    if (call && options.reportOnly) {
      wouldFix(call, library, resource, `${reason} (not removed: report only)`);
      continue;
    }
    const at = { loc: call?.loc ?? { start: { line: site.line, column: site.column } } };
    if (callPath && removeCall(callPath, site.method, site.form)) {
      changed = true;
      pushFix(at, library, resource, 'fixed-call-removed', callValues);
    } else {
      // Never expected: the plan saw this call. Said, so that a call of a removed method cannot go unnoticed.
      const where = `line ${site.line}, where the call is no longer a statement of its own`;
      push(at, library, resource, 'reported', 'referenced-not-called', closeReasonText('referenced-not-called', { owner: site.className, method: site.method, where }));
    }
  }

  // 3. Releases left after a `using` declaration of the same resource. Without --modernize no class gets
  // a disposer this run, so its callers get an adapter or try/finally.
  const added = new Set(plan.decisions.filter((d) => d.action === 'dispose').map((d) => `${d.file}#${d.className}`));
  const resourceClasses = options.modernize ? plan.resourceClasses : plan.resourceClasses.map((c) => (added.has(`${c.file}#${c.className}`) ? { ...c, dispose: null } : c));
  const cc = classCatalog(resourceClasses);
  const { facts, uses } = classUses(rootPath, absolute, resourceClasses, cc);
  const doubles = doubleRelease || !filter ? findDoubleReleases(rootPath, catalog, new Provenance(catalog, absolute, { shared: { files: projectFileCache(), exports: new Map() }, index: indexView(indexFactsOf(options), catalog) }), uses) : [];
  for (const dr of doubles) {
    const values = { method: dr.method, name: dr.name, using: dr.using, consequence: doubleReleaseConsequence(dr.library, dr.kind), why: dr.kept ?? '' };
    const library = dr.library || 'unknown';
    if (dr.kept) {
      push(dr.call, library, dr.name, 'reported', 'double-release-kept', closeReasonText('double-release-kept', values));
      continue;
    }
    if (options.reportOnly) {
      wouldFix(dr.call, library, dr.name, `${closeReasonText('fixed-double-release', values)} (not removed: report only)`);
      continue;
    }
    const statement = pathOf(rootPath, dr.statement.node);
    if (!statement) continue;
    removeStatement(statement);
    changed = true;
    pushFix(dr.call, library, dr.name, 'fixed-double-release', values);
  }

  // 4. Callers' lifecycles of project classes: `const db = new Database(); … await db.close()`.
  const parseStatement = (code: string): Node => (j(code).paths()[0] as Path).node.program.body[0];
  const callers = rewriteCallers(rootPath, cc, facts, { transform, file: absolute, options, parseStatement });
  findings.push(...callers.findings);
  changed ||= callers.changed;

  findings.sort((a, b) => a.line - b.line || a.column - b.column);
  if (!changed) return { source: null, findings };
  const printed = keepOriginalLayout(text.body, spaceDisposers(root.toSource({ lineTerminator: text.eol, arrowParensAlways: true }), text.eol), text.eol, true);
  const output = joinText(text, printed);
  return { source: output === source ? null : output, findings };
}

/**
 * Cases 3 and 4 on a tree that is never edited: the findings when neither removes or rewrites anything
 * (what the recast pass below would report for such a file), else null.
 */
function readOnly(rootPath: Path, absolute: string, plan: FileClosePlan, catalog: Catalog, options: TransformOptions, transform: string, doubleRelease: boolean): TransformOutput | null {
  const findings: Finding[] = [];
  const push = (node: Node, library: string, resource: string, reasonId: string, reason: string) => {
    findings.push({ transform, ...lineColumn(node), library, resource, outcome: 'reported', style: null, reasonId, reason });
  };
  const added = new Set(plan.decisions.filter((d) => d.action === 'dispose').map((d) => `${d.file}#${d.className}`));
  const resourceClasses = options.modernize ? plan.resourceClasses : plan.resourceClasses.map((c) => (added.has(`${c.file}#${c.className}`) ? { ...c, dispose: null } : c));
  const cc = classCatalog(resourceClasses);
  const { facts, uses } = classUses(rootPath, absolute, resourceClasses, cc);
  const doubles = doubleRelease ? findDoubleReleases(rootPath, catalog, new Provenance(catalog, absolute, { shared: { files: projectFileCache(), exports: new Map() }, index: indexView(indexFactsOf(options), catalog) }), uses) : [];
  for (const dr of doubles) {
    const values = { method: dr.method, name: dr.name, using: dr.using, consequence: doubleReleaseConsequence(dr.library, dr.kind), why: dr.kept ?? '' };
    const library = dr.library || 'unknown';
    if (dr.kept) push(dr.call, library, dr.name, 'double-release-kept', closeReasonText('double-release-kept', values));
    else if (options.reportOnly) push(dr.call, library, dr.name, 'would-fix', closeReasonText('would-fix', { what: `${closeReasonText('fixed-double-release', values)} (not removed: report only)` }));
    else return null;
  }
  const parseStatement = (): Node => {
    throw new Error('read-only pass emits nothing');
  };
  const callers = rewriteCallers(rootPath, cc, facts, { transform, file: absolute, options, parseStatement, dryRun: true });
  if (callers.changed) return null;
  findings.push(...callers.findings);
  findings.sort((a, b) => a.line - b.line || a.column - b.column);
  return { source: null, findings };
}

/** Case 1 in the class file: the method, its dead fields and their resets go, and imports only they used. */
function removeDeadClose(rootPath: Path, cls: Node, d: RemoveDecision): void {
  const fields = new Set(d.fields);
  const members: Node[] = cls.body.body;
  const gone = members.filter(
    (m) => isInstanceMethod(m, d.method) || ((m.type === 'ClassProperty' || m.type === 'ClassPrivateProperty') && !m.static && fields.has(memberName(m) ?? '')),
  );
  const removedNodes: Node[] = [...gone];
  cls.body.body = members.filter((m) => !gone.includes(m));
  const clsPath = pathOf(rootPath, cls);
  if (clsPath && fields.size > 0) {
    for (const reset of collectPaths(clsPath, (n: Node) => isFieldReset(n, fields)).reverse()) {
      removedNodes.push(reset.node);
      removeStatement(reset);
    }
  }
  pruneImports(rootPath.node.program, namesUsedIn(removedNodes));
}

/** Case 2 in the class file: `async [Symbol.asyncDispose]() { await this.close(); }` right after the method. */
function addDisposer(j: ReturnType<typeof jFor>, cls: Node, method: Node, d: Extract<ClassDecision, { action: 'dispose' }>, file: string, body: string): void {
  const ts = /\.[cm]?tsx?$/.test(file);
  const indent = indentUnit(body, method);
  const code =
    d.dispose === 'async'
      ? `class X {\n${indent}async [Symbol.asyncDispose]()${ts ? ': Promise<void>' : ''} {\n${indent}${indent}await this.${d.method}();\n${indent}}\n}`
      : `class X {\n${indent}[Symbol.dispose]()${ts ? ': void' : ''} {\n${indent}${indent}this.${d.method}();\n${indent}}\n}`;
  const member = (j(code).paths()[0] as Path).node.program.body[0].body.body[0];
  const members: Node[] = cls.body.body;
  members.splice(members.indexOf(method) + 1, 0, member);
  // recast separates a new last member by a line break only; the marker lets the printed text get the
  // blank line the class puts between its members.
  if (blankLineBefore(body, method)) member.comments = [{ type: 'CommentBlock', value: DISPOSER_MARK, leading: true, trailing: false }];
}

const DISPOSER_MARK = '@leakproof-disposer';

/**
 * Is the line above the member (and above its leading comments) empty? Lines and columns, not offsets:
 * recast hands the parser the text with `\n` line ends, so offsets are not those of a CRLF file.
 */
function blankLineBefore(body: string, member: Node): boolean {
  const first = member.comments?.find((c: Node) => c.leading)?.loc?.start.line ?? member.loc?.start.line ?? 1;
  const lines = body.split(/\r?\n/);
  return first >= 2 && lines[first - 2].trim() === '';
}

/** The marked disposers: the marker goes, and a blank line comes before the member (unless one is there). */
function spaceDisposers(printed: string, eol: string): string {
  const mark = new RegExp(`([ \\t]*)/\\*${DISPOSER_MARK}\\*/[ \\t]*\\r?\\n[ \\t]*`, 'g');
  return printed.replace(mark, (_m, indent: string, offset: number) => {
    const blank = /(?:^|\n)[ \t]*\r?\n$/.test(printed.slice(Math.max(0, offset - 200), offset));
    return `${blank ? '' : eol}${indent}`;
  });
}

/** The file's indentation step: the class member's own indentation (two spaces, four, a tab). */
function indentUnit(body: string, member: Node): string {
  const start = member.loc?.start;
  const line = start ? (body.split(/\r?\n/)[start.line - 1] ?? '') : '';
  const indent = /^[ \t]*/.exec(line.slice(0, start?.column ?? 0))?.[0] ?? '';
  return indent || '  ';
}

/** Without a project: classes whose close-like method releases one of its fields (reported, not touched). */
function closeMethodsReleasingFields(program: Node): { cls: Node; method: Node }[] {
  const out: { cls: Node; method: Node }[] = [];
  for (const s of program.body) {
    const cls = s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' ? s.declaration : s;
    if (cls?.type !== 'ClassDeclaration' || !cls.id) continue;
    for (const m of cls.body.body) {
      if (m.type !== 'ClassMethod' || m.static || m.kind !== 'method' || !CLOSE_METHOD_SET.has(memberName(m) ?? '')) continue;
      let releases = false;
      walk(m.body, (n: Node) => {
        const callee = n.type === 'CallExpression' || n.type === 'OptionalCallExpression' ? n.callee : null;
        const obj = callee && (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') ? callee.object : null;
        if (obj && (obj.type === 'MemberExpression' || obj.type === 'OptionalMemberExpression') && obj.object.type === 'ThisExpression') releases = true;
      });
      if (releases) out.push({ cls, method: m });
    }
  }
  return out;
}

