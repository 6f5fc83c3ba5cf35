// Manual handles a project helper hands out: `const [trx, err] = await openTransaction(db)` of a helper that
// calls `db.sequelize.transaction()` and returns what it made. The library's callback cannot take the work
// over (its owner is inside the helper), so nothing here is rewritten; two things are reported. A helper's
// promise used as the handle (the call not awaited): whatever it opens is never ended here. And work that
// can fail between the handle and its success end with no failure end on that path (a catch that only logs):
// the transaction stays open, and keeps its connection out of the pool.
import type { CallbackApiSpec, Catalog, MethodEnd } from '../../catalog/js';
import { bindingOwnerPath, collectPaths, enclosingFunction, isFunction, isInside, lineColumn, type Node, type Path, unwrapExpression } from '../analysis/ast';
import { cannotThrow } from '../analysis/lifecycles/flow';
import type { ReasonId } from '../analysis/reasons';
import type { Provenance, Value } from '../provenance/values';
import type { IndexFacts } from '../provenance/serial';
import { handleSpec } from '../provenance/returns';

export interface HelperHandle {
  line: number;
  column: number;
  library: string;
  /** The handle's variable. */
  name: string;
  noun: string;
  reasonId: Extract<ReasonId, 'acquire-not-awaited' | 'transaction-no-rollback'>;
  /** The helper call as written (`openTransaction()`), and the failure end (`rollback()`). */
  helper: string;
  failure: string;
}

type Handle = Extract<Value, { t: 'handle' }>;

/** The callback API behind a handle, when both its ends are methods on the handle itself. */
function specOf(h: Handle): (CallbackApiSpec & { success: MethodEnd; failure: MethodEnd }) | null {
  const spec = handleSpec(h.kind, h.acquire);
  const plain = (e: CallbackApiSpec['success']) => !('sql' in e) && !e.onOwner && !e.then;
  return spec && plain(spec.success) && plain(spec.failure) ? (spec as CallbackApiSpec & { success: MethodEnd; failure: MethodEnd }) : null;
}

function calleeText(callee: Node): string {
  const c = unwrapExpression(callee);
  if (c.type === 'Identifier') return `${c.name}()`;
  if (c.type === 'MemberExpression' && !c.computed && c.object.type === 'Identifier') return `${c.object.name}.${c.property.name}()`;
  return 'the helper';
}

/** `name.method(…)` statements (awaited or not) in `scope` on the binding `owner` declares. */
function endCalls(scope: Path, name: string, method: string, owner: Node): Path[] {
  return collectPaths(scope, (n: Node) => {
    if (n.type !== 'CallExpression') return false;
    const c = unwrapExpression(n.callee);
    return c.type === 'MemberExpression' && !c.computed && c.property.name === method && c.object.type === 'Identifier' && c.object.name === name;
  }).filter((p) => bindingOwnerPath(p.get('callee', 'object'), name)?.node === owner);
}

const handleFacts = new WeakMap<object, boolean>();

/** Does a project module this file imports hand out a callback API's manual handle (by summary or made)? */
export function importsHandles(facts: IndexFacts | undefined, catalog: Catalog): boolean {
  if (!facts) return false;
  let yes = handleFacts.get(facts);
  if (yes === undefined) {
    const acquires = new Set(catalog.libraries.flatMap((l) => (l.callbacks ?? []).map((c) => c.acquire)));
    const visit = (v: unknown): boolean => {
      if (!v || typeof v !== 'object') return false;
      const o = v as { t?: string; method?: string };
      if (o.t === 'handle' || (o.t === 'acquires' && acquires.has(o.method ?? ''))) return true;
      return Object.values(o).some(visit);
    };
    yes = visit(facts.exports);
    handleFacts.set(facts, yes);
  }
  return yes;
}

/** Every manual handle a project helper hands out in this file, reported where it can be left open. */
export function findHelperHandles(root: Path, ctx: { catalog: Catalog; provenance: Provenance }): HelperHandle[] {
  const out: HelperHandle[] = [];
  const calls = collectPaths(root, (n: Node) => n.type === 'CallExpression' && (n.callee.type === 'Identifier' || (n.callee.type === 'MemberExpression' && !n.callee.computed)));
  for (const call of calls) {
    // Only a project function's result: a library's own acquire is the callback sites' business.
    const fn = ctx.provenance.expr(call.get('callee'));
    if (fn?.t !== 'returns' && fn?.t !== 'acquires') continue;
    const value = ctx.provenance.expr(call);
    const at = value?.t === 'tuple' ? value.items.findIndex((v) => v?.t === 'handle') : -1;
    const handle = value?.t === 'handle' ? value : at >= 0 && value?.t === 'tuple' ? (value.items[at] as Handle) : null;
    const spec = handle && specOf(handle);
    if (!handle || !spec) continue;
    const awaited = call.parent?.node.type === 'AwaitExpression';
    const declarator = awaited ? call.parent.parent : call.parent;
    if (declarator?.node.type !== 'VariableDeclarator' || declarator.node.init !== (awaited ? call.parent.node : call.node)) continue;
    const id = declarator.node.id;
    const target = value?.t === 'tuple' ? (id.type === 'ArrayPattern' ? id.elements[at] : null) : id;
    if (target?.type !== 'Identifier') continue;
    const { line, column } = lineColumn(call.node);
    const base = { line, column, library: handle.kind.lib.library, name: target.name, noun: spec.noun, helper: calleeText(call.node.callee), failure: `${spec.failure.method}()` };
    const isAsync = (fn.t === 'returns' || fn.t === 'acquires') && !!fn.async;
    if (!awaited) {
      // `const [trx] = openTransaction(db)`: the promise is taken for the handle; what it opens is left open.
      if (isAsync) out.push({ ...base, reasonId: 'acquire-not-awaited' });
      continue;
    }
    const declaration = declarator.parent;
    const block = declaration.parent;
    if (block?.node.type !== 'BlockStatement') continue;
    const scope = enclosingFunction(block);
    const successes = endCalls(scope, target.name, spec.success.method, block.node);
    const failures = endCalls(scope, target.name, spec.failure.method, block.node);
    // Never ended here: handed on, or kept; not this function's lifecycle.
    if (successes.length === 0) continue;
    if (successes.some((s) => !failureCovers(s, failures, declaration, block))) out.push({ ...base, reasonId: 'transaction-no-rollback' });
  }
  return out;
}

/**
 * Is every failure between the handle and this success end followed by a failure end? Yes when nothing
 * before it can throw, or when it sits in a try whose catch ends the handle by failure.
 */
function failureCovers(success: Path, failures: Path[], declaration: Path, block: Path): boolean {
  for (let cur: Path | null = success.parent; cur && cur.node !== block.node; cur = cur.parent) {
    if (isFunction(cur.node)) return true; // ended in a callback: its timing is the callback's, not judged here
    if (cur.node.type === 'TryStatement' && isInside(success, cur.node.block) && cur.node.handler && failures.some((f) => isInside(f, cur!.node.handler))) return true;
  }
  // Nothing that can throw between the handle and the end: no failure path to cover.
  const list: Node[] = block.node.body;
  const from = list.indexOf(declaration.node);
  let st: Path = success;
  while (st.parent && st.parent.node !== block.node) st = st.parent;
  const to = list.indexOf(st.node);
  if (to < 0) return false;
  const isEnd = (s: Node) => s.type === 'ExpressionStatement' && (s.expression === success.node || (s.expression.type === 'AwaitExpression' && s.expression.argument === success.node));
  return list.slice(from + 1, to).every(cannotThrow) && isEnd(list[to]);
}
