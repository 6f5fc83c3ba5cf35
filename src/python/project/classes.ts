// Classes that hold a resource in a field and release it in close(): the founding example's shape. The
// facts say whether the class is (or can become) a context manager and whether a second close() is
// harmless, so callers can be scoped with `with` and a close() left inside such a block can go.
import type { PyNode, PyTree } from '../parse/tree';
import { isAsyncFunction, methodCallStatement, parametersOf, statements } from '../parse/syntax';
import { isResourceKind, resourceFact } from '../../catalog/python';
import { FileModel } from '../analysis/values';
import type { PySource } from '../parse/text';
import { findLifecycles } from '../analysis/lifecycles';
import { instanceResource, type ClassFacts } from '../analysis/classFacts';

export type { ClassFacts };


const HELD = new Set(['session', 'async-session', 'scoped-session', 'connection', 'async-connection', 'raw-connection', 'dbapi-connection', 'engine', 'async-engine']);
const RELEASES = new Set(['close', 'dispose', 'remove']);

interface Held {
  field: string;
  kind: string;
  library: string;
}

function methodsOf(cls: PyNode): Map<string, PyNode> {
  const out = new Map<string, PyNode>();
  for (const s of statements(cls.field('body')!)) {
    const d = s.kind === 'decorated_definition' ? s.field('definition') : s;
    if (d?.kind === 'function_definition') out.set(d.field('name')?.text ?? '', d);
  }
  return out;
}

/** Fields assigned a session, connection or engine in any method (`self.session = Session(engine)`). */
function heldFields(model: FileModel, cls: PyNode, methods: Map<string, PyNode>): Held[] {
  const out = new Map<string, Held>();
  for (const m of methods.values()) {
    const body = m.field('body');
    if (!body) continue;
    model.walkStatements(body, (stmt) => {
      const e = stmt.named[0];
      if (e?.kind !== 'assignment') return;
      const left = e.field('left');
      const right = e.field('right');
      if (left?.kind !== 'attribute' || left.field('object')?.text !== 'self' || !right) return;
      const v = model.classify(right, m);
      if (v && HELD.has(v.kind) && v.origin !== 'param') out.set(left.field('attribute')!.text, { field: left.field('attribute')!.text, kind: v.kind, library: v.library });
    });
  }
  void cls;
  return [...out.values()];
}

/** Every statement of close() releases a held field, guards such a release, or resets a field. */
function closeIsIdempotent(close: PyNode, held: Held[]): boolean {
  const heldBy = new Map(held.map((h) => [h.field, h]));
  const ok = (stmts: PyNode[], resets: Set<string>): boolean =>
    stmts.every((s) => {
      if (s.kind === 'pass_statement' || (s.kind === 'expression_statement' && s.named[0]?.kind === 'string')) return true;
      const call = methodCallStatement(s);
      if (call && RELEASES.has(call.method) && call.receiver.kind === 'attribute' && call.receiver.field('object')?.text === 'self') {
        const h = heldBy.get(call.receiver.field('attribute')!.text);
        if (!h) return false;
        if (!isResourceKind(h.kind as never)) return true; // an engine's dispose() can run again
        return resourceFact(h.kind as never, h.library).closeIdempotent || resets.has(h.field);
      }
      const e = s.named[0];
      if (s.kind === 'expression_statement' && e?.kind === 'assignment' && e.field('left')?.kind === 'attribute' && e.field('left')!.field('object')?.text === 'self' && e.field('right')?.kind === 'none') return true;
      if (s.kind === 'if_statement' && !s.named.some((c) => c.kind === 'elif_clause' || c.kind === 'else_clause')) {
        const body = statements(s.field('consequence')!);
        const inner = new Set(body.flatMap((b) => (/^self\.(\w+)\s*=\s*None$/.exec(b.text) ? [RegExp.$1] : [])));
        return ok(body, inner);
      }
      return false;
    });
  const body = statements(close.field('body')!);
  const resets = new Set(body.flatMap((b) => (/^self\.(\w+)\s*=\s*None$/.exec(b.text) ? [/^self\.(\w+)/.exec(b.text)![1]] : [])));
  return ok(body, resets);
}

export function classFactsOf(file: string, tree: PyTree, imported: Map<string, ClassFacts>): Map<string, ClassFacts> {
  const model = new FileModel(tree, new Map(), new Set(imported.keys()));
  const out = new Map<string, ClassFacts>();
  for (const s of statements(tree.root)) {
    const cls = s.kind === 'decorated_definition' ? s.field('definition') : s;
    if (cls?.kind !== 'class_definition') continue;
    const name = cls.field('name')?.text ?? '';
    const methods = methodsOf(cls);
    const close = methods.get('close');
    if (!close || parametersOf(close).length !== 1 || close.parent?.kind === 'decorated_definition') continue;
    const held = heldFields(model, cls, methods);
    const released = held.filter((h) => new RegExp(`\\bself\\.${h.field}\\b`).test(close.field('body')!.text));
    if (!released.length) continue;
    const closeAsync = isAsyncFunction(close);
    const [enter, exit] = closeAsync ? ['__aenter__', '__aexit__'] : ['__enter__', '__exit__'];
    const bases = cls.field('superclasses')?.named.filter((c) => c.kind !== 'comment') ?? [];
    let contextManager: ClassFacts['contextManager'] = methods.has(enter) && methods.has(exit) ? 'exists' : 'added';
    let why: string | undefined;
    if (contextManager === 'added') {
      const foreign = bases.find((b) => b.text !== 'object' && !imported.has(b.text));
      if (methods.has(enter) || methods.has(exit)) [contextManager, why] = ['none', `it defines only one of ${enter} and ${exit}`];
      else if (foreign) [contextManager, why] = ['none', `it inherits from ${foreign.text}, whose ${enter}/${exit} this run cannot see`];
    }
    const main = released.find((h) => isResourceKind(h.kind as never)) ?? released[0];
    out.set(name, {
      file,
      className: name,
      close: 'close',
      closeAsync,
      contextManager,
      why,
      closeIdempotent: closeIsIdempotent(close, held),
      noun: isResourceKind(main.kind as never) ? resourceFact(main.kind as never, main.library).noun : 'engine',
      field: `self.${main.field}`,
      library: main.library,
    });
  }
  return out;
}

/**
 * A class becomes a context manager only where that fixes something: some caller in the files given holds
 * an instance for one unit of work that a `with` block can scope. Otherwise `added` turns into `none`.
 */
export function confirmCallers(files: { model: FileModel; src: PySource; classes: Map<string, ClassFacts> }[]): void {
  const confirmed = new Set<ClassFacts>();
  for (const f of files) {
    if (![...f.classes.values()].some((c) => c.contextManager === 'added')) continue;
    for (const v of findLifecycles(f.model, f.src, instanceResource(f.classes, true), { session14: true })) {
      if (v.kind !== 'fix') continue;
      const c = f.classes.get(v.plan.resource.kind.replace(/^instance:/, ''));
      if (c) confirmed.add(c);
    }
  }
  for (const f of files)
    for (const c of f.classes.values())
      if (c.contextManager === 'added' && !confirmed.has(c)) {
        c.contextManager = 'none';
        c.why = 'no caller in this run holds an instance for one unit of work that a with block could scope';
      }
}
