// A module's getter: `function getPool() { return pool; }` over a module variable whose every value is an
// instance of one kind (`let pool = null; exports.createPool = () => { pool = mysql.createPool(…); }`, or
// `const client = new Client()`). Calling it hands out that one instance, never a fresh one: its methods
// acquire as the instance's do (`getPool().getConnection()`), and the call itself acquires nothing.
import { bindingOwnerPath, collectPaths, type Node, type Path } from '../analysis/ast';
import { returnedExpressions } from './tree';
import type { Kind } from '../../catalog/js';
import type { Value } from './values';

const WRAPPERS = new Set(['AwaitExpression', 'TSAsExpression', 'TSNonNullExpression', 'ParenthesizedExpression']);

function nullish(n: Node): boolean {
  return n.type === 'NullLiteral' || (n.type === 'Identifier' && n.name === 'undefined') || (n.type === 'Literal' && n.value === null);
}

export function sharedReturns(fnPath: Path, evaluate: (p: Path) => Value | null): Value | null {
  const results = returnedExpressions(fnPath);
  let name: string | null = null;
  let program: Path | null = null;
  for (let r of results) {
    while (WRAPPERS.has(r.node.type)) r = r.get(r.node.type === 'AwaitExpression' ? 'argument' : 'expression');
    if (r.node.type !== 'Identifier' || (name && r.node.name !== name)) return null;
    program = bindingOwnerPath(r, r.node.name);
    if (program?.node.type !== 'Program') return null;
    name = r.node.name;
  }
  if (!name || !program) return null;
  // Every value the module gives the variable: its declaration's, and every assignment anywhere in the module.
  const writes = collectPaths(
    program,
    (n: Node) =>
      (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.id.name === name) ||
      (n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && n.left.name === name) ||
      (n.type === 'UpdateExpression' && n.argument.type === 'Identifier' && n.argument.name === name),
  ).filter((w) => bindingOwnerPath(w.node.type === 'VariableDeclarator' ? w : w.get(w.node.type === 'UpdateExpression' ? 'argument' : 'left'), name!)?.node === program!.node);
  let kind: Kind | null = null;
  for (const w of writes) {
    if (w.node.type === 'UpdateExpression' || (w.node.type === 'AssignmentExpression' && !['=', '??=', '||='].includes(w.node.operator))) return null;
    const value: Path = w.get(w.node.type === 'VariableDeclarator' ? 'init' : 'right');
    if (!value.node || nullish(value.node)) continue;
    const v = evaluate(value);
    if (v?.t !== 'instance' || (kind && (kind.lib !== v.kind.lib || kind.name !== v.kind.name))) return null;
    kind = v.kind;
  }
  return kind ? { t: 'returns', value: { t: 'shared', kind } } : null;
}
