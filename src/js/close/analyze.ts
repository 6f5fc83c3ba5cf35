// The project-wide model of remove-redundant-close, built with ts-morph: classes with close-like methods,
// the fields those methods release, whether a field still holds anything, and every reference to the
// methods across files. The model decides per class (remove the method, make the class disposable, or keep
// it and say why) and lists the call statements to remove per file. Only files that may matter are loaded:
// those declaring a class with a close-like method or a disposer, then those naming one of its methods or
// classes, then the package entry points.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readDir, walkSourceFiles } from '../project/sourceFiles';
import type { ListedEntry, Listings } from '../../core/listings';
import type * as Morph from 'ts-morph';
import { usingSupport } from '../project/packageInfo';
import { entryPoints } from '../project/entries';
import { CLOSE_METHODS, declaresCloseClass } from './names';
import type { CallSite, ClassDecision, KeepDecision, RemoveDecision, ResourceClass } from './plan';
import type { CloseReasonId } from './reasons';
import { disposerOf, endsTransaction, inheritedMember, redundantRelease, resourceClass, returnsPromise } from './classFacts';
import { callSite, references } from './references';
import { findOwners } from './ownership';
import { publicClasses, typeCheck } from './safetyNet';
import { classDoors, type ClassDoor } from './precheck';
import { certainlySilent } from './certain';
import { escapeRegExp } from '../../core/regex';
import { projectFiles, typescript } from './tsconfigFiles';

type TsMorph = typeof import('ts-morph');
let loaded: TsMorph | null = null;
/** ts-morph loads only when a plan needs its project. */
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
  /**
   * Per file the plan looked at: the hash of its text (null when the plan removes nothing: no call site is
   * then ever found again) and the calls to remove there.
   */
  files: Map<string, { hash: string | null; calls: CallSite[] }>;
}

/** What a field holds, when it is a resource: its library, kind and the calls that release it. */
export interface ResourceKind {
  library: string;
  kind: string;
  noun: string;
  releases: Set<string>;
}

export interface ClassInfo {
  decl: Morph.ClassDeclaration;
  file: string;
  name: string;
  closeMethods: Morph.MethodDeclaration[];
  /** Its own or an inherited `[Symbol.asyncDispose]` / `[Symbol.dispose]`, and the methods its own calls on `this`. */
  disposer: { kind: 'async' | 'sync'; calls: string[] } | null;
  /** Set once the class is known to own a resource that one of its close-like methods releases. */
  owner: { method: Morph.MethodDeclaration; field: string; kind: ResourceKind } | null;
  /** Its syntax leaves a way into the plan (precheck.ts); when false, no disposer or owner is looked for. */
  mayMatter: boolean;
}

export const SOURCE = /\.(?:[cm]?ts|tsx)$/;
export const JS_SOURCE = /\.(?:[cm]?js|jsx)$/;

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

/** A call site while planning: where it is, and the text range an edit of it covers. */
export type PlannedSite = CallSite & { file: string; range: { start: number; end: number } };

export const bySite = (a: CallSite, b: CallSite) => a.line - b.line || a.column - b.column;


export class CloseAnalysis {
  /** ts-morph, loaded with the first use (a plan its syntax settles never makes a project). */
  get m(): TsMorph {
    return tsMorph();
  }
  /** Every text the analysis considered (BOM off), by absolute path. */
  readonly texts = new Map<string, string>();
  readonly added = new Set<string>();
  private readonly allowJs: boolean;
  private readonly options: Morph.ts.CompilerOptions;
  private readonly references: boolean;
  private readonly root: string;
  private made: Morph.Project | null = null;

  /** `listings`: the folders the run's discovery read, for the tsconfig's file list. */
  constructor(readonly tsconfig: string, given: { abs: string; text: string }[], listings?: Listings) {
    this.root = path.dirname(tsconfig);
    const { fileNames, allowJs, options, references } = projectFiles(tsconfig, listings);
    this.allowJs = allowJs;
    this.options = options;
    this.references = references;
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

  /** Per class file, the classes that may come out of the plan, asked of their syntax before any checker (precheck.ts). */
  classDoors(classFiles: string[]): Map<string, Map<string, ClassDoor> | 'all'> {
    return new Map(classFiles.map((f) => [f, classDoors(f, this.texts.get(f)!)]));
  }

  /**
   * Can a close-like method of this class be removed, which needs the files that mention it? Not one its
   * syntax keeps (precheck.ts), nor an empty one that a base class or interface declares: that stays with
   * no word, whatever the other files say.
   */
  private mayBeRemoved(info: ClassInfo, doors: Map<string, ClassDoor> | 'all' | undefined): boolean {
    const dead = doors === 'all' || !doors ? null : (doors.get(info.name)?.deadCloses ?? []);
    return info.closeMethods.some((m) => {
      if (dead && !dead.includes(m.getName())) return false;
      return m.getStatements().length > 0 || !inheritedMember(this, info, m.getName(), { derived: false });
    });
  }

  /** Build the plan. `editable`: the files this run may rewrite; a call anywhere else keeps its method. */
  plan(editable: (abs: string) => boolean): ProjectPlan {
    const classFiles = [...this.texts].filter(([f, t]) => this.loadable(f) && declaresCloseClass(t)).map(([f]) => f);
    const files = new Map<string, { hash: string | null; calls: CallSite[] }>();
    for (const [f] of this.texts) if (editable(f)) files.set(f, { hash: null, calls: [] });
    // No class can come out of it: the plan is empty, and no ts-morph project is made.
    // Nor when the classes that may come out of it certainly do not (certain.ts).
    const mayMatter = this.classDoors(classFiles);
    if (certainlySilent({ ts: typescript(), options: this.options, references: this.references, root: this.root, texts: this.texts, classFiles, doors: mayMatter })) {
      return { project: this.tsconfig, decisions: [], resourceClasses: [], files };
    }
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
        // A class that cannot come out of the plan keeps its place (its name still brings in the files that
        // mention it) but costs no checker time: its disposer and ownership change nothing.
        const classes = mayMatter.get(f);
        const matters = classes === 'all' || !!classes?.has(name);
        infos.push({ decl, file: f, name, closeMethods, disposer: matters ? disposerOf(this, decl) : null, owner: null, mayMatter: matters });
      }
    }
    if (infos.length === 0) return { project: this.tsconfig, decisions: [], resourceClasses: [], files };

    // Only a dead close (door 1) asks about other files: the references to its method and fields, derived
    // classes, the package's public surface. Without one, the files that mention a class never load (on a
    // large project they are most of it, and most of the plan's time).
    let publicOnes = new Map<unknown, string>();
    if (infos.some((info) => this.mayBeRemoved(info, mayMatter.get(info.file)))) {
      // Files that may reference a method or a class: they join the program, so references are complete.
      const words = new Set<string>();
      for (const info of infos) {
        words.add(info.name);
        for (const m of info.closeMethods) words.add(m.getName());
      }
      const mention = new RegExp(`\\b(?:${[...words].map(escapeRegExp).join('|')})\\b`);
      for (const [f, t] of this.texts) if (mention.test(t)) this.add(f);
      const entries = entryPoints(this.root, this.project.getCompilerOptions());
      for (const f of entries.files) if (!this.texts.has(f)) this.texts.set(f, readText(f) ?? '');
      for (const f of entries.files) this.add(f);
      publicOnes = publicClasses(this, entries, infos);
    }

    const byDecl = new Map<unknown, ClassInfo>(infos.map((i) => [i.decl.compilerNode, i]));
    findOwners(this, infos, byDecl);

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
        if (info.disposer && calls.length > 0) resourceClasses.push(resourceClass(this, info, calls, info.disposer.kind));
        else if (!info.disposer && info.owner && !endsTransaction(this, info.owner.method)) resourceClasses.push(resourceClass(this, info, [info.owner.method.getName()], null));
        continue;
      }
      let decided = false;
      // Case 1: a close-like method that releases only fields that no longer hold anything.
      for (const m of info.closeMethods) {
        const dead = redundantRelease(this, info, m);
        if (!dead) continue;
        decided = true;
        const name = m.getName();
        const library = dead.library ?? info.name;
        // An empty method (`async disconnect() {}`, an interface's no-op) leaks nothing: kept without a word.
        const kept = (d: KeepDecision) => void (dead.fields.length > 0 && decisions.push(d));
        const inherited = inheritedMember(this, info, name);
        if (inherited) {
          kept(keep(name, 'inherited-member', { other: inherited }, library));
          continue;
        }
        const entry = publicOnes.get(info.decl.compilerNode);
        if (entry) {
          kept(keep(name, 'public-api', { entry }, library));
          continue;
        }
        const refs = references(this, m);
        const sites: PlannedSite[] = [];
        let refusal: KeepDecision | null = null;
        for (const ref of refs) {
          const site = callSite(this, ref, info.name, name);
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
        // An empty method nothing calls asks nothing of anyone and holds nothing: no leak to fix, so no edit.
        if (dead.fields.length === 0 && sites.length === 0) continue;
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
        if (disposerCalls.length > 0) resourceClasses.push(resourceClass(this, info, disposerCalls, info.disposer.kind));
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
      if (endsTransaction(this, method)) continue;
      const dispose = returnsPromise(this, method) ? 'async' : 'sync';
      const support = usingSupport(info.file);
      if (!support.ok) {
        decisions.push(keep(name, 'disposable-unsupported', { ...values, why: support.reason }, kind.library));
        resourceClasses.push(resourceClass(this, info, [name], null));
        continue;
      }
      decisions.push({ action: 'dispose', file: info.file, className: info.name, method: name, dispose, field: `this.${field}`, noun: kind.noun, library: kind.library });
      resourceClasses.push(resourceClass(this, info, [name], dispose));
    }

    // Nothing is removed that something still needs: the edits are tried on the checker first.
    for (const failed of typeCheck(this, removals)) {
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
    // Only a removal has call sites that a changed text must have found again.
    if (decisions.some((d) => d.action === 'remove')) for (const [f, entry] of files) entry.hash = hashText(this.texts.get(f)!);
    return { project: this.tsconfig, decisions, resourceClasses, files };
  }

  /** Calls of the removed methods in one (possibly changed) file, found again with the checker. */
  callSitesIn(file: string, text: string, removed: { file: string; className: string; method: string }[]): CallSite[] {
    const sf = this.overlay(file, text);
    const out: CallSite[] = [];
    for (const r of removed) {
      const classFile = r.file === file ? sf : this.add(r.file);
      const method = classFile?.getClass(r.className)?.getInstanceMethod(r.method);
      if (!method) continue;
      for (const ref of references(this, method)) {
        if (ref.getSourceFile() !== sf) continue;
        const site = callSite(this, ref, r.className, r.method);
        if (!('why' in site)) out.push({ line: site.line, column: site.column, form: site.form, className: site.className, method: site.method });
      }
    }
    return out.sort(bySite);
  }
}

// ---- a cheap look first: does any file declare a class worth the checker? --------------------------

/**
 * Does any source file under the tsconfig's directory declare a class with a close-like method or a
 * disposer? Texts at hand are used as they are, the others read; no compiler is loaded to answer. When
 * none does, there is nothing to plan (and ts-morph never loads).
 */
export function mayDeclareCloseClass(tsconfig: string, given: { abs: string; text: string }[], look: CloseClassLook = closeClassLook()): boolean {
  const known = new Set<string>();
  for (const f of given) {
    const abs = path.resolve(f.abs);
    known.add(abs);
    if (look.declares(abs, f.text)) return true;
  }
  return walkSourceFiles(path.dirname(tsconfig), (file) => !known.has(file) && look.declares(file), look.list);
}

/** What mayDeclareCloseClass learns about a file or a folder, kept for the next tsconfig of the same run (nested ones share most). */
export interface CloseClassLook {
  /** Does the file declare a class worth the checker: from the text at hand, else read once. */
  declares(file: string, text?: string): boolean;
  /** A folder's entries: as the run's discovery read them, else read once. */
  list(dir: string): readonly ListedEntry[] | null;
}

export function closeClassLook(discovered?: Listings): CloseClassLook {
  const answers = new Map<string, boolean>();
  const listings = new Map<string, readonly ListedEntry[] | null>(discovered);
  return {
    declares(file, text) {
      let yes = answers.get(file);
      if (yes === undefined) {
        const t = text ?? readText(file);
        answers.set(file, (yes = t !== null && declaresCloseClass(t)));
      }
      return yes;
    },
    list(dir) {
      if (!listings.has(dir)) listings.set(dir, readDir(dir));
      return listings.get(dir)!;
    },
  };
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
