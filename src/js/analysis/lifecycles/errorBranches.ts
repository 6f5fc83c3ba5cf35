// The error branches of an error-first callback (`if (err) { … }`): where the acquire failed and no resource is
// held, so the paths there need no release (callbackPaths.ts).
import { isFunction, type Node, unwrapExpression } from '../ast';
import { isPresenceGuard } from './flow';

/** Which branch of `if (test)` is the error's (`if (err)`: the consequent; `if (!err)`: the alternate). */
export function errorBranch(test: Node, err: string): 'consequent' | 'alternate' | null {
  const t = unwrapExpression(test);
  if (isPresenceGuard(t, err)) return 'consequent';
  if (t.type === 'UnaryExpression' && t.operator === '!' && unwrapExpression(t.argument).type === 'Identifier' && unwrapExpression(t.argument).name === err) return 'alternate';
  if (t.type === 'BinaryExpression' && (t.operator === '==' || t.operator === '===')) {
    const [a, b] = [unwrapExpression(t.left), unwrapExpression(t.right)];
    const nullish = (n: Node) => n.type === 'NullLiteral' || (n.type === 'Identifier' && n.name === 'undefined');
    if ((a.type === 'Identifier' && a.name === err && nullish(b)) || (b.type === 'Identifier' && b.name === err && nullish(a))) return 'alternate';
  }
  return null;
}

/** `node` with the error branches of `if (err)` emptied, outside nested functions (where `err` may be another). */
export function withoutErrorBranches(node: Node, err: string): Node {
  if (!node || typeof node !== 'object' || isFunction(node)) return node;
  if (Array.isArray(node)) return node.map((n) => withoutErrorBranches(n, err));
  const copy: Node = { ...node };
  const branch = node.type === 'IfStatement' ? errorBranch(node.test, err) : null;
  if (branch) copy[branch] = branch === 'consequent' ? { type: 'BlockStatement', body: [] } : null;
  for (const key of Object.keys(copy)) if (key !== 'loc' && key !== branch && copy[key] && typeof copy[key] === 'object') copy[key] = withoutErrorBranches(copy[key], err);
  return copy;
}
