// Parameters inferred from their calls: a function every call of which passes the same resource.
import { bindingOwnerPath, collectPaths, type Node, type Path } from '../analysis/ast';
import { agreedArgument } from './params';
import { rootOf } from './tree';
import type { Value } from './values';

/** The name a function is declared or bound under (`function f`, `const f = () => …`), or null. */
export function functionName(fnPath: Path): string | null {
  const fn = fnPath.node;
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id?.name) return fn.id.name;
  const parent = fnPath.parent?.node;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' && parent.init === fn) return parent.id.name;
  // `exports.f = function (…) {…}` / `module.exports.f = …`
  if (parent?.type === 'AssignmentExpression' && parent.right === fn && parent.left.type === 'MemberExpression' && !parent.left.computed) return parent.left.property.name ?? null;
  return null;
}

/**
 * `async function inTransaction(pool, work) { … pool.connect() … }` called as `inTransaction(pool, …)` at
 * every call in this file: the parameter holds what every call passes, when all agree. A function used in
 * any other way (passed on, exported: code elsewhere may call it) keeps its parameters unknown.
 */
export function argumentAtEveryCall(fnPath: Path, index: number, evaluate: (arg: Path) => Value | null): Value | null {
  const fn = fnPath.node;
  let name: string | null = fn.type === 'FunctionDeclaration' ? (fn.id?.name ?? null) : null;
  let declaration: Node = fn;
  const parent = fnPath.parent?.node;
  if (!name && parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' && parent.init === fn) {
    name = parent.id.name;
    declaration = fnPath.parent.parent.node;
  }
  if (!name) return null;
  const holder = name === (fn.id?.name ?? null) ? fnPath.parent : fnPath.parent?.parent?.parent;
  if (!holder || (holder.node.type !== 'Program' && holder.node.type !== 'BlockStatement')) return null;
  if (holder.node.type === 'Program' && holder.node.body.some((s: Node) => (s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') && s.declaration === declaration)) return null;
  const root = rootOf(fnPath);
  const calls: Path[] = [];
  for (const ref of collectPaths(root, (n) => n.type === 'Identifier' && n.name === name)) {
    const refParent = ref.parent?.node;
    if (ref.node === fn.id || (refParent?.type === 'VariableDeclarator' && refParent.id === ref.node)) continue;
    if (bindingOwnerPath(ref, name!)?.node !== holder.node) continue;
    if ((refParent?.type !== 'CallExpression' && refParent?.type !== 'OptionalCallExpression') || refParent.callee !== ref.node) return null;
    calls.push(ref.parent);
  }
  return calls.length ? agreedArgument(calls.map((call) => ({ call, evaluate })), index) : null;
}

