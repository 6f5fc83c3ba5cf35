// How a resource leaves the function that made it: returned (`return client`), or resolved through the
// promise the function returns (`resolve(client)` in its executor), and whether work that can throw comes
// first and leaves it with nobody.
import { enclosingFunction, isFunction, isInside, isPure, bindingOwnerPath, collectPaths, unwrapExpression, walk, type Node, type Path } from '../ast';
import { alwaysExits, cannotThrow, isListenerSetup } from './flow';

/**
 * In the executor of a `new Promise((resolve, reject) => …)`, a call of its `resolve` with the variable, here
 * or in a callback inside (`c.on('ready', () => resolve(c))`): whoever awaits the promise gets the resource.
 */
export function resolvedBy(fn: Path, name: string, owner: Node): Path | null {
  const resolve = executorResolve(fn);
  if (!resolve) return null;
  return (
    collectPaths(fn.get('body'), (n: Node) => (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === resolve && n.arguments.length === 1 && unwrapExpression(n.arguments[0]).type === 'Identifier' && unwrapExpression(n.arguments[0]).name === name)).find(
      (call) => bindingOwnerPath(call.get('callee'), resolve)?.node === fn.node && bindingOwnerPath(call.get('arguments', 0), name)?.node === owner,
    ) ?? null
  );
}
/** The name of `resolve` when `fn` is the executor of `new Promise(fn)`. */
export function executorResolve(fn: Path): string | null {
  const parent = fn.parent?.node;
  if (parent?.type !== 'NewExpression' || parent.callee.type !== 'Identifier' || parent.callee.name !== 'Promise' || parent.arguments[0] !== fn.node) return null;
  const first = fn.node.params[0];
  return first?.type === 'Identifier' ? first.name : null;
}
/** The `return` that hands the variable to the caller, alone or as a property or element of what it returns. */
export function returnedBy(fn: Path, name: string): Node | null {
  const isName = (n: Node | null | undefined) => !!n && unwrapExpression(n).type === 'Identifier' && unwrapExpression(n).name === name;
  let found: Node | null = null;
  walk(fn.node.body, (n: Node) => {
    if (found) return false;
    if (n.type !== 'ReturnStatement' || !n.argument) return;
    let arg = unwrapExpression(n.argument);
    if (arg.type === 'AwaitExpression') arg = unwrapExpression(arg.argument);
    const hands = isName(arg) || (arg.type === 'ObjectExpression' && arg.properties.some((p: Node) => (p.type === 'ObjectProperty' || p.type === 'Property') && isName(p.value))) || (arg.type === 'ArrayExpression' && arg.elements.some((e: Node) => isName(e)));
    if (hands) found = n;
  });
  return found;
}

/**
 * Can anything throw between the assignment and that `return` (a call, an await), so the resource is held
 * and nobody gets it? A catch of the try that acquires runs only when the acquire failed, holding nothing.
 */
export function workBetween(assignment: Path, ret: Node): boolean {
  const statement = assignment.parent?.node ?? assignment.node;
  const from = statement.end ?? 0;
  const to = ret.start ?? 0;
  let holder: Path | null = assignment.parent;
  while (holder && holder.node.type !== 'TryStatement') holder = isFunction(holder.node) ? null : holder.parent;
  const skip = new Set<Node>(holder?.node.handler && isInside(assignment, holder.node.block) ? [holder.node.handler] : []);
  // `if (tls) { c = await connect(url, { tls }) } else { c = await connect(url) }`: the other branch does not
  // run after this assignment.
  for (let p: Path | null = assignment.parent; p && !isFunction(p.node); p = p.parent) {
    if (p.node.type === 'IfStatement' && p.node.alternate && isInside(assignment, p.node.consequent)) skip.add(p.node.alternate);
  }
  let found = false;
  walk(enclosingFunction(assignment).node.body, (n: Node) => {
    if (found || skip.has(n)) return false;
    if ((n.start ?? 0) >= to || (n.end ?? 0) <= from) return n.type === 'BlockStatement' || n.type === 'TryStatement' || (n.start ?? 0) < from;
    if (['CallExpression', 'OptionalCallExpression', 'NewExpression', 'AwaitExpression'].includes(n.type) && (n.start ?? 0) >= from) found = true;
    return !found;
  });
  return found;
}

/**
 * A factory that hands the resource out on success and releases it on failure: `try { await c.connect();
 * return c } catch (e) { await c.end(); throw e }`, with the acquire right before the try (or inside it).
 * Every path either gives the resource to the caller or lets it go: nothing of this function's to fix.
 */
export function releasedOnFailureOnly(ret: Path, releases: { call: Path }[], acquireStatement: Path): boolean {
  let t: Path | null = ret.parent;
  while (t && !(t.node.type === 'TryStatement' && isInside(ret, t.node.block))) {
    if (isFunction(t.node)) return false;
    t = t.parent;
  }
  const handler = t?.node.handler;
  if (!t || !handler || t.node.finalizer || !releases.length || !releases.every((r) => isInside(r.call, handler.body)) || !alwaysExits(handler.body)) return false;
  if (isInside(acquireStatement, t.node.block)) return true;
  const list: Node[] | undefined = t.parent?.node.body;
  if (!Array.isArray(list) || acquireStatement.parent?.node !== t.parent?.node) return false;
  const between = list.slice(list.indexOf(acquireStatement.node) + 1, list.indexOf(t.node));
  return list.indexOf(acquireStatement.node) >= 0 && between.every(cannotThrow);
}

/**
 * `const s = driver.session(); if (s._open) { return s } throw new Error(…)`: the `return` is reached from the
 * acquire with nothing that can throw on the way (statements that cannot, `if` tests that only read values),
 * so what leaks is a path that never gets there, not work before it.
 */
export function returnReachedWithoutWork(ret: Path, acquireStatement: Path, block: Path): boolean {
  let at: Path = ret;
  while (at.parent && at.parent.node !== block.node) {
    const up = at.parent.node;
    if (isFunction(up) || (up.type === 'IfStatement' ? !isPure(up.test) || at.node === up.test : up.type !== 'BlockStatement')) return false;
    at = at.parent;
  }
  const list: Node[] = block.node.body;
  if (!at.parent || !Array.isArray(list)) return false;
  const from = list.indexOf(acquireStatement.node);
  const to = list.indexOf(at.node);
  const name = acquireStatement.node.declarations?.[0]?.id?.name;
  return from >= 0 && to > from && list.slice(from + 1, to).every((s) => cannotThrow(s) || (!!name && isListenerSetup(s, name)));
}

/** `const attach = () => ({ get: (k) => client.get(k) }); … return attach();`: a local function reading `ref`, called in a `return`. */
export function returnsWhatClosureMakes(fn: Path, ref: Path): boolean {
  let closure: Path = enclosingFunction(ref);
  while (closure.parent && enclosingFunction(closure).node !== fn.node) closure = enclosingFunction(closure);
  const decl = closure.parent?.node;
  if (decl?.type !== 'VariableDeclarator' || decl.init !== closure.node || decl.id.type !== 'Identifier') return false;
  const name: string = decl.id.name;
  return collectPaths(fn, (n: Node) => n.type === 'ReturnStatement').some((ret) => collectPaths(ret, (n: Node) => (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === name)).length > 0);
}
