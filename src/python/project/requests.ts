// Per-request sessions across a Flask project: module-level scoped_session registries the request handlers
// use and nothing removes, and sessions or connections parked on `g` that no teardown closes. The remedy
// is a teardown function on the app (`@app.teardown_appcontext`), which runs after every request, also one
// that raised. The facts say which app file gets which teardown, and what to report where there is no app.
import type { PyNode, PyTree } from '../parse/tree';
import { callParts, decoratorsOf, dotted, enclosingFunction, functionName, nameUses, statements } from '../parse/syntax';
import { FLASK_REQUEST_DECORATORS, FLASK_TEARDOWN_DECORATORS, WORKER_SPAWNERS } from '../../catalog/python/flask';
import { isResourceKind, resourceFact } from '../../catalog/python';
import { FileModel, isLibraryKind } from '../analysis/values';

export interface TeardownNeed {
  kind: 'remove' | 'close-g';
  /** The registry's name in its defining module, and the module to import it from (null: bound in the app file). */
  registry?: string;
  importFrom?: string | null;
  /** The `g` attribute. */
  attr?: string;
  noun: string;
  library: string;
  /** Who uses it, for the finding (`resources.py: TodoResource.get()`). */
  users: string;
  closeIdempotent: boolean;
}

export interface TeardownFacts {
  /** The app variable of this file and the teardowns it needs. */
  app?: { name: string; line: number; needs: TeardownNeed[] };
  /** Reports for registries defined / `g` values set in this file: there is no app to register a teardown on. */
  reports: { line: number; column: number; what: string; detail: string; resource: string; library: string }[];
  /** Worker functions of this file (by the line of their `def`) that need `registry.remove()` in a finally. */
  workers?: { line: number; name: string; how: string; registries: string[] }[];
}

interface FileScan {
  file: string;
  model: FileModel;
  apps: { name: string; line: number }[];
  appFactory: string | null;
  /** Registries this file binds (defined here or imported), by local name → identity. */
  registries: Map<string, string>;
  usedInHandlers: Map<string, string>;
  /** Registries some function of this file uses (handler or not). */
  usedInFunctions: Map<string, string>;
  removed: Set<string>;
  /**
   * The last name of every receiver of a `.remove()` with no argument (`model.Session.remove()`: Session):
   * a registry reached through a module's attribute may be removed there, so nothing is said of it.
   */
  removedNames: Set<string>;
  /** The file declares a subclass of a Flask class (`class CKANFlask(MultiStaticFlask)`): an app may be made through it. */
  flaskSubclass: boolean;
  /** Registries removed by a task-queue signal handler (Celery's task_postrun): every task is covered. */
  removedBySignal: Set<string>;
  gSets: { attr: string; line: number; column: number; kind: string; library: string; async: boolean }[];
  gTeardown: Set<string>;
  gClosedElsewhere: Map<string, string>;
  /** Functions this file runs in worker threads or task queues, with the registries they use. */
  workers: { fn: PyNode; how: string; registries: [string, string][] }[];
}

const ROUTES = new RegExp(`^(${FLASK_REQUEST_DECORATORS.join('|')})$`);
const TEARDOWNS = new RegExp(`^(${FLASK_TEARDOWN_DECORATORS.join('|')})$`);
const VIEW_BASES = /(^|\.)(Resource|MethodView|View)$/;

function decoratorMethod(d: PyNode): string {
  const f = d.kind === 'call' ? d.field('function') : d;
  return f?.kind === 'attribute' ? f.field('attribute')!.text : '';
}

/** Functions that serve requests: routed functions, and methods of Flask-RESTful/RESTPlus resources and method views. */
function handlers(tree: PyTree): PyNode[] {
  const out: PyNode[] = [];
  for (const def of tree.root.findAll(['function_definition'])) {
    if (decoratorsOf(def).some((d) => ROUTES.test(decoratorMethod(d)))) {
      out.push(def);
      continue;
    }
    let p = def.parent;
    if (p?.kind === 'decorated_definition') p = p.parent;
    const cls = p?.kind === 'block' ? p.parent : null;
    if (cls?.kind !== 'class_definition') continue;
    const bases = cls.field('superclasses')?.named ?? [];
    if (bases.some((b) => VIEW_BASES.test(b.text)) || decoratorsOf(cls).some((d) => decoratorMethod(d) === 'route')) out.push(def);
  }
  return out;
}

/** Functions registered as app teardowns (decorated, or passed to `app.teardown_appcontext(fn)`). */
function teardownFunctions(model: FileModel): PyNode[] {
  const registered = new Set<string>();
  for (const call of model.tree.root.findAll(['call'])) {
    const p = callParts(call);
    if (p?.callee.kind === 'attribute' && TEARDOWNS.test(p.callee.field('attribute')!.text)) for (const a of p.positional) registered.add(a.text);
  }
  return model.tree.root.findAll(['function_definition']).filter((d) => registered.has(functionName(d)) || decoratorsOf(d).some((x) => TEARDOWNS.test(decoratorMethod(x))));
}

export function scanFile(file: string, model: FileModel): FileScan {
  const tree = model.tree;
  const scan: FileScan = { file, model, apps: [], appFactory: null, registries: new Map(), usedInHandlers: new Map(), usedInFunctions: new Map(), removed: new Set(), removedNames: new Set(), flaskSubclass: false, removedBySignal: new Set(), gSets: [], gTeardown: new Set(), gClosedElsewhere: new Map(), workers: [] };
  scan.flaskSubclass = tree.root.findAll(['class_definition']).some((c) => (c.field('superclasses')?.named ?? []).some((b) => /(^|\.)\w*Flask$/.test(b.text)));
  for (const call of tree.root.findAll(['call'])) {
    const p = callParts(call);
    if (!p || model.imports.qualify(p.callee) !== 'flask.Flask') continue;
    const fn = enclosingFunction(call);
    if (fn) scan.appFactory = functionName(fn);
    else if (call.parent?.kind === 'assignment' && call.parent.field('left')?.kind === 'identifier' && call.parent.parent?.parent === tree.root)
      scan.apps.push({ name: call.parent.field('left')!.text, line: call.parent.parent.line });
  }
  // Registries bound at module level here, by definition or import.
  for (const name of [...model.moduleNames(), ...model.imports.bindings.keys()]) {
    const v = model.nameValue(name, null);
    if (v?.kind !== 'scoped-registry') continue;
    scan.registries.set(name, v.home ?? `${file}#${name}`);
  }
  for (const h of handlers(tree)) {
    for (const [name, id] of scan.registries) if (nameUses(h, name).length && !scan.usedInHandlers.has(id)) scan.usedInHandlers.set(id, `${functionName(h)}()`);
  }
  if (scan.registries.size)
    for (const def of tree.root.findAll(['function_definition']))
      for (const [name, id] of scan.registries) if (!scan.usedInFunctions.has(id) && nameUses(def.field('body')!, name).length) scan.usedInFunctions.set(id, `${functionName(def)}()`);
  for (const call of tree.root.findAll(['call'])) {
    const f = call.field('function');
    if (f?.kind !== 'attribute' || f.field('attribute')?.text !== 'remove') continue;
    const receiver = dotted(f.field('object')) ?? '';
    if (receiver && !call.field('arguments')?.named.some((a) => a.kind !== 'comment')) scan.removedNames.add(receiver.split('.').pop()!);
    const id = scan.registries.get(receiver);
    if (!id) continue;
    scan.removed.add(id);
    const where = enclosingFunction(call);
    if (where && decoratorsOf(where).some((d) => /task_(pre|post)run|worker_process_shutdown|task_failure|task_success/.test(d.text))) scan.removedBySignal.add(id);
  }
  // Values parked on g, and the teardowns that take them off.
  for (const a of tree.root.findAll(['assignment'])) {
    const left = a.field('left');
    const right = a.field('right');
    if (left?.kind !== 'attribute' || !right || model.imports.qualify(left.field('object')) !== 'flask.g') continue;
    const fn = enclosingFunction(a);
    const v = model.classify(right, fn);
    if (!v || !isLibraryKind(v.kind) || !isResourceKind(v.kind)) continue;
    scan.gSets.push({ attr: left.field('attribute')!.text, line: a.line, column: a.column, kind: v.kind, library: v.library, async: v.kind.startsWith('async') });
  }
  const teardowns = teardownFunctions(model);
  for (const t of teardowns) for (const m of t.text.matchAll(/\bg\.(\w+)|\bg\.pop\(\s*["'](\w+)["']|getattr\(\s*g\s*,\s*["'](\w+)["']/g)) scan.gTeardown.add(m[1] ?? m[2] ?? m[3]);
  for (const call of tree.root.findAll(['call'])) {
    const f = call.field('function');
    if (f?.kind !== 'attribute' || f.field('attribute')?.text !== 'close') continue;
    const recv = f.field('object');
    if (recv?.kind !== 'attribute' || model.imports.qualify(recv.field('object')) !== 'flask.g') continue;
    const fn = enclosingFunction(call);
    if (fn && !teardowns.includes(fn)) scan.gClosedElsewhere.set(recv.field('attribute')!.text, `${functionName(fn)}()`);
  }
  if (scan.registries.size) scan.workers = workerFunctions(model).flatMap((w) => {
    const used = [...scan.registries].filter(([name]) => nameUses(w.fn.field('body')!, name).length > 0);
    return used.length ? [{ ...w, registries: used }] : [];
  });
  void statements;
  return scan;
}

/** Functions handed to another thread or a task queue: `Thread(target=f)`, `pool.submit(f)`, `@app.task`. */
function workerFunctions(model: FileModel): { fn: PyNode; how: string }[] {
  const defs = new Map(statements(model.tree.root).flatMap((s) => {
    const d = s.kind === 'decorated_definition' ? s.field('definition') : s;
    return d?.kind === 'function_definition' ? [[functionName(d), d] as const] : [];
  }));
  const out = new Map<PyNode, string>();
  for (const call of model.tree.root.findAll(['call'])) {
    const p = callParts(call);
    if (!p) continue;
    const q = model.imports.qualify(p.callee) ?? '';
    const method = p.callee.kind === 'attribute' ? p.callee.field('attribute')!.text : '';
    let target: PyNode | undefined;
    let how = '';
    if (WORKER_SPAWNERS.targetKeyword.includes(q)) [target, how] = [p.keywords.get('target'), `${q.split('.').pop()}(target=…)`];
    else if (WORKER_SPAWNERS.methods.includes(method)) [target, how] = [p.positional[0], `${method}()`];
    else if (method === 'run_in_executor') [target, how] = [p.positional[1], 'run_in_executor()'];
    const def = target?.kind === 'identifier' ? defs.get(target.text) : undefined;
    if (def && !out.has(def)) out.set(def, how);
  }
  for (const d of defs.values())
    for (const dec of decoratorsOf(d)) if (WORKER_SPAWNERS.taskDecorators.includes(decoratorMethod(dec) || (dec.kind === 'call' ? dec.field('function')?.text : dec.text) || '')) out.set(d, `@${dec.text.replace(/\(.*$/s, '')}`);
  return [...out].map(([fn, how]) => ({ fn, how }));
}

/** Joins the scans of a project (or of one file) into teardown facts per file. */
export function planTeardowns(scans: FileScan[], importPathOf: (from: string, to: string) => string | null, project: boolean): Map<string, TeardownFacts> {
  const out = new Map<string, TeardownFacts>(scans.map((s) => [s.file, { reports: [] }]));
  const apps = scans.flatMap((s) => s.apps.map((a) => ({ ...a, file: s.file })));
  const factory = scans.find((s) => s.appFactory);
  const removed = new Set(scans.flatMap((s) => [...s.removed]));
  const removedNames = new Set(scans.flatMap((s) => [...s.removedNames]));
  // An app may be made through a subclass of Flask's (or of a Flask extension's): then none is said to be missing.
  const subclassed = scans.some((s) => s.flaskSubclass);
  const bySignal = new Set(scans.flatMap((s) => [...s.removedBySignal]));
  const app = apps.length === 1 ? apps[0] : null;
  const noApp = apps.length > 1 ? `${apps.length} modules make one` : factory ? `the app is made inside ${factory.appFactory}()` : project ? 'no module of the project makes one' : 'not in this file';
  const need = (n: TeardownNeed) => {
    const f = out.get(app!.file)!;
    f.app ??= { name: app!.name, line: app!.line, needs: [] };
    if (!f.app.needs.some((x) => x.kind === n.kind && x.registry === n.registry && x.attr === n.attr)) f.app.needs.push(n);
  };
  const seen = new Set<string>();
  const uses = scans.flatMap((s) => [...s.usedInHandlers].map(([id, users]) => ({ s, id, users, handler: true })));
  // Without an app, a registry any function uses and nothing removes is reported too (a worker, another framework).
  if (!app) uses.push(...scans.flatMap((s) => [...s.usedInFunctions].map(([id, users]) => ({ s, id, users, handler: false }))));
  for (const { s, id, users, handler } of uses) {
    {
      if (removed.has(id) || seen.has(id)) continue;
      seen.add(id);
      const [defFile, name] = id.split('#');
      if (removedNames.has(name)) continue;
      const def = scans.find((x) => x.file === defFile);
      if (app) {
        const local = [...(scans.find((x) => x.file === app.file)?.registries ?? [])].find(([, i]) => i === id)?.[0];
        const importFrom = local ? null : importPathOf(app.file, defFile);
        if (local || importFrom) need({ kind: 'remove', registry: local ?? name, importFrom, noun: 'scoped session', library: 'sqlalchemy', users: `${s.file.split('/').pop()}: ${users}`, closeIdempotent: true });
        continue;
      }
      const at = def?.model.tree.root.findAll(['assignment']).find((a) => a.field('left')?.text === name && a.parent?.parent === def.model.tree.root);
      const what = handler ? `${name} is a scoped session the request handlers use (${users}) and nothing removes,` : `${name} is a scoped session that ${users} uses and nothing in the project removes,`;
      if (project && def && at && !subclassed) out.get(defFile)!.reports.push({ line: at.line, column: at.column, what, detail: noApp, resource: name, library: 'sqlalchemy' });
    }
  }
  // Worker threads and tasks: the finally of the function the worker runs removes the session.
  for (const s of scans)
    for (const w of s.workers) {
      // Its own finally, or a task signal handler for a task; a request teardown does not run for a worker.
      const regs = w.registries.filter(([name, id]) => !(w.how.startsWith('@') && bySignal.has(id)) && !new RegExp(`\\b${name}\\.remove\\(`).test(w.fn.text)).map(([name]) => name);
      if (!regs.length) continue;
      const f = out.get(s.file)!;
      (f.workers ??= []).push({ line: w.fn.line, name: functionName(w.fn), how: w.how, registries: regs });
    }
  for (const s of scans)
    for (const g of s.gSets) {
      if (g.async || scans.some((x) => x.gTeardown.has(g.attr))) continue;
      const fact = resourceFact(g.kind as never, g.library);
      const elsewhere = scans.map((x) => x.gClosedElsewhere.get(g.attr)).find(Boolean);
      if (elsewhere && !fact.closeIdempotent) continue;
      if (app) need({ kind: 'close-g', attr: g.attr, noun: fact.noun, library: fact.library, users: elsewhere ?? '', closeIdempotent: fact.closeIdempotent });
      else if (project && !subclassed) out.get(s.file)!.reports.push({ line: g.line, column: g.column, what: `g.${g.attr} holds a ${fact.noun} that no teardown closes,`, detail: noApp, resource: `g.${g.attr}`, library: fact.library });
    }
  return out;
}
