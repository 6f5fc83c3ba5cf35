// The lifecycle finder: `x = <acquire>` … `x.close()` in one function, and whether a `with` block can scope
// it with exactly the same effects on the paths that already closed it. One model feeds both the rewrite
// and the report, so a finding's reason is always about the code it names.
import type { PyNode } from '../parse/tree';
import type { PySource } from '../parse/text';
import {
  assignmentOf, blockPosition, enclosingFunction, expressionOf, isAsyncFunction, methodCallStatement, nameUses, SCOPE_KINDS, statements, unwrapAwait,
} from '../parse/syntax';
import type { PyLifecycleReasonId } from '../reasons';
import { exitsOf, readNames, roleOf, taintedNames, usesIn, type Exit } from './flow';
import type { FileModel, Value } from './values';

/** What the finder needs to know about a kind of resource (a catalogue entry or a project class). */
export interface ResourceDescriptor {
  noun: string;
  library: string;
  release: string;
  releaseAwaited: boolean;
  withForm: 'native' | 'async-native' | 'closing';
  closeIdempotent: boolean;
  attachedResults: boolean;
  materialisers: string[];
  /** What the context manager does at exit, for the finding. */
  cm: string;
  /** `x.commit()` at the end can become `with … as x, x.begin():` (sessions) or `engine.begin()` (Core). */
  transaction: 'session' | 'connection' | null;
  kind: string;
}

export interface TransactionForm {
  kind: 'session' | 'connection';
  commit: PyNode;
}

export interface LifecyclePlan {
  name: string;
  resource: ResourceDescriptor;
  fn: PyNode;
  acquire: PyNode;
  /** The right side of the assignment, `await` removed where the with-form takes the object itself. */
  acquireExpr: PyNode;
  block: PyNode;
  index: number;
  list: PyNode[];
  /** The closing statement, or null when the with block runs to the end of the block (a generator's `yield x`). */
  release: PyNode | null;
  region: PyNode[];
  /** close() calls inside the work that just precede an exit: the with block makes them redundant. */
  innerCloses: PyNode[];
  transaction: TransactionForm | null;
  exits: Exit[];
  step: string;
}

export type LifecycleVerdict =
  | { kind: 'fix'; plan: LifecyclePlan }
  | { kind: 'report'; reasonId: PyLifecycleReasonId; values: Record<string, string>; node: PyNode; name: string; resource: ResourceDescriptor }
  | { kind: 'skip' };

/** Decides which acquired values this run looks at (catalogue resources, or project classes). */
export type ResourceFilter = (value: Value) => ResourceDescriptor | null;

export function findLifecycles(model: FileModel, src: PySource, accept: ResourceFilter): LifecycleVerdict[] {
  const out: LifecycleVerdict[] = [];
  for (const a of model.tree.root.findAll(['assignment'])) {
    const stmt = a.parent;
    if (stmt?.kind !== 'expression_statement') continue;
    const parts = assignmentOf(stmt);
    if (!parts || parts.left.kind !== 'identifier' || !parts.right) continue;
    const { expr, awaited } = unwrapAwait(parts.right);
    if (expr.kind !== 'call') continue;
    const fn = enclosingFunction(stmt);
    if (!fn) continue;
    const value = model.classify(parts.right, fn);
    if (!value) continue;
    const resource = accept(value);
    if (!resource) continue;
    if (awaited !== (resource.withForm === 'async-native' && value.kind === 'async-connection')) continue;
    out.push(judge(model, src, stmt, parts.left.text, resource, awaited ? expr : parts.right, fn));
  }
  return out;
}

function report(reasonId: PyLifecycleReasonId, node: PyNode, name: string, resource: ResourceDescriptor, values: Record<string, string> = {}): LifecycleVerdict {
  return { kind: 'report', reasonId, values, node, name, resource };
}

function isClose(stmt: PyNode, name: string, resource: ResourceDescriptor): { awaited: boolean; args: boolean } | null {
  const m = methodCallStatement(stmt);
  if (!m || m.method !== resource.release || m.receiver.kind !== 'identifier' || m.receiver.text !== name) return null;
  const args = m.call.field('arguments');
  return { awaited: m.awaited, args: !!args && args.named.some((c) => c.kind !== 'comment') };
}

/** Statements of a function body in source order, nested blocks included, nested scopes left out. */
function allStatements(root: PyNode): PyNode[] {
  const out: PyNode[] = [];
  const visit = (block: PyNode): void => {
    for (const s of statements(block)) {
      out.push(s);
      if (SCOPE_KINDS.has(s.kind) || s.kind === 'decorated_definition') continue;
      s.walk((n) => {
        if (n === s) return;
        if (SCOPE_KINDS.has(n.kind) || n.kind === 'decorated_definition') return false;
        if (n.kind === 'block') {
          visit(n);
          return false;
        }
      });
    }
  };
  visit(root);
  return out;
}

function judge(model: FileModel, src: PySource, stmt: PyNode, name: string, resource: ResourceDescriptor, acquireExpr: PyNode, fn: PyNode): LifecycleVerdict {
  const body = fn.field('body')!;
  const pos = blockPosition(stmt);
  if (!pos) return { kind: 'skip' };
  if (new RegExp(`\\b(global|nonlocal)\\b[^\\n]*\\b${name}\\b`).test(body.text)) return report('not-local', stmt, name, resource, { name });
  const all = allStatements(body);
  const after = all.filter((s) => s.start >= stmt.end);

  // Already released on every path: a finally that closes it, or a with block around it.
  for (const s of all) {
    if (s.kind !== 'try_statement') continue;
    const fin = s.named.find((c) => c.kind === 'finally_clause');
    if (fin && nameUses(fin, name).some((u) => u.node.parent?.kind === 'attribute' && /^(close|remove|release)$/.test(u.node.parent.field('attribute')?.text ?? ''))) return { kind: 'skip' };
  }
  for (const u of usesIn(after, name)) {
    const r = roleOf(u.node);
    if (r.role === 'with-item' && resource.withForm !== 'closing') return { kind: 'skip' };
    if (r.role === 'argument' && /(^|\.)closing$/.test(r.call.field('function')?.text ?? '') && r.call.parent?.kind === 'with_item') return { kind: 'skip' };
  }
  if (resource.withForm === 'async-native' && !isAsyncFunction(fn)) return { kind: 'skip' };

  const closes = after.filter((s) => isClose(s, name, resource));
  const j = pos.list.findIndex((s, k) => k > pos.index && isClose(s, name, resource));
  const terminal = j >= 0 ? pos.list[j] : null;

  if (!terminal) return withoutTerminal(src, stmt, name, resource, acquireExpr, fn, pos, closes, after);

  const c = isClose(terminal, name, resource)!;
  if (c.args) return report('release-mismatch', stmt, name, resource, { detail: 'called with arguments' });
  if (c.awaited !== resource.releaseAwaited) return report('release-mismatch', stmt, name, resource, { detail: c.awaited ? 'awaited' : 'not awaited' });
  const region = pos.list.slice(pos.index + 1, j);
  const verdict = checkRegion(model, src, stmt, name, resource, fn, pos, region, terminal, closes);
  if (verdict) return verdict;
  const step = src.stepOf(pos.block.parent ?? pos.block, pos.block);
  if (!step) return report('indentation', stmt, name, resource, { detail: 'the block is on one line with its header, or mixes tabs and spaces' });
  return {
    kind: 'fix',
    plan: {
      name, resource, fn, acquire: stmt, acquireExpr, block: pos.block, index: pos.index, list: pos.list, release: terminal, region,
      innerCloses: closes.filter((s) => s !== terminal && region.some((r) => r.contains(s))),
      transaction: transactionForm(name, resource, region, acquireExpr),
      exits: exitsOf(region),
      step,
    },
  };
}

function sharesLine(src: PySource, list: PyNode[], k: number): boolean {
  const s = list[k];
  const prev = list[k - 1];
  const next = list[k + 1];
  return (!!prev && src.lineOf(prev.end) === src.lineOf(s.start)) || (!!next && src.lineOf(next.start) === src.lineOf(s.end));
}

function withoutTerminal(
  src: PySource, stmt: PyNode, name: string, resource: ResourceDescriptor, acquireExpr: PyNode, fn: PyNode,
  pos: { block: PyNode; index: number; list: PyNode[] }, closes: PyNode[], after: PyNode[],
): LifecycleVerdict {
  const uses = usesIn(after, name);
  const roles = uses.map((u) => ({ u, r: roleOf(u.node) }));
  // A generator that hands the resource out and never closes it: the FastAPI dependency shape.
  const rest = pos.list.slice(pos.index + 1);
  const yieldAt = rest.findIndex((s) => {
    const e = expressionOf(s);
    return e?.kind === 'yield' && e.named[0]?.kind === 'identifier' && e.named[0].text === name;
  });
  if (closes.length === 0 && yieldAt >= 0 && pos.block === fn.field('body') && roles.every(({ u, r }) => !u.nested && (r.role === 'member' || r.role === 'argument' || r.role === 'yielded' || r.role === 'other'))) {
    const region = rest;
    if (exitsOf(region).some((e) => e.kind !== 'raise')) return report('never-closed', stmt, name, resource);
    if (!sharesLine(src, pos.list, pos.index)) {
      const step = src.stepOf(pos.block.parent ?? pos.block, pos.block);
      if (step)
        return {
          kind: 'fix',
          plan: { name, resource, fn, acquire: stmt, acquireExpr, block: pos.block, index: pos.index, list: pos.list, release: null, region, innerCloses: [], transaction: null, exits: [], step },
        };
    }
  }
  if (closes.length) return report('closed-conditionally', stmt, name, resource, { line: String(src.lineOf(closes[0].start) + 1) });
  for (const { r } of roles) {
    if (r.role === 'returned') return report('returned', stmt, name, resource);
    if (r.role === 'stored') return report('stored', stmt, name, resource, { where: r.where });
    if (r.role === 'aliased') return report('aliased', stmt, name, resource, { where: r.target.text });
  }
  return report('never-closed', stmt, name, resource);
}

function checkRegion(
  model: FileModel, src: PySource, stmt: PyNode, name: string, resource: ResourceDescriptor, fn: PyNode,
  pos: { block: PyNode; index: number; list: PyNode[] }, region: PyNode[], terminal: PyNode, closes: PyNode[],
): LifecycleVerdict | null {
  const j = pos.list.indexOf(terminal);
  if (sharesLine(src, pos.list, pos.index)) return report('shared-line', stmt, name, resource, { what: 'acquire' });
  if (sharesLine(src, pos.list, j)) return report('shared-line', stmt, name, resource, { what: 'close()' });

  const line = (n: PyNode) => String(src.lineOf(n.start) + 1);
  for (const u of usesIn(region, name)) {
    if (u.nested) return report('used-in-closure', stmt, name, resource, { name, line: line(u.node) });
    const r = roleOf(u.node);
    if (r.role === 'rebound') return report('reassigned', stmt, name, resource, { name, line: line(u.node) });
    if (r.role === 'returned') return report('returned', stmt, name, resource);
    if (r.role === 'stored') return report('stored', stmt, name, resource, { where: r.where });
    if (r.role === 'aliased') return report('aliased', stmt, name, resource, { where: r.target.text });
    if (r.role === 'with-item' && resource.withForm !== 'closing') return report('closed-early', stmt, name, resource, { line: line(u.node) });
  }

  // Used again after close(): up to the next statement of the same block that binds the name anew.
  const later = pos.list.slice(j + 1);
  const rebind = later.findIndex((s) => {
    const a = assignmentOf(s);
    return a?.left.kind === 'identifier' && a.left.text === name;
  });
  const afterClose = (rebind >= 0 ? later.slice(0, rebind + 1) : later).flatMap((s, k, arr) => {
    if (rebind >= 0 && k === arr.length - 1) return nameUses(assignmentOf(s)!.right ?? s, name);
    return nameUses(s, name);
  });
  const outside = fn.field('body')!;
  const trailing = afterClose.length ? afterClose : usesAfterBlock(outside, pos.block, name);
  if (trailing.length) {
    const reopens = resource.kind === 'session' || resource.kind === 'scoped-session' || resource.kind === 'async-session' ? ', which opens a new transaction on it' : '';
    return report('used-after-close', stmt, name, resource, { name, line: line(trailing[0].node), reopens });
  }

  for (const c of closes) {
    if (c === terminal || !region.some((r) => r.contains(c))) continue;
    const cp = blockPosition(c);
    const next = cp ? cp.list[cp.index + 1] : undefined;
    const leaves = next && exitsOf(region).some((e) => e.node === next);
    if (!leaves) return report('closed-early', stmt, name, resource, { line: line(c) });
  }

  const exits = exitsOf(region);
  if (exits.some((e) => e.kind !== 'raise')) {
    const tainted = taintedNames(region, name);
    for (const e of exits) {
      if (e.kind === 'raise') continue;
      if (e.kind === 'return') {
        const value = e.node.named.find((c) => c.kind !== 'comment');
        if (!value) continue;
        const reads = [...readNames(value)].filter((n) => tainted.has(n));
        if (!reads.length || isMaterialised(value, resource, region, tainted)) continue;
        return report('early-exit-value', stmt, name, resource, { exit: 'return', line: line(e.node), what: `\`${value.text.length > 40 ? reads[0] : value.text}\``, noun: resource.noun, consequence: consequenceOf(resource) });
      }
      // break / continue: values computed in the work must not be read after it.
      const outsideReads = allOutside(fn, region).filter((n) => n !== name && tainted.has(n));
      if (outsideReads.length)
        return report('early-exit-value', stmt, name, resource, { exit: e.kind, line: line(e.node), what: `\`${outsideReads[0]}\``, noun: resource.noun, consequence: consequenceOf(resource) });
      const stores = usesIn(region, name).length && storesTainted(region, tainted, name);
      if (stores) return report('early-exit-value', stmt, name, resource, { exit: e.kind, line: line(e.node), what: `\`${stores}\``, noun: resource.noun, consequence: consequenceOf(resource) });
    }
  }
  void model;
  return null;
}

function consequenceOf(resource: ResourceDescriptor): string {
  return resource.attachedResults ? ' (ORM objects detached, lazy loads fail)' : ' (results read from a closed connection)';
}

/** `rows.fetchall()`, `result.scalars().all()`, or a name every assignment of which is such a call. */
function isMaterialised(value: PyNode, resource: ResourceDescriptor, region: PyNode[], tainted: Set<string>): boolean {
  if (resource.attachedResults) return false;
  const direct = (e: PyNode): boolean => {
    const { expr } = unwrapAwait(e);
    if (expr.kind !== 'call') return false;
    const f = expr.field('function');
    return f?.kind === 'attribute' && resource.materialisers.includes(f.field('attribute')?.text ?? '');
  };
  if (direct(value)) return true;
  if (value.kind !== 'identifier') return false;
  const assigns: PyNode[] = [];
  for (const s of region)
    s.walk((n) => {
      if (SCOPE_KINDS.has(n.kind)) return false;
      if (n.kind === 'assignment' && n.field('left')?.kind === 'identifier' && n.field('left')!.text === value.text) assigns.push(n);
    });
  void tainted;
  return assigns.length > 0 && assigns.every((a) => a.field('right') && direct(a.field('right')!));
}

/** Names read in the function outside the region (after it, or before it in a loop). */
function allOutside(fn: PyNode, region: PyNode[]): string[] {
  const out: string[] = [];
  fn.field('body')!.walk((n) => {
    if (region.some((r) => r.contains(n))) return false;
    if (n.kind === 'identifier') out.push(n.text);
  });
  return out;
}

/** A value computed from the resource handed to a storing method or an attribute (what an early exit would carry out). */
function storesTainted(region: PyNode[], tainted: Set<string>, name: string): string | null {
  let found: string | null = null;
  for (const s of region)
    s.walk((n) => {
      if (found) return false;
      if (n.kind === 'identifier' && n.text !== name && tainted.has(n.text)) {
        const r = roleOf(n);
        if (r.role === 'stored') found = n.text;
      }
    });
  return found;
}

function usesAfterBlock(body: PyNode, block: PyNode, name: string) {
  // Uses after the whole block that holds the lifecycle (an enclosing loop's next iteration rebinds first).
  const out = nameUses(body, name).filter((u) => u.node.start >= block.end);
  return out;
}

/** `x.commit()` as the work's last statement, with nothing else steering the transaction. */
function transactionForm(name: string, resource: ResourceDescriptor, region: PyNode[], acquireExpr: PyNode): TransactionForm | null {
  if (!resource.transaction || !region.length) return null;
  const last = region[region.length - 1];
  const m = methodCallStatement(last);
  if (!m || m.method !== 'commit' || m.receiver.text !== name || m.awaited !== resource.releaseAwaited) return null;
  if (m.call.field('arguments')?.named.some((c) => c.kind !== 'comment')) return null;
  if (exitsOf(region).length) return null;
  if (/\bautocommit\s*=/.test(acquireExpr.text)) return null;
  if (resource.transaction === 'connection') {
    const { expr } = unwrapAwait(acquireExpr);
    const fn = expr.field('function');
    if (fn?.kind !== 'attribute' || fn.field('attribute')?.text !== 'connect' || expr.field('arguments')?.named.some((c) => c.kind !== 'comment')) return null;
  }
  for (const u of usesIn(region, name)) {
    if (u.nested) return null;
    const r = roleOf(u.node);
    if (r.role === 'argument') return null; // the callee might commit or roll back itself
    if (r.role !== 'member') continue;
    const method = u.node.parent?.field('attribute')?.text ?? '';
    let stmt = u.node.parent!.parent;
    while (stmt && stmt.kind !== 'expression_statement' && stmt.kind !== 'block') stmt = stmt.parent;
    if (/^(commit|rollback|begin|begin_nested|close|invalidate|in_transaction|get_transaction|connection|detach)$/.test(method) && stmt !== last) return null;
  }
  return { kind: resource.transaction, commit: last };
}
