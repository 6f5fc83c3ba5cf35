// Small, careful edits on the recast tree: remove a statement and whatever it leaves empty (a finally, an
// `if (x)` guard, a test hook's callback), remove class members, add the disposer, drop imports that only
// the removed code used. Untouched code keeps its bytes: recast reprints only what changed.
import jscodeshift from 'jscodeshift';
import { collectPaths, declaredNames, isFunction, isPure, walk, type Node, type Path } from '../analysis/ast';
import { EMPTY_HOOKS } from './names';

const j = jscodeshift;

/** The name of a class member (`close`, `#client`), or null for a computed key. */
export function memberName(m: Node): string | null {
  if (m.computed) return null;
  const key = m.key;
  if (!key) return null;
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'PrivateName') return `#${key.id.name}`;
  if (key.type === 'StringLiteral') return key.value;
  return null;
}

/** `[Symbol.asyncDispose]` / `[Symbol.dispose]` as a class member or object key. */
export function disposeKey(m: Node): 'async' | 'sync' | null {
  if (!m?.computed) return null;
  const k = m.key;
  if (k?.type !== 'MemberExpression' || k.computed || k.object.type !== 'Identifier' || k.object.name !== 'Symbol') return null;
  if (k.property.name === 'asyncDispose') return 'async';
  if (k.property.name === 'dispose') return 'sync';
  return null;
}

/** A top-level class of the file, also when exported. */
export function findClass(program: Node, name: string): Node | null {
  for (const s of program.body) {
    const d = s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' ? s.declaration : s;
    if (d?.type === 'ClassDeclaration' && d.id?.name === name) return d;
  }
  return null;
}

export function isInstanceMethod(m: Node, name: string): boolean {
  return (m.type === 'ClassMethod' || m.type === 'ClassPrivateMethod') && m.kind === 'method' && !m.static && memberName(m) === name;
}

function isNullish(n: Node): boolean {
  return !n || n.type === 'NullLiteral' || (n.type === 'Identifier' && n.name === 'undefined') || (n.type === 'UnaryExpression' && n.operator === 'void');
}

/** `this.<field> = undefined;` */
export function isFieldReset(st: Node, fields: Set<string>): boolean {
  if (st?.type !== 'ExpressionStatement') return false;
  const e = st.expression;
  if (e.type !== 'AssignmentExpression' || e.operator !== '=' || !isNullish(e.right)) return false;
  const l = e.left;
  if (l.type !== 'MemberExpression' || l.object.type !== 'ThisExpression' || l.computed) return false;
  const name = l.property.type === 'PrivateName' ? `#${l.property.id.name}` : l.property.name;
  return fields.has(name);
}

/** Identifier names used under these nodes (values and types), for import pruning. */
export function namesUsedIn(nodes: Node[]): Set<string> {
  const out = new Set<string>();
  for (const n of nodes) walk(n, (x) => void (x.type === 'Identifier' && out.add(x.name)), true);
  return out;
}

/**
 * Imports that served only the removed code: a specifier whose name the removed nodes used and nothing
 * left in the file uses goes; an import left with no specifier goes too.
 */
export function pruneImports(program: Node, candidates: Set<string>): void {
  if (candidates.size === 0) return;
  const used = new Set<string>();
  for (const s of program.body) if (s.type !== 'ImportDeclaration') walk(s, (x) => void ((x.type === 'Identifier' || x.type === 'JSXIdentifier') && used.add(x.name)), true);
  program.body = program.body.filter((s: Node) => {
    if (s.type !== 'ImportDeclaration' || s.specifiers.length === 0) return true;
    s.specifiers = s.specifiers.filter((sp: Node) => !(candidates.has(sp.local.name) && !used.has(sp.local.name)));
    return s.specifiers.length > 0;
  });
}

/**
 * Replace a try statement that lost its finally (and has no catch) by its statements, when none of its
 * names collide with its neighbours', else by a plain block that keeps its scope.
 */
function unwrapTry(tryPath: Path): void {
  const list = tryPath.parentPath?.value;
  const tryNode = tryPath.node;
  if (!Array.isArray(list)) {
    tryPath.replace(tryNode.block);
    return;
  }
  const i = list.indexOf(tryNode);
  const inner: Node[] = tryNode.block.body;
  const declared = new Set(inner.flatMap(declaredNames));
  const outside = namesUsedIn(list.filter((s: Node) => s !== tryNode));
  if ([...declared].some((n) => outside.has(n))) list.splice(i, 1, tryNode.block);
  else list.splice(i, 1, ...inner);
  if (list.length === 0) emptied(tryPath.parent);
}

/** A hook call (`afterAll(async () => {})`) whose callback became empty goes with it. */
function emptiedFunction(fnPath: Path): void {
  const call = fnPath.parent;
  if (!call || call.node.type !== 'CallExpression' || call.node.arguments.length !== 1 || call.node.arguments[0] !== fnPath.node) return;
  if (call.node.callee.type !== 'Identifier' || !EMPTY_HOOKS.has(call.node.callee.name)) return;
  if (call.parent?.node.type === 'ExpressionStatement') removeStatement(call.parent);
}

/** A block that lost its last statement: a finally, an `if (x)` guard, a function body. */
function emptied(blockPath: Path | null): void {
  if (!blockPath || blockPath.node.type !== 'BlockStatement' || blockPath.node.body.length > 0) return;
  const parent = blockPath.parent;
  if (!parent) return;
  if (parent.node.type === 'TryStatement' && blockPath.name === 'finalizer') {
    parent.node.finalizer = null;
    if (!parent.node.handler) unwrapTry(parent);
    return;
  }
  if (parent.node.type === 'IfStatement' && blockPath.name === 'consequent' && !parent.node.alternate && isPure(parent.node.test)) {
    removeStatement(parent);
    return;
  }
  if (isFunction(parent.node) && blockPath.name === 'body') emptiedFunction(parent);
}

/** Remove a statement, and what its removal leaves empty. */
export function removeStatement(p: Path): void {
  const list = p.parentPath?.value;
  if (Array.isArray(list)) {
    const i = list.indexOf(p.node);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) emptied(p.parent);
    return;
  }
  const parent = p.parent;
  if (parent?.node.type === 'IfStatement') {
    if (p.name === 'consequent') {
      if (!parent.node.alternate && isPure(parent.node.test)) removeStatement(parent);
      else parent.node.consequent = j.blockStatement([]);
      return;
    }
    if (p.name === 'alternate') {
      parent.node.alternate = null;
      return;
    }
  }
  p.replace(j.blockStatement([]));
}

const WRAPPERS = new Set(['AwaitExpression', 'ParenthesizedExpression', 'TSNonNullExpression']);

/** The call expression that starts at this line (1-based) and column (0-based). */
export function callAt(root: Path, line: number, column: number): Path | null {
  const [found] = collectPaths(
    root,
    (n: Node) => (n.type === 'CallExpression' || n.type === 'OptionalCallExpression') && n.loc?.start.line === line && n.loc.start.column === column,
  );
  return found ?? null;
}

/**
 * Remove the call of `method` at `callPath`: its statement, or (for an arrow function whose whole body it
 * is) the body. Null when the call is not of that method or not in such a place.
 */
export function removeCall(callPath: Path, method: string, form: 'statement' | 'arrow-body'): Node | null {
  const callee = callPath.node.callee;
  if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.computed || callee.property.name !== method) return null;
  let top: Path = callPath;
  while (top.parent && (WRAPPERS.has(top.parent.node.type) || (top.parent.node.type === 'UnaryExpression' && top.parent.node.operator === 'void'))) top = top.parent;
  const holder = top.parent;
  const call = callPath.node;
  if (form === 'statement' && holder?.node.type === 'ExpressionStatement') {
    removeStatement(holder);
    return call;
  }
  if (form === 'arrow-body' && holder?.node.type === 'ArrowFunctionExpression' && holder.node.body === top.node) {
    holder.node.body = j.blockStatement([]);
    holder.node.expression = false;
    emptiedFunction(holder);
    return call;
  }
  return null;
}
