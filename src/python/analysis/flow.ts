// Control and data flow inside one function, as much as the lifecycle verdicts need: where the work can
// leave early, which names carry values computed from the resource, how the resource itself is used.
import type { PyNode } from '../parse/tree';
import { nameUses, SCOPE_KINDS, type NameUse } from '../parse/syntax';
import { Imports } from './imports';

const LOOPS = new Set(['for_statement', 'while_statement']);

export interface Exit {
  node: PyNode;
  kind: 'return' | 'raise' | 'break' | 'continue';
}

/**
 * Statements inside `region` that leave it: every return and raise, and a break or continue whose loop
 * is outside the region. Nested functions and classes are not looked into.
 */
export function exitsOf(region: PyNode[]): Exit[] {
  const out: Exit[] = [];
  const inRegion = (n: PyNode) => region.some((r) => r.contains(n));
  for (const stmt of region)
    stmt.walk((n) => {
      if (n !== stmt && (SCOPE_KINDS.has(n.kind) || n.kind === 'decorated_definition')) return false;
      if (n.kind === 'return_statement') out.push({ node: n, kind: 'return' });
      else if (n.kind === 'raise_statement') out.push({ node: n, kind: 'raise' });
      else if (n.kind === 'break_statement' || n.kind === 'continue_statement') {
        let loop: PyNode | null = null;
        for (let p = n.parent; p; p = p.parent) {
          if (LOOPS.has(p.kind) && p.field('body')?.contains(n)) {
            loop = p;
            break;
          }
          if (SCOPE_KINDS.has(p.kind)) break;
        }
        if (!loop || !inRegion(loop)) out.push({ node: n, kind: n.kind === 'break_statement' ? 'break' : 'continue' });
      }
    });
  return out;
}

/** Identifiers bound by an assignment target, a for target or a with-as target (tuples unpacked). */
export function boundNames(target: PyNode): string[] {
  const out: string[] = [];
  const visit = (n: PyNode): void => {
    if (n.kind === 'identifier') out.push(n.text);
    else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression', 'list_splat_pattern', 'as_pattern_target'].includes(n.kind))
      for (const c of n.named) visit(c);
  };
  visit(target);
  return out;
}

/** Identifiers an expression reads (attribute names and keyword names left out, nested lambdas included). */
export function readNames(expr: PyNode): Set<string> {
  const out = new Set<string>();
  expr.walk((n) => {
    if (n.kind === 'identifier') {
      const p = n.parent;
      if (p?.kind === 'attribute' && p.field('attribute')?.start === n.start) return;
      if (p?.kind === 'keyword_argument' && p.field('name')?.start === n.start) return;
      out.add(n.text);
    }
  });
  return out;
}

/**
 * Names whose values are computed from `name` inside `region` (transitively): `rows = s.execute(…)`,
 * `for r in rows`, `with s.begin() as t`. The resource's own name is included.
 */
export function taintedNames(region: PyNode[], name: string, seeds: string[] = []): Set<string> {
  const tainted = new Set([name, ...seeds]);
  const flows: { targets: string[]; reads: Set<string> }[] = [];
  for (const stmt of region)
    stmt.walk((n) => {
      if (n !== stmt && (SCOPE_KINDS.has(n.kind) || n.kind === 'decorated_definition')) return false;
      if (n.kind === 'assignment' || n.kind === 'augmented_assignment') {
        const left = n.field('left');
        const right = n.field('right');
        if (left && right) flows.push({ targets: boundNames(left), reads: readNames(right) });
      } else if (n.kind === 'for_statement') {
        const left = n.field('left');
        const right = n.field('right');
        if (left && right) flows.push({ targets: boundNames(left), reads: readNames(right) });
      } else if (n.kind === 'with_item') {
        const v = n.field('value');
        if (v?.kind === 'as_pattern') {
          const alias = v.field('alias');
          const source = v.named.find((c) => c.kind !== 'as_pattern_target' && c.kind !== 'comment');
          if (alias && source) flows.push({ targets: boundNames(alias), reads: readNames(source) });
        }
      } else if (n.kind === 'named_expression') {
        const nm = n.field('name');
        const v = n.field('value');
        if (nm && v) flows.push({ targets: [nm.text], reads: readNames(v) });
      }
    });
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of flows) {
      if (![...f.reads].some((r) => tainted.has(r))) continue;
      for (const t of f.targets)
        if (!tainted.has(t)) {
          tainted.add(t);
          changed = true;
        }
    }
  }
  return tainted;
}

/** Every use of `name` in the statements, in source order. */
export function usesIn(stmts: PyNode[], name: string): NameUse[] {
  return stmts.flatMap((s) => nameUses(s, name));
}

export type UseRole =
  | { role: 'member' }
  | { role: 'argument'; call: PyNode }
  | { role: 'aliased'; target: PyNode }
  | { role: 'stored'; where: string }
  | { role: 'returned'; node: PyNode }
  | { role: 'yielded' }
  | { role: 'rebound'; node: PyNode }
  | { role: 'with-item'; item: PyNode }
  | { role: 'other' };

const STORING_METHODS = new Set(['append', 'add', 'extend', 'insert', 'put', 'put_nowait', 'register', 'setdefault', 'update', 'appendleft', 'push']);
export const COLLECTIONS = new Set(['list', 'tuple', 'set', 'dictionary', 'pair', 'expression_list']);

const importsOf = new WeakMap<PyNode, Imports>();
/**
 * `user_service` in `user_service.update(db_session=session)` after `from app.auth import service as
 * user_service`: an imported name, whose method taking the resource by keyword is a function of a module
 * (a container's add/update/append takes what it stores by position).
 */
function importedName(n: PyNode | null): boolean {
  if (n?.kind !== 'identifier') return false;
  let root: PyNode = n;
  while (root.parent) root = root.parent;
  let imports = importsOf.get(root);
  if (!imports) importsOf.set(root, (imports = new Imports(root)));
  return imports.bindings.has(n.text);
}

/** What a use of the resource's name does with it. */
export function roleOf(use: PyNode): UseRole {
  let child = use;
  let p = use.parent;
  // Through parentheses and `await`.
  while (p && (p.kind === 'parenthesized_expression' || p.kind === 'await')) {
    child = p;
    p = p.parent;
  }
  if (!p) return { role: 'other' };
  if (p.kind === 'attribute' && p.field('object')?.start === child.start) return { role: 'member' };
  if (p.kind === 'assignment' || p.kind === 'augmented_assignment') {
    const left = p.field('left');
    if (left && left.contains(child)) return { role: 'rebound', node: p };
    if (left?.kind === 'identifier') return { role: 'aliased', target: left };
    return { role: 'stored', where: left ? left.text : 'another place' };
  }
  if (p.kind === 'for_statement' && p.field('left')?.contains(child)) return { role: 'rebound', node: p };
  if (p.kind === 'as_pattern_target' || p.kind === 'delete_statement' || (p.kind === 'expression_list' && p.parent?.kind === 'delete_statement'))
    return { role: 'rebound', node: p };
  if (p.kind === 'return_statement') return { role: 'returned', node: p };
  if (p.kind === 'yield') return { role: 'yielded' };
  if (p.kind === 'argument_list' || p.kind === 'keyword_argument') {
    const call = p.kind === 'argument_list' ? p.parent : p.parent?.parent;
    if (call?.kind === 'call') {
      const fn = call.field('function');
      const method = fn?.kind === 'attribute' ? fn.field('attribute')?.text : null;
      if (method && STORING_METHODS.has(method) && !(p.kind === 'keyword_argument' && importedName(fn!.field('object')))) return { role: 'stored', where: `${fn!.field('object')?.text ?? 'an object'} (${method}())` };
      return { role: 'argument', call };
    }
  }
  if (COLLECTIONS.has(p.kind)) {
    // A tuple returned or yielded as a whole hands the resource out like the name itself.
    let q: PyNode | null = p;
    while (q && COLLECTIONS.has(q.kind)) q = q.parent;
    if (q?.kind === 'return_statement') return { role: 'returned', node: q };
    if (q?.kind === 'yield') return { role: 'yielded' };
    return { role: 'stored', where: `a ${p.kind === 'dictionary' || p.kind === 'pair' ? 'dict' : p.kind === 'expression_list' ? 'tuple' : p.kind}` };
  }
  if (p.kind === 'with_item') return { role: 'with-item', item: p };
  if (p.kind === 'as_pattern' && p.parent?.kind === 'with_item') return { role: 'with-item', item: p.parent };
  return { role: 'other' };
}
