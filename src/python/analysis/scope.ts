// Where a lifecycle lives: a function body, the module's top level, or an `if __name__ == "__main__":`
// block (a script). And when a statement is the last thing that runs in that scope on its path.
import type { PyNode } from '../parse/tree';
import { blockPosition, enclosingFunction, SCOPE_KINDS, statements } from '../parse/syntax';

export interface Scope {
  /** The function, or null for module-level code. */
  fn: PyNode | null;
  /** The block that is the scope's top: the function body, the module, or the `__main__` block. */
  top: PyNode;
}

function isMainGuard(stmt: PyNode): boolean {
  if (stmt.kind !== 'if_statement') return false;
  const cond = stmt.field('condition');
  return !!cond && /^__name__\s*==\s*(['"])__main__\1$|^(['"])__main__\2\s*==\s*__name__$/.test(cond.text.trim());
}

export function scopeOf(stmt: PyNode): Scope | null {
  const fn = enclosingFunction(stmt);
  if (fn) return { fn, top: fn.field('body')! };
  // Module level: the nearest `__main__` block above, else the module itself.
  for (let p = stmt.parent; p; p = p.parent) {
    if (p.kind === 'block' && p.parent && isMainGuard(p.parent) && p.parent.field('consequence') === p && p.parent.parent?.kind === 'module') return { fn: null, top: p };
    if (p.kind === 'module') return { fn: null, top: p };
    if (SCOPE_KINDS.has(p.kind)) return null;
  }
  return null;
}

/** Statements of a scope in source order, nested blocks included, nested functions and classes left out. */
export function scopeStatements(top: PyNode): PyNode[] {
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
  visit(top);
  return out;
}

const RETURNS = new Set(['return_statement', 'raise_statement']);

/**
 * Whether nothing else of the scope runs after `stmt` on its path: the next statement returns or raises,
 * or `stmt` is last in its block and what holds the block also ends there (an if, a with, a try without
 * else/finally) up to the scope's top. A loop body never ends the scope (the loop goes on).
 */
export function endsScope(stmt: PyNode, top: PyNode): boolean {
  let s = stmt;
  for (;;) {
    const pos = blockPosition(s);
    if (!pos) return false;
    const next = pos.list[pos.index + 1];
    if (next) return RETURNS.has(next.kind);
    if (pos.block === top) return true;
    const owner = pos.block.parent;
    if (!owner) return false;
    let holder: PyNode | null;
    switch (owner.kind) {
      case 'if_statement':
      case 'with_statement':
        holder = owner;
        break;
      case 'elif_clause':
        holder = owner.parent;
        break;
      case 'else_clause':
        holder = owner.parent;
        if (holder && holder.kind === 'try_statement' && holder.named.some((c) => c.kind === 'finally_clause')) return false;
        break;
      case 'try_statement':
      case 'except_clause':
      case 'except_group_clause': {
        const tryStmt = owner.kind === 'try_statement' ? owner : owner.parent!;
        if (tryStmt.named.some((c) => c.kind === 'finally_clause' || (owner.kind === 'try_statement' && c.kind === 'else_clause'))) return false;
        holder = tryStmt;
        break;
      }
      case 'finally_clause':
        holder = owner.parent;
        break;
      default:
        return false; // loops, match, nested definitions
    }
    if (!holder) return false;
    s = holder;
  }
}
