// Small readers for the shapes of tree-sitter-python the analyses ask about: statements of a block, an
// assignment's sides, a call's callee and arguments, dotted names, the function around a node.
import type { PyNode } from './tree';
import type { PySource } from './text';

export const FUNCTION_KINDS = new Set(['function_definition', 'lambda']);
/** Nodes that open a new name scope: names used inside them run later, or in their own frame. */
export const SCOPE_KINDS = new Set(['function_definition', 'lambda', 'class_definition']);

/** Statements of a block (or module), comments left out. */
export function statements(block: PyNode): PyNode[] {
  return block.named.filter((c) => c.kind !== 'comment');
}

/** `a`, `a.b.c` for identifiers and attribute chains; null for anything else. */
export function dotted(node: PyNode | null): string | null {
  if (!node) return null;
  if (node.kind === 'identifier') return node.text;
  if (node.kind === 'attribute') {
    const obj = dotted(node.field('object'));
    const attr = node.field('attribute');
    return obj && attr ? `${obj}.${attr.text}` : null;
  }
  return null;
}

export function unwrapAwait(node: PyNode): { expr: PyNode; awaited: boolean } {
  if (node.kind === 'await') {
    const inner = node.named[0];
    if (inner) return { expr: inner, awaited: true };
  }
  return { expr: node, awaited: false };
}

export function unwrapParens(node: PyNode): PyNode {
  let n = node;
  while (n.kind === 'parenthesized_expression' && n.named.filter((c) => c.kind !== 'comment').length === 1) n = n.named.find((c) => c.kind !== 'comment')!;
  return n;
}

export interface CallParts {
  callee: PyNode;
  positional: PyNode[];
  keywords: Map<string, PyNode>;
  /** `*args` or `**kwargs` present. */
  splat: boolean;
  argList: PyNode | null;
}

export function callParts(call: PyNode): CallParts | null {
  if (call.kind !== 'call') return null;
  const callee = call.field('function');
  const argList = call.field('arguments');
  if (!callee) return null;
  const out: CallParts = { callee, positional: [], keywords: new Map(), splat: false, argList: argList?.kind === 'argument_list' ? argList : null };
  if (!argList || argList.kind !== 'argument_list') return out;
  for (const a of argList.named) {
    if (a.kind === 'comment') continue;
    if (a.kind === 'keyword_argument') {
      const name = a.field('name');
      const value = a.field('value');
      if (name && value) out.keywords.set(name.text, value);
    } else if (a.kind === 'list_splat' || a.kind === 'dictionary_splat') out.splat = true;
    else out.positional.push(a);
  }
  return out;
}

/** The single expression of an expression statement (an assignment, a call, an await…). */
export function expressionOf(stmt: PyNode): PyNode | null {
  if (stmt.kind !== 'expression_statement') return null;
  const kids = stmt.named.filter((c) => c.kind !== 'comment');
  return kids.length === 1 ? kids[0] : null;
}

export interface AssignmentParts {
  node: PyNode;
  left: PyNode;
  right: PyNode | null;
  annotation: PyNode | null;
}

/** `x = v`, `x: T = v`, `self.x = v` as a statement (not chained `a = b = v`, which reads as aliasing). */
export function assignmentOf(stmt: PyNode): AssignmentParts | null {
  const e = expressionOf(stmt);
  if (!e || e.kind !== 'assignment') return null;
  const left = e.field('left');
  if (!left) return null;
  return { node: e, left, right: e.field('right'), annotation: e.field('type') };
}

/** `receiver.method(args)` or `await receiver.method(args)` as a whole statement. */
export function methodCallStatement(stmt: PyNode): { receiver: PyNode; method: string; call: PyNode; awaited: boolean } | null {
  const e = expressionOf(stmt);
  if (!e) return null;
  const { expr, awaited } = unwrapAwait(e);
  if (expr.kind !== 'call') return null;
  const fn = expr.field('function');
  if (!fn || fn.kind !== 'attribute') return null;
  const receiver = fn.field('object');
  const attr = fn.field('attribute');
  if (!receiver || !attr) return null;
  return { receiver, method: attr.text, call: expr, awaited };
}

/** Number of arguments a call passes (positional, keyword and splats). */
export function argumentCount(call: PyNode): number {
  const args = call.field('arguments');
  return args ? args.named.filter((c) => c.kind !== 'comment').length : 0;
}

export function enclosingFunction(node: PyNode): PyNode | null {
  for (let p = node.parent; p; p = p.parent) if (p.kind === 'function_definition') return p;
  return null;
}

export function enclosingClass(fn: PyNode): PyNode | null {
  let p = fn.parent;
  if (p?.kind === 'decorated_definition') p = p.parent;
  if (p?.kind === 'block' && p.parent?.kind === 'class_definition') return p.parent;
  return null;
}

export function functionName(fn: PyNode): string {
  return fn.field('name')?.text ?? '';
}

/** The function declares `name` global or nonlocal (its own statements, not a nested function's; a declaration may span lines). */
export function declaresGlobal(fn: PyNode, name: string): boolean {
  let found = false;
  fn.field('body')?.walk((n) => {
    if (found || SCOPE_KINDS.has(n.kind)) return false;
    if (n.kind === 'global_statement' || n.kind === 'nonlocal_statement') found = n.named.some((c) => c.kind === 'identifier' && c.text === name);
    return !found;
  });
  return found;
}

export function isAsyncFunction(fn: PyNode): boolean {
  return fn.children[0]?.kind === 'async';
}

/** Decorator expressions of a function or class (`app.route("/x")`, `staticmethod`). */
export function decoratorsOf(def: PyNode): PyNode[] {
  const p = def.parent;
  if (p?.kind !== 'decorated_definition') return [];
  return p.named.filter((c) => c.kind === 'decorator').map((d) => d.named.find((c) => c.kind !== 'comment')!).filter(Boolean);
}

/** The statement node that holds a definition in its block (the decorated_definition when decorated). */
export function definitionStatement(def: PyNode): PyNode {
  return def.parent?.kind === 'decorated_definition' ? def.parent : def;
}

/** Parameter names of a function, with their annotation text when there is one. */
export function parametersOf(fn: PyNode): { name: string; annotation: PyNode | null; node: PyNode }[] {
  const params = fn.field('parameters');
  const out: { name: string; annotation: PyNode | null; node: PyNode }[] = [];
  if (!params) return out;
  for (const p of params.named) {
    if (p.kind === 'identifier') out.push({ name: p.text, annotation: null, node: p });
    else if (p.kind === 'typed_parameter') {
      const id = p.named.find((c) => c.kind === 'identifier');
      if (id) out.push({ name: id.text, annotation: p.field('type'), node: p });
    } else if (p.kind === 'default_parameter' || p.kind === 'typed_default_parameter') {
      const id = p.field('name');
      if (id?.kind === 'identifier') out.push({ name: id.text, annotation: p.field('type'), node: p });
    }
  }
  return out;
}

/** The block a statement sits in, and its index there. */
export function blockPosition(stmt: PyNode): { block: PyNode; index: number; list: PyNode[] } | null {
  const block = stmt.parent;
  if (!block || (block.kind !== 'block' && block.kind !== 'module')) return null;
  const list = statements(block);
  const index = list.findIndex((s) => s.start === stmt.start && s.end === stmt.end);
  return index < 0 ? null : { block, index, list };
}

/** Statement `k` of a block's list shares a line with the one before or after it (`a = 1; b = 2`). */
export function sharesLine(src: PySource, list: PyNode[], k: number): boolean {
  const s = list[k];
  const prev = list[k - 1];
  const next = list[k + 1];
  return (!!prev && src.lineOf(prev.end) === src.lineOf(s.start)) || (!!next && src.lineOf(next.start) === src.lineOf(s.end));
}

/** The node is (inside) an item of a `with` statement, in the same scope. */
export function inWithItem(n: PyNode): boolean {
  for (let p = n.parent; p && !SCOPE_KINDS.has(p.kind) && p.kind !== 'block'; p = p.parent) if (p.kind === 'with_item') return true;
  return false;
}

/** The statement (direct child of a block or module) that contains a node. */
export function statementOf(node: PyNode): PyNode | null {
  let n: PyNode | null = node;
  while (n && n.parent && n.parent.kind !== 'block' && n.parent.kind !== 'module') n = n.parent;
  return n && n.parent ? n : null;
}

export interface NameUse {
  node: PyNode;
  /** Inside a nested def, lambda or class: runs in another frame, maybe later. */
  nested: boolean;
}

/**
 * Uses of a plain name inside `root`: identifiers that read or bind it, not attribute names (`x.name`) or
 * keyword-argument names (`f(name=…)`). Nested scopes are walked too and flagged; one that rebinds the
 * name as a parameter is skipped.
 */
export function nameUses(root: PyNode, name: string, text = root.text): NameUse[] {
  const out: NameUse[] = [];
  if (!new RegExp(`\\b${escapeRegExp(name)}\\b`).test(text)) return out;
  const visit = (n: PyNode, nested: boolean): void => {
    if (n !== root && SCOPE_KINDS.has(n.kind)) {
      if (n.kind !== 'class_definition' && bindsParameter(n, name)) return;
      for (const c of n.children) visit(c, true);
      return;
    }
    if (n.kind === 'identifier') {
      if (n.text === name && !isAttributeName(n) && !isKeywordName(n)) out.push({ node: n, nested });
      return;
    }
    if (n.end - n.start < name.length) return;
    if (!n.text.includes(name)) return;
    for (const c of n.children) visit(c, nested);
  };
  visit(root, false);
  return out;
}

function bindsParameter(fn: PyNode, name: string): boolean {
  const params = fn.field('parameters');
  if (!params) return false;
  // Parameter names, not names read by default values or annotations.
  const bound = (p: PyNode): boolean => {
    if (p.kind === 'identifier') return p.text === name;
    if (p.kind === 'default_parameter' || p.kind === 'typed_default_parameter') return p.field('name')?.text === name;
    if (p.kind === 'typed_parameter' || p.kind === 'list_splat_pattern' || p.kind === 'dictionary_splat_pattern')
      return p.named.some((c) => c.kind === 'identifier' && c.text === name) || p.named.some((c) => c.kind !== 'type' && bound(c));
    return false;
  };
  return params.named.some(bound);
}

export function isAttributeName(id: PyNode): boolean {
  const p = id.parent;
  return p?.kind === 'attribute' && p.field('attribute')?.start === id.start;
}

function isKeywordName(id: PyNode): boolean {
  const p = id.parent;
  return p?.kind === 'keyword_argument' && p.field('name')?.start === id.start;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
