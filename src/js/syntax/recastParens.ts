// recast puts every `await` inside a unary, binary or logical expression in parentheses (it files `await`
// with assignments and conditionals, which do need them), and its patcher then reprints each such expression
// of a rewritten file, however far from the fix: `x = a && await b()` came out as `x = a && (await b())`,
// `if (!await ok())` as `if (!(await ok()))`. An `await` needs them there only as the base of `**`.
// Likewise a spread's argument, which may be any assignment expression: `...a && { b }` came out as
// `...(a && { b })` in a function the fix never touched (wiki.js).
// Patched once, in the recast that jscodeshift prints with (the same package: a dependency of both).

interface FastPathLike {
  getNode(): { type: string; extra?: { parenthesized?: boolean } };
  getParentNode(): { type: string; operator?: string; left?: unknown; argument?: unknown } | null;
  needsParens(assumeExpressionContext?: boolean): boolean;
}

// What a spread takes without parentheses (its argument is an AssignmentExpression).
const SPREAD_ARGUMENTS = new Set(['BinaryExpression', 'LogicalExpression', 'ConditionalExpression', 'AssignmentExpression', 'AwaitExpression', 'YieldExpression']);

let patched = false;

export function parenthesizeOnlyWhereNeeded(): void {
  if (patched) return;
  patched = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const FastPath = (require('recast/lib/fast-path') as { default: { prototype: FastPathLike } }).default;
  const original = FastPath.prototype.needsParens;
  FastPath.prototype.needsParens = function (this: FastPathLike, assumeExpressionContext?: boolean): boolean {
    const node = this.getNode();
    const parent = this.getParentNode();
    if (node?.type === 'AwaitExpression' && !node.extra?.parenthesized && parent) {
      if (parent.type === 'UnaryExpression' || parent.type === 'LogicalExpression') return false;
      if (parent.type === 'BinaryExpression' && !(parent.operator === '**' && parent.left === node)) return false;
    }
    if (node && SPREAD_ARGUMENTS.has(node.type) && !node.extra?.parenthesized && (parent?.type === 'SpreadElement' || parent?.type === 'SpreadProperty') && parent.argument === node) return false;
    return original.call(this, assumeExpressionContext);
  };
}
