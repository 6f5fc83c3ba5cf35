// The project-wide model of remove-redundant-close, built with ts-morph: classes with close-like methods,
// the fields those methods release, whether a field still holds anything, and every reference to the
// methods across files. The model decides per class (remove the method, make the class disposable, or keep
// it and say why) and lists the call statements to remove per file. Only files that may matter are loaded:
// those declaring a class with a close-like method or a disposer, then those naming one of its methods or
// classes, then the package entry points.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { walkSourceFiles } from '../project/sourceFiles';
import type * as Morph from 'ts-morph';
import { defaultCatalog, LIBRARIES } from '../../catalog/js';
import { poolKind } from '../../catalog/js/pools';
import { usingSupport } from '../project/packageInfo';
import { packageOfFile } from '../checker/typeFacts';
import { entryPoints } from './entry';
import { CLOSE_METHOD_SET, CLOSE_METHODS, declaresCloseClass } from './names';
import type { CallSite, ClassDecision, KeepDecision, RemoveDecision, ResourceClass } from './plan';
import type { CloseReasonId } from './reasons';

type TsMorph = typeof import('ts-morph');
let loaded: TsMorph | null = null;
/** ts-morph (and its bundled TypeScript 6) loads only when a plan is made. */
function tsMorph(): TsMorph {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('ts-morph') as TsMorph);
}

export function hashText(body: string): string {
  return crypto.createHash('sha1').update(body).digest('hex');
}

export interface ProjectPlan {
  project: string;
  decisions: ClassDecision[];
  resourceClasses: ResourceClass[];
  /** Per file the plan looked at: the hash of its text and the calls to remove there. */
  files: Map<string, { hash: string; calls: CallSite[] }>;
}

/** What a field holds, when it is a resource: its library, kind and the calls that release it. */
interface ResourceKind {
  library: string;
  kind: string;
  noun: string;
  releases: Set<string>;
}

interface ClassInfo {
  decl: Morph.ClassDeclaration;
  file: string;
  name: string;
  closeMethods: Morph.MethodDeclaration[];
  /** Its own or an inherited `[Symbol.asyncDispose]` / `[Symbol.dispose]`, and the methods its own calls on `this`. */
  disposer: { kind: 'async' | 'sync'; calls: string[] } | null;
  /** Set once the class is known to own a resource that one of its close-like methods releases. */
  owner: { method: Morph.MethodDeclaration; field: string; kind: ResourceKind } | null;
}

const SOURCE = /\.(?:[cm]?ts|tsx)$/;
const JS_SOURCE = /\.(?:[cm]?js|jsx)$/;

/** The project's own source files (no declarations, nothing under node_modules), and whether it compiles JavaScript. */
function projectFiles(tsconfig: string): { fileNames: string[]; allowJs: boolean } {
  const { ts } = tsMorph();
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, ' '));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(tsconfig), undefined, tsconfig);
  const fileNames = parsed.fileNames.filter((f) => !/\.d\.[cm]?ts$/.test(f) && !/[\\/]node_modules[\\/]/.test(f)).map((f) => path.resolve(f));
  return { fileNames, allowJs: !!parsed.options.allowJs };
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

/** A call site while planning: where it is, and the text range an edit of it covers. */
type PlannedSite = CallSite & { file: string; range: { start: number; end: number } };

const bySite = (a: CallSite, b: CallSite) => a.line - b.line || a.column - b.column;

const escapeRe = (w: string) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export class CloseAnalysis {
  private readonly m = tsMorph();
  /** Every text the analysis considered (BOM off), by absolute path. */
  readonly texts = new Map<string, string>();
  private readonly added = new Set<string>();
  private readonly allowJs: boolean;
  private readonly root: string;
  private made: Morph.Project | null = null;

  constructor(readonly tsconfig: string, given: { abs: string; text: string }[]) {
    this.root = path.dirname(tsconfig);
    const { fileNames, allowJs } = projectFiles(tsconfig);
    this.allowJs = allowJs;
    for (const f of given) this.texts.set(path.resolve(f.abs), f.text.replace(/^\uFEFF/, ''));
    for (const f of fileNames) {
      if (this.texts.has(f)) continue;
      const t = readText(f);
      if (t !== null) this.texts.set(f, t);
    }
  }

  /** The ts-morph project, made on first use: a project without a class worth a look never pays for one. */
  get project(): Morph.Project {
    this.made ??= new this.m.Project({ tsConfigFilePath: this.tsconfig, skipAddingFilesFromTsConfig: true });
    return this.made;
  }

  private loadable(file: string): boolean {
    return SOURCE.test(file) || (this.allowJs && JS_SOURCE.test(file));
  }

  add(file: string): Morph.SourceFile | undefined {
    const text = this.texts.get(file);
    if (text === undefined || !this.loadable(file)) return undefined;
    if (this.added.has(file)) return this.project.getSourceFile(file);
    this.added.add(file);
    return this.project.createSourceFile(file, text, { overwrite: true });
  }

  /** Replace one file's text (an earlier transform changed it) and return its source file. */
  overlay(file: string, text: string): Morph.SourceFile {
    this.added.add(file);
    return this.project.createSourceFile(file, text, { overwrite: true });
  }

  rel(file: string): string {
    return path.relative(this.root, file).split(path.sep).join('/') || path.basename(file);
  }

  where(node: Morph.Node): string {
    return `${this.rel(node.getSourceFile().getFilePath())}:${node.getStartLineNumber()}`;
  }

  /** Build the plan. `editable`: the files this run may rewrite; a call anywhere else keeps its method. */
  plan(editable: (abs: string) => boolean): ProjectPlan {
    const classFiles = [...this.texts].filter(([f, t]) => this.loadable(f) && declaresCloseClass(t)).map(([f]) => f);
    const infos: ClassInfo[] = [];
    for (const f of classFiles) {
      const sf = this.add(f);
      if (!sf) continue;
      for (const decl of sf.getClasses()) {
        const name = decl.getName();
        if (!name) continue;
        const closeMethods = CLOSE_METHODS.flatMap((n) => decl.getInstanceMethods().filter((m) => m.getName() === n && !!m.getBody()));
        // Only a class with a close-like method, or a disposer of its own, is worth the checker's time.
        if (closeMethods.length === 0 && !decl.getInstanceMethods().some((m) => this.m.Node.isComputedPropertyName(m.getNameNode()))) continue;
        infos.push({ decl, file: f, name, closeMethods, disposer: this.disposerOf(decl), owner: null });
      }
    }
    const files = new Map<string, { hash: string; calls: CallSite[] }>();
    for (const [f, t] of this.texts) if (editable(f)) files.set(f, { hash: hashText(t), calls: [] });
    if (infos.length === 0) return { project: this.tsconfig, decisions: [], resourceClasses: [], files };

    // Files that may reference a method or a class: they join the program, so references are complete.
    const words = new Set<string>();
    for (const info of infos) {
      words.add(info.name);
      for (const m of info.closeMethods) words.add(m.getName());
    }
    const mention = new RegExp(`\\b(?:${[...words].map(escapeRe).join('|')})\\b`);
    for (const [f, t] of this.texts) if (mention.test(t)) this.add(f);
    const entries = entryPoints(this.root, this.project.getCompilerOptions());
    for (const f of entries.files) if (!this.texts.has(f)) this.texts.set(f, readText(f) ?? '');
    for (const f of entries.files) this.add(f);
    const publicClasses = this.publicClasses(entries, infos);

    const byDecl = new Map<unknown, ClassInfo>(infos.map((i) => [i.decl.compilerNode, i]));
    this.findOwners(infos, byDecl);

    const decisions: ClassDecision[] = [];
    const resourceClasses: ResourceClass[] = [];
    const removals: { decision: RemoveDecision; sites: PlannedSite[]; classEdits: { start: number; end: number }[] }[] = [];
    for (const info of infos) {
      const keep = (method: string, reasonId: CloseReasonId, values: Record<string, string>, library = info.name): KeepDecision => ({
        action: 'keep',
        file: info.file,
        className: info.name,
        method,
        reasonId,
        values: { owner: info.name, method, ...values },
        library,
      });
      // A class whose file this run does not rewrite is only a resource to its callers.
      if (!editable(info.file)) {
        const calls = info.disposer?.calls.filter((c) => info.closeMethods.some((m) => m.getName() === c)) ?? [];
        if (info.disposer && calls.length > 0) resourceClasses.push(this.resourceClass(info, calls, info.disposer.kind));
        else if (!info.disposer && info.owner && !this.endsTransaction(info.owner.method)) resourceClasses.push(this.resourceClass(info, [info.owner.method.getName()], null));
        continue;
      }
      let decided = false;
      // Case 1: a close-like method that releases only fields that no longer hold anything.
      for (const m of info.closeMethods) {
        const dead = this.redundantRelease(info, m);
        if (!dead) continue;
        decided = true;
        const name = m.getName();
        const library = dead.library ?? info.name;
        // An empty method (`async disconnect() {}`, an interface's no-op) leaks nothing: kept without a word.
        const kept = (d: KeepDecision) => void (dead.fields.length > 0 && decisions.push(d));
        const inherited = this.inheritedMember(info, name);
        if (inherited) {
          kept(keep(name, 'inherited-member', { other: inherited }, library));
          continue;
        }
        const entry = publicClasses.get(info.decl.compilerNode);
        if (entry) {
          kept(keep(name, 'public-api', { entry }, library));
          continue;
        }
        const refs = this.references(m);
        const sites: PlannedSite[] = [];
        let refusal: KeepDecision | null = null;
        for (const ref of refs) {
          const site = this.callSite(ref, info.name, name);
          if ('why' in site) {
            refusal = keep(name, 'referenced-not-called', { where: `${this.where(ref)}, ${site.why}` }, library);
            break;
          }
          if (!editable(site.file)) {
            refusal = keep(name, 'referenced-outside-run', { where: this.where(ref) }, library);
            break;
          }
          // A call inside the method itself or a removed reset goes with it.
          if (site.file === info.file && site.range.start >= m.getStart() && site.range.end <= m.getEnd()) continue;
          sites.push(site);
        }
        if (refusal) {
          kept(refusal);
          continue;
        }
        const fileCount = new Set(sites.map((s) => s.file)).size;
        const calls = sites.length === 0 ? 'no calls (nothing called it)' : `${sites.length} call${sites.length === 1 ? '' : 's'} in ${fileCount} file${fileCount === 1 ? '' : 's'}`;
        const decision: RemoveDecision = { action: 'remove', file: info.file, className: info.name, method: name, fields: dead.fields, calls, library };
        const classEdits = [m, ...dead.nodes].map((n) => ({ start: n.getStart(), end: n.getEnd() }));
        removals.push({ decision, sites, classEdits });
      }
      if (decided) continue;

      // Case 2: a class that owns a long-lived resource becomes disposable.
      const disposerCalls = info.disposer?.calls.filter((c) => info.closeMethods.some((m) => m.getName() === c)) ?? [];
      if (info.disposer) {
        if (disposerCalls.length > 0) resourceClasses.push(this.resourceClass(info, disposerCalls, info.disposer.kind));
        continue;
      }
      if (!info.owner) continue;
      const { method, field, kind } = info.owner;
      const name = method.getName();
      const values = { noun: kind.noun, field: `this.${field}` };
      if (method.getParameters().some((p) => !p.isOptional() && !p.hasInitializer() && !p.isRestParameter())) {
        decisions.push(keep(name, 'disposable-unsupported', { ...values, why: `${name}() takes arguments, which a disposer cannot choose` }, kind.library));
        continue;
      }
      // A close() that commits or rolls back decides a transaction; as a disposer it would decide it on
      // error paths too (drivers: a disposer cannot tell success from failure). Not a disposer, then.
      if (this.endsTransaction(method)) continue;
      const dispose = this.returnsPromise(method) ? 'async' : 'sync';
      const support = usingSupport(info.file);
      if (!support.ok) {
        decisions.push(keep(name, 'disposable-unsupported', { ...values, why: support.reason }, kind.library));
        resourceClasses.push(this.resourceClass(info, [name], null));
        continue;
      }
      decisions.push({ action: 'dispose', file: info.file, className: info.name, method: name, dispose, field: `this.${field}`, noun: kind.noun, library: kind.library });
      resourceClasses.push(this.resourceClass(info, [name], dispose));
    }

    // Nothing is removed that something still needs: the edits are tried on the checker first.
    for (const failed of this.typeCheck(removals)) {
      const i = removals.findIndex((r) => r.decision === failed.decision);
      removals.splice(i, 1);
      const d = failed.decision;
      decisions.push({
        action: 'keep',
        file: d.file,
        className: d.className,
        method: d.method,
        reasonId: 'still-required',
        values: { owner: d.className, method: d.method, where: failed.where, message: failed.message },
        library: d.library,
      });
    }
    for (const r of removals) {
      decisions.push(r.decision);
      for (const s of r.sites) files.get(s.file)?.calls.push({ line: s.line, column: s.column, form: s.form, className: s.className, method: s.method });
    }
    for (const entry of files.values()) entry.calls.sort(bySite);
    return { project: this.tsconfig, decisions, resourceClasses, files };
  }

  // ---- classes ----------------------------------------------------------------------------------

  private disposerOf(decl: Morph.ClassDeclaration): ClassInfo['disposer'] {
    const { Node } = this.m;
    for (const m of decl.getInstanceMethods()) {
      const nameNode = m.getNameNode();
      if (!Node.isComputedPropertyName(nameNode)) continue;
      const text = nameNode.getExpression().getText().replace(/\s/g, '');
      if (text !== 'Symbol.asyncDispose' && text !== 'Symbol.dispose') continue;
      const calls: string[] = [];
      for (const st of m.getStatements()) {
        let e: Morph.Node | undefined = Node.isExpressionStatement(st) ? st.getExpression() : Node.isReturnStatement(st) ? st.getExpression() : undefined;
        e = e && this.unwrap(e);
        if (e && Node.isAwaitExpression(e)) e = this.unwrap(e.getExpression());
        if (e && Node.isCallExpression(e)) {
          const callee = this.unwrap(e.getExpression());
          if (Node.isPropertyAccessExpression(callee) && callee.getExpression().getKind() === this.m.SyntaxKind.ThisKeyword) calls.push(callee.getName());
        }
      }
      return { kind: text === 'Symbol.asyncDispose' ? 'async' : 'sync', calls };
    }
    // Inherited: the checker sees the well-known symbol among the instance's properties.
    if (!decl.getExtends()) return null;
    for (const p of decl.getType().getProperties()) {
      const n = p.getName();
      if (/^__@asyncDispose@\d*$/.test(n)) return { kind: 'async', calls: [] };
      if (/^__@dispose@\d*$/.test(n)) return { kind: 'sync', calls: [] };
    }
    return null;
  }

  private unwrap(n: Morph.Node): Morph.Node {
    const { Node } = this.m;
    let cur = n;
    while (Node.isParenthesizedExpression(cur) || Node.isNonNullExpression(cur) || Node.isAsExpression(cur) || Node.isSatisfiesExpression(cur)) cur = cur.getExpression();
    return cur;
  }

  /** `this.x` (or `this.#x`): the field's name, else null. */
  private thisField(n: Morph.Node): string | null {
    const { Node, SyntaxKind } = this.m;
    const e = this.unwrap(n);
    if (Node.isPropertyAccessExpression(e) && this.unwrap(e.getExpression()).getKind() === SyntaxKind.ThisKeyword) return e.getName();
    return null;
  }

  private isNullish(n: Morph.Node | undefined): boolean {
    const { SyntaxKind, Node } = this.m;
    if (!n) return true;
    const e = this.unwrap(n);
    return e.getKind() === SyntaxKind.NullKeyword || (Node.isIdentifier(e) && e.getText() === 'undefined') || Node.isVoidExpression(e);
  }

  /** A statement of a close-like method: the releases and resets it makes, or null when it does anything else. */
  private releaseItems(st: Morph.Node): { field: string; reset: boolean }[] | null {
    const { Node, SyntaxKind } = this.m;
    if (Node.isExpressionStatement(st)) {
      let e = this.unwrap(st.getExpression());
      if (Node.isAwaitExpression(e) || Node.isVoidExpression(e)) e = this.unwrap(e.getExpression());
      if (Node.isCallExpression(e)) {
        const callee = this.unwrap(e.getExpression());
        if (!Node.isPropertyAccessExpression(callee)) return null;
        const field = this.thisField(callee.getExpression());
        if (!field || !e.getArguments().every((a) => this.isPureTs(a))) return null;
        return [{ field, reset: false }];
      }
      if (Node.isBinaryExpression(e) && e.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
        const field = this.thisField(e.getLeft());
        return field && this.isNullish(e.getRight()) ? [{ field, reset: true }] : null;
      }
      return null;
    }
    if (Node.isIfStatement(st) && !st.getElseStatement()) {
      const test = this.unwrap(st.getExpression());
      let guarded: string | null = this.thisField(test);
      if (!guarded && Node.isBinaryExpression(test) && ['!=', '!=='].includes(test.getOperatorToken().getText())) {
        guarded = this.isNullish(test.getRight()) ? this.thisField(test.getLeft()) : this.isNullish(test.getLeft()) ? this.thisField(test.getRight()) : null;
      }
      if (!guarded) return null;
      const inner = st.getThenStatement();
      const items = Node.isBlock(inner) ? inner.getStatements().map((s) => this.releaseItems(s)) : [this.releaseItems(inner)];
      if (items.some((i) => !i)) return null;
      const flat = items.flat() as { field: string; reset: boolean }[];
      return flat.every((i) => i.field === guarded) ? flat : null;
    }
    if (Node.isBlock(st)) {
      const items = st.getStatements().map((s) => this.releaseItems(s));
      return items.some((i) => !i) ? null : (items.flat() as { field: string; reset: boolean }[]);
    }
    return null;
  }

  private isPureTs(n: Morph.Node): boolean {
    const { Node, SyntaxKind } = this.m;
    const e = this.unwrap(n);
    if (Node.isIdentifier(e) || Node.isLiteralExpression(e) || Node.isNoSubstitutionTemplateLiteral(e)) return true;
    if ([SyntaxKind.ThisKeyword, SyntaxKind.TrueKeyword, SyntaxKind.FalseKeyword, SyntaxKind.NullKeyword].includes(e.getKind())) return true;
    if (Node.isPropertyAccessExpression(e)) return this.isPureTs(e.getExpression());
    return false;
  }

  /**
   * Case 1: the method's body only releases or resets fields, and none of those fields ever holds anything
   * (never assigned but `undefined`/`null`, read nowhere else). Returns the fields, the nodes that go with
   * them (declarations, resets elsewhere in the class) and their library when the type says.
   */
  private redundantRelease(info: ClassInfo, m: Morph.MethodDeclaration): { fields: string[]; nodes: Morph.Node[]; library: string | null } | null {
    const { Node } = this.m;
    if (m.isAbstract() || m.getOverloads().length > 0 || m.getDecorators().length > 0) return null;
    const items: { field: string; reset: boolean }[] = [];
    for (const st of m.getStatements()) {
      const r = this.releaseItems(st);
      if (!r) return null;
      items.push(...r);
    }
    // A method that releases nothing at all (`async close() {}`) is dead weight too, but only one that
    // really has a body of its own: an empty method may be a deliberate no-op of a shared shape.
    const fields = [...new Set(items.map((i) => i.field))];
    if (fields.length === 0 && m.getStatements().length > 0) return null;
    const nodes: Morph.Node[] = [];
    let library: string | null = null;
    for (const field of fields) {
      const decl = info.decl.getInstanceProperty(field);
      if (!decl || !Node.isPropertyDeclaration(decl)) return null;
      if (decl.getDecorators().length > 0 || decl.hasDeclareKeyword?.() || decl.isAbstract()) return null;
      if (!this.isNullish(decl.getInitializer())) return null;
      const kind = this.resourceOfType(decl.getType(), new Map());
      if (kind && !library) library = kind.library;
      nodes.push(decl);
      for (const ref of this.project.getLanguageService().findReferencesAsNodes(decl.getNameNode())) {
        if (ref === decl.getNameNode()) continue;
        if (ref.getSourceFile() !== info.decl.getSourceFile() || ref.getStart() < info.decl.getStart() || ref.getEnd() > info.decl.getEnd()) return null;
        if (ref.getStart() >= m.getStart() && ref.getEnd() <= m.getEnd()) continue;
        // `this.client = undefined;` elsewhere in the class goes too.
        const access = ref.getParent();
        const assign = access?.getParent();
        const statement = assign?.getParent();
        if (
          access &&
          Node.isBinaryExpression(assign) &&
          assign.getLeft() === access &&
          assign.getOperatorToken().getText() === '=' &&
          this.isNullish(assign.getRight()) &&
          Node.isExpressionStatement(statement)
        ) {
          nodes.push(statement);
          continue;
        }
        return null;
      }
    }
    return { fields, nodes, library };
  }

  /** A base class or interface that declares the member, or a subclass that declares it again. */
  private inheritedMember(info: ClassInfo, name: string): string | null {
    const base = info.decl.getBaseClass();
    if (base?.getType().getProperty(name)) return base.getName() ?? 'its base class';
    const baseExpr = info.decl.getExtends();
    if (baseExpr && baseExpr.getType().getProperty(name)) return baseExpr.getText();
    for (const impl of info.decl.getImplements()) if (impl.getType().getProperty(name)) return impl.getText();
    for (const derived of info.decl.getDerivedClasses()) if (derived.getInstanceMember(name)) return derived.getName() ?? 'a subclass';
    return null;
  }

  /** References to a method, without its own declaration. */
  private references(m: Morph.MethodDeclaration): Morph.Node[] {
    const own = m.getNameNode();
    return this.project.getLanguageService().findReferencesAsNodes(own).filter((r) => r !== own && !(r.getSourceFile() === own.getSourceFile() && r.getStart() === own.getStart()));
  }

  /** A reference that is a call standing as its own statement (or an arrow's whole body), with a pure receiver. */
  private callSite(ref: Morph.Node, className: string, method: string): PlannedSite | { why: string } {
    const { Node } = this.m;
    const access = ref.getParent();
    if (!access || !Node.isPropertyAccessExpression(access) || access.getNameNode() !== ref) return { why: 'not a method call' };
    const call = access.getParent();
    if (!call || !Node.isCallExpression(call) || call.getExpression() !== access) return { why: 'not called' };
    if (!this.isPureTs(access.getExpression())) return { why: 'its receiver is computed by a call' };
    if (!call.getArguments().every((a) => this.isPureTs(a))) return { why: 'its arguments do work' };
    let top: Morph.Node = call;
    for (let p = top.getParent(); p && (Node.isAwaitExpression(p) || Node.isVoidExpression(p) || Node.isParenthesizedExpression(p)); p = p.getParent()) top = p;
    const holder = top.getParent();
    const file = ref.getSourceFile().getFilePath().toString();
    const { line, column } = ref.getSourceFile().getLineAndColumnAtPos(call.getStart());
    const at = { line, column: column - 1 };
    if (holder && Node.isExpressionStatement(holder)) return { file, ...at, range: { start: holder.getStart(), end: holder.getEnd() }, form: 'statement', className, method };
    if (holder && Node.isArrowFunction(holder) && holder.getBody() === top) {
      // `process.once('exit', () => db.close())`: only where whoever calls the arrow ignores its result.
      if (this.resultIgnored(holder)) return { file, ...at, range: { start: top.getStart(), end: top.getEnd() }, form: 'arrow-body', className, method };
      return { why: 'it is what an arrow function returns' };
    }
    return { why: 'its result is used' };
  }

  /** Does the method commit or roll back (`commit()`, `commitTransaction()`, `query('COMMIT')`)? */
  private endsTransaction(m: Morph.MethodDeclaration): boolean {
    const { Node, SyntaxKind } = this.m;
    return m.getDescendantsOfKind(SyntaxKind.CallExpression).some((call) => {
      const callee = this.unwrap(call.getExpression());
      if (Node.isPropertyAccessExpression(callee) && TRANSACTION_ENDS.has(callee.getName())) return true;
      const first = call.getArguments()[0];
      return !!first && (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first)) && /^\s*(?:COMMIT|ROLLBACK|END|ABORT)\b/i.test(first.getLiteralText());
    });
  }

  /** The arrow is passed where a callback returning `void` (or `unknown`) is expected. */
  private resultIgnored(arrow: Morph.ArrowFunction): boolean {
    const checker = this.project.getTypeChecker().compilerObject;
    const contextual = checker.getContextualType(arrow.compilerNode);
    if (!contextual) return false;
    const signatures = contextual.getCallSignatures();
    if (signatures.length === 0) return false;
    return signatures.every((sig) => {
      const t = sig.getReturnType();
      const { TypeFlags } = this.m.ts;
      const ignored = TypeFlags.Void | TypeFlags.Unknown | TypeFlags.Any | TypeFlags.Undefined;
      return t.isUnion() ? t.types.some((u) => u.flags & ignored) : !!(t.flags & ignored);
    });
  }

  private returnsPromise(m: Morph.MethodDeclaration): boolean {
    if (m.isAsync()) return true;
    const t = m.getReturnType();
    return !!t.getProperty('then');
  }

  private resourceClass(info: ClassInfo, releases: string[], dispose: ResourceClass['dispose']): ResourceClass {
    const exports: string[] = [];
    for (const [name, decls] of info.decl.getSourceFile().getExportedDeclarations()) if (decls.some((d) => d === info.decl)) exports.push(name);
    const checker = this.project.getTypeChecker();
    const statics = info.decl
      .getStaticMethods()
      .filter((s) => {
        const t = s.getReturnType();
        const awaited = checker.compilerObject.getAwaitedType(t.compilerType) ?? t.compilerType;
        const decl = (awaited.getSymbol() ?? awaited.aliasSymbol)?.declarations?.[0];
        return decl === info.decl.compilerNode;
      })
      .map((s) => s.getName());
    const release = info.closeMethods.find((m) => m.getName() === releases[0]);
    const releaseAsync = release ? this.returnsPromise(release) : dispose === 'async';
    return { file: info.file, className: info.name, exports, statics, releases, releaseAsync, dispose };
  }

  // ---- resources --------------------------------------------------------------------------------

  /** The resource a type is: a catalogue kind (a client, a pool), a type with a disposer, or a project class that owns one. */
  private resourceOfType(type: Morph.Type, byDecl: Map<unknown, ClassInfo>): ResourceKind | null {
    let t = type;
    if (t.isAny() || t.isUnknown()) return null;
    if (t.isUnion()) {
      const rest = t.getUnionTypes().filter((u) => !u.isUndefined() && !u.isNull());
      if (rest.length !== 1) return null;
      t = rest[0];
    }
    const symbol = t.getAliasSymbol() ?? t.getSymbol();
    const decl = symbol?.getDeclarations()[0];
    if (!symbol || !decl) return null;
    const owner = byDecl.get(decl.compilerNode);
    if (owner) {
      if (!owner.owner) return null;
      return { library: owner.name, kind: owner.name, noun: owner.name, releases: new Set([owner.owner.method.getName()]) };
    }
    const pkg = packageOfFile(decl.getSourceFile().getFilePath().toString());
    if (pkg) {
      const known = catalogueKind(pkg, symbol.getName());
      if (known) return known;
    }
    if (t.getProperties().some((p) => /^__@(?:asyncDispose|dispose)@\d*$/.test(p.getName()))) {
      return { library: pkg ?? 'node', kind: symbol.getName(), noun: 'resource', releases: CLOSE_METHOD_SET };
    }
    return null;
  }

  /**
   * Without installed types: `new Pool()` / `createPool()` / `mysql.createPool()` whose name is imported from
   * a catalogue module, as the catalogue says (the same facts the syntactic lifecycle finder uses).
   */
  private resourceOfImport(expr: Morph.Node): ResourceKind | null {
    const { Node } = this.m;
    let e = this.unwrap(expr);
    if (Node.isAwaitExpression(e)) e = this.unwrap(e.getExpression());
    if (!Node.isNewExpression(e) && !Node.isCallExpression(e)) return null;
    const callee = this.unwrap(e.getExpression());
    let imported: { module: string; name: string } | null = null;
    if (Node.isIdentifier(callee)) imported = this.importOf(callee);
    else if (Node.isPropertyAccessExpression(callee) && Node.isIdentifier(callee.getExpression())) {
      const ns = this.importOf(callee.getExpression());
      if (ns && (ns.name === '*' || ns.name === 'default')) imported = { module: ns.module, name: callee.getName() };
    }
    if (!imported) return null;
    const m = defaultCatalog.module(imported.module);
    const spec = imported.name === 'default' || imported.name === '*' ? m?.spec.default : m?.spec.exports[imported.name];
    if (!m || !spec) return null;
    const kind = 'class' in spec && Node.isNewExpression(e) ? spec.class : 'factory' in spec && Node.isCallExpression(e) ? spec.factory : null;
    if (!kind) return null;
    const resource = m.lib.resources.find((r) => r.kind === kind);
    const pool = poolKind(m.lib.library, kind);
    if (!resource && !pool) return null;
    const releases = new Set([...(resource?.release.map((r) => r.method) ?? []), ...(pool?.teardown ?? [])]);
    return { library: m.lib.library, kind, noun: resource?.noun ?? pool!.noun, releases };
  }

  /** The module and exported name an identifier is imported as (`default`, `*` for the namespace). */
  private importOf(id: Morph.Node): { module: string; name: string } | null {
    const { Node } = this.m;
    const decl = id.getSymbol()?.getDeclarations()[0];
    if (!decl) return null;
    if (Node.isImportSpecifier(decl)) return { module: decl.getImportDeclaration().getModuleSpecifierValue(), name: decl.getName() };
    if (Node.isImportClause(decl)) {
      const d = decl.getParent();
      return Node.isImportDeclaration(d) ? { module: d.getModuleSpecifierValue(), name: 'default' } : null;
    }
    if (Node.isNamespaceImport(decl)) return { module: decl.getFirstAncestorByKindOrThrow(this.m.SyntaxKind.ImportDeclaration).getModuleSpecifierValue(), name: '*' };
    if (Node.isImportEqualsDeclaration(decl)) {
      const ref = decl.getModuleReference();
      return Node.isExternalModuleReference(ref) ? { module: ref.getExpression()?.getText().slice(1, -1) ?? '', name: 'default' } : null;
    }
    return null;
  }

  /** `new Pool()`, `createPool()`, `await pool.connect()`: made here (a library call or constructor), not handed in. */
  private isCreation(expr: Morph.Node): boolean {
    const { Node } = this.m;
    let e = this.unwrap(expr);
    if (Node.isAwaitExpression(e)) e = this.unwrap(e.getExpression());
    if (Node.isNewExpression(e)) return true;
    if (!Node.isCallExpression(e)) return false;
    const callee = this.unwrap(e.getExpression());
    const target = Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee;
    const decls = target.getSymbol()?.getDeclarations() ?? [];
    if (decls.some((d) => /[\\/]node_modules[\\/]/.test(d.getSourceFile().getFilePath()) || (Node.isMethodDeclaration(d) && d.isStatic()))) return true;
    return !!this.resourceOfImport(e);
  }

  /** Which classes own a resource their close-like method releases; a class holding such a class owns one too. */
  private findOwners(infos: ClassInfo[], byDecl: Map<unknown, ClassInfo>): void {
    const { Node, SyntaxKind } = this.m;
    const creations = new Map<ClassInfo, Map<string, Morph.Node[]>>();
    for (const info of infos) {
      const map = new Map<string, Morph.Node[]>();
      const push = (f: string, e: Morph.Node) => map.set(f, [...(map.get(f) ?? []), e]);
      for (const p of info.decl.getInstanceProperties()) {
        if (Node.isPropertyDeclaration(p)) {
          const init = p.getInitializer();
          if (init) push(p.getName(), init);
        }
      }
      for (const b of info.decl.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
        const op = b.getOperatorToken().getKind();
        if (op !== SyntaxKind.EqualsToken && op !== SyntaxKind.QuestionQuestionEqualsToken && op !== SyntaxKind.BarBarEqualsToken) continue;
        const f = this.thisField(b.getLeft());
        if (f) push(f, b.getRight());
      }
      creations.set(info, map);
    }
    for (let round = 0, changed = true; changed && round < 5; round++) {
      changed = false;
      for (const info of infos) {
        if (info.owner || info.closeMethods.length === 0) continue;
        for (const [field, exprs] of creations.get(info)!) {
          const made = exprs.filter((e) => this.isCreation(e));
          if (made.length === 0) continue;
          const prop = info.decl.getInstanceProperty(field);
          const kind =
            (prop && this.resourceOfType(prop.getType(), byDecl)) ??
            made.map((e) => this.resourceOfType(e.getType(), byDecl) ?? this.resourceOfImport(e)).find((k) => k) ??
            null;
          if (!kind) continue;
          const method = info.closeMethods.find((m) => this.releases(m, field, kind));
          if (!method) continue;
          info.owner = { method, field, kind };
          changed = true;
          break;
        }
      }
    }
  }

  /** Does the method call one of the kind's release methods on `this.<field>`? */
  private releases(m: Morph.MethodDeclaration, field: string, kind: ResourceKind): boolean {
    const { Node, SyntaxKind } = this.m;
    return m.getDescendantsOfKind(SyntaxKind.CallExpression).some((call) => {
      const callee = this.unwrap(call.getExpression());
      return Node.isPropertyAccessExpression(callee) && kind.releases.has(callee.getName()) && this.thisField(callee.getExpression()) === field;
    });
  }

  // ---- the package's public surface -------------------------------------------------------------

  /** Classes code outside the project can reach: exported by an entry point, or the type of something it exports. */
  private publicClasses(entries: ReturnType<typeof entryPoints>, infos: ClassInfo[]): Map<unknown, string> {
    const { Node } = this.m;
    const out = new Map<unknown, string>();
    const byNode = new Set<unknown>(infos.map((i) => i.decl.compilerNode));
    const mark = (node: unknown, entry: string) => {
      if (byNode.has(node) && !out.has(node)) out.set(node, entry);
    };
    const checker = this.project.getTypeChecker().compilerObject;
    const typeDecl = (t: Morph.Type): unknown => {
      const awaited = checker.getAwaitedType(t.compilerType) ?? t.compilerType;
      return (awaited.getSymbol() ?? awaited.aliasSymbol)?.declarations?.[0];
    };
    for (const file of entries.files) {
      const sf = this.project.getSourceFile(file);
      if (!sf) continue;
      const entry = this.rel(file);
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

  // ---- the safety net -----------------------------------------------------------------------------

  /**
   * Apply every removal to the checker's copy and compare diagnostics, file by file, with the texts as they
   * are: a removed method still required structurally (`register(store)` where `{ close(): … }` is
   * expected) shows up as a new error. A removal that causes one is dropped (alone, when several were tried).
   */
  private typeCheck(
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
      const mention = new RegExp(`\\b(?:${rs.map((r) => escapeRe(r.decision.className)).join('|')})\\b`);
      for (const f of this.added) if (mention.test(this.texts.get(f) ?? '')) files.add(f);
      return [...files];
    };
    const diagnostics = (files: string[]): Map<string, { where: string; message: string }> => {
      const out = new Map<string, { where: string; message: string }>();
      for (const f of files) {
        const sf = this.project.getSourceFile(f);
        if (!sf) continue;
        for (const d of sf.getPreEmitDiagnostics()) {
          const text = d.compilerObject.messageText;
          const message = (typeof text === 'string' ? text : text.messageText).replace(/\.$/, '');
          const key = `${f}\0${d.getCode()}\0${message}`;
          let n = 0;
          while (out.has(`${key}\0${n}`)) n++;
          const line = d.getLineNumber();
          out.set(`${key}\0${n}`, { where: `${this.rel(f)}${line ? `:${line}` : ''}`, message });
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
        const sf = this.project.getSourceFile(file);
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
      for (const [file, original] of originals) this.project.getSourceFile(file)?.replaceWithText(original);
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

  /** Calls of the removed methods in one (possibly changed) file, found again with the checker. */
  callSitesIn(file: string, text: string, removed: { file: string; className: string; method: string }[]): CallSite[] {
    const sf = this.overlay(file, text);
    const out: CallSite[] = [];
    for (const r of removed) {
      const classFile = r.file === file ? sf : this.add(r.file);
      const method = classFile?.getClass(r.className)?.getInstanceMethod(r.method);
      if (!method) continue;
      for (const ref of this.references(method)) {
        if (ref.getSourceFile() !== sf) continue;
        const site = this.callSite(ref, r.className, r.method);
        if (!('why' in site)) out.push({ line: site.line, column: site.column, form: site.form, className: site.className, method: site.method });
      }
    }
    return out.sort(bySite);
  }
}

/** Calls that end a transaction, from the catalogue. */
const TRANSACTION_ENDS = new Set(LIBRARIES.flatMap((lib) => lib.resources.flatMap((r) => [...(r.transactions?.commit ?? []), ...(r.transactions?.rollback ?? [])])));

/** Catalogue kind for a type declared by `pkg` under `typeName`: a resource or a long-lived pool kind. */
function catalogueKind(pkg: string, typeName: string): ResourceKind | null {
  for (const lib of LIBRARIES) {
    const owns = lib.packageName === pkg || Object.keys(lib.modules).some((m) => m === pkg || m.startsWith(`${pkg}/`)) || (lib.typePackages ?? []).includes(pkg);
    if (!owns) continue;
    for (const spec of Object.values(lib.modules)) {
      const kind = spec.types?.[typeName];
      if (!kind) continue;
      const resource = lib.resources.find((r) => r.kind === kind);
      const pool = poolKind(lib.library, kind);
      if (!resource && !pool) continue;
      const releases = new Set([...(resource?.release.map((r) => r.method) ?? []), ...(pool?.teardown ?? [])]);
      return { library: lib.library, kind, noun: resource?.noun ?? pool!.noun, releases };
    }
  }
  return null;
}

// ---- a cheap look first: does any file declare a class worth the checker? --------------------------

/**
 * Does any source file under the tsconfig's directory declare a class with a close-like method or a
 * disposer? Texts at hand are used as they are, the others read; no compiler is loaded to answer. When
 * none does, there is nothing to plan (and ts-morph never loads).
 */
export function mayDeclareCloseClass(tsconfig: string, given: { abs: string; text: string }[]): boolean {
  const known = new Map(given.map((f) => [path.resolve(f.abs), f.text]));
  for (const text of known.values()) if (declaresCloseClass(text)) return true;
  return walkSourceFiles(path.dirname(tsconfig), (file) => {
    if (known.has(file)) return false;
    const text = readText(file);
    return text !== null && declaresCloseClass(text);
  });
}

/** The plan of a project with no class worth a look: nothing to change, nothing to report. */
export function emptyPlan(tsconfig: string): ProjectPlan {
  return { project: tsconfig, decisions: [], resourceClasses: [], files: new Map() };
}

// ---- per process caches: one analysis per tsconfig ------------------------------------------------

const analyses = new Map<string, CloseAnalysis>();
const lazyPlans = new Map<string, ProjectPlan>();

/** The analysis of a tsconfig's project as it is on disk (made once per process, then reused). */
export function analysisFor(tsconfig: string): CloseAnalysis {
  let analysis = analyses.get(tsconfig);
  if (!analysis) {
    analysis = new CloseAnalysis(tsconfig, []);
    analyses.set(tsconfig, analysis);
  }
  return analysis;
}

/** The plan of a tsconfig's project as it is on disk, every file counted as part of the run. */
export function lazyPlanFor(tsconfig: string): ProjectPlan {
  let plan = lazyPlans.get(tsconfig);
  if (!plan) {
    plan = mayDeclareCloseClass(tsconfig, []) ? analysisFor(tsconfig).plan(() => true) : emptyPlan(tsconfig);
    lazyPlans.set(tsconfig, plan);
  }
  return plan;
}

/** Keep an analysis made elsewhere (the runner's pre-pass) for later overlays in this thread. */
export function rememberAnalysis(analysis: CloseAnalysis): void {
  if (!analyses.has(analysis.tsconfig)) analyses.set(analysis.tsconfig, analysis);
}

/** Test hook: forget every analysis (fixture files changed on disk). */
export function clearCloseCaches(): void {
  analyses.clear();
  lazyPlans.clear();
}
