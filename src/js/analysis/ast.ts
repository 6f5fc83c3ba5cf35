// Small AST helpers over ast-types paths (the recast/jscodeshift tree). ast-types only models function
// scopes, so block-scoped names (`const`, `using`) are resolved here by walking the enclosing blocks.
import type { ASTPath } from 'jscodeshift';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Node = any;
export type Path = ASTPath<Node>;

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);

export function isFunction(node: Node): boolean {
  return !!node && FUNCTION_TYPES.has(node.type);
}

/**
 * Calls `visit` with each name a declaration pattern binds (`a`, `{ a, b: [c] }`, `...d`) until it returns
 * true; whether one did. The one walk behind patternNames and the lookups of a single name.
 */
function somePatternName(pattern: Node, visit: (name: string) => boolean): boolean {
  if (!pattern) return false;
  switch (pattern.type) {
    case 'Identifier':
      return visit(pattern.name);
    case 'ObjectPattern':
      return pattern.properties.some((p: Node) => somePatternName(p.type === 'RestElement' ? p.argument : p.value, visit));
    case 'ArrayPattern':
      return pattern.elements.some((e: Node) => somePatternName(e, visit));
    case 'RestElement':
      return somePatternName(pattern.argument, visit);
    case 'AssignmentPattern':
      return somePatternName(pattern.left, visit);
    case 'TSParameterProperty':
      return somePatternName(pattern.parameter, visit);
    default:
      return false;
  }
}

/** The same for the names a statement declares in the block that holds it. */
function someDeclaredName(statement: Node, visit: (name: string) => boolean): boolean {
  if (!statement) return false;
  switch (statement.type) {
    case 'VariableDeclaration':
      return statement.declarations.some((d: Node) => somePatternName(d.id, visit));
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
    case 'TSEnumDeclaration':
      return !!statement.id && visit(statement.id.name);
    case 'ImportDeclaration':
      return statement.specifiers.some((s: Node) => visit(s.local.name));
    case 'ExportNamedDeclaration':
    case 'ExportDefaultDeclaration':
      return !!statement.declaration && someDeclaredName(statement.declaration, visit);
    default:
      return false;
  }
}

/** Names bound by a declaration pattern (`a`, `{ a, b: [c] }`, `...d`). */
export function patternNames(pattern: Node, out: string[] = []): string[] {
  somePatternName(pattern, (n) => {
    out.push(n);
    return false;
  });
  return out;
}

/** Names a statement declares in the block that holds it. */
export function declaredNames(statement: Node): string[] {
  const out: string[] = [];
  someDeclaredName(statement, (n) => {
    out.push(n);
    return false;
  });
  return out;
}

// (Asked for every name looked up: no list is built.)
const patternHas = (pattern: Node, name: string): boolean => somePatternName(pattern, (n) => n === name);
const declares = (statement: Node, name: string): boolean => someDeclaredName(statement, (n) => n === name);

/** Does this node bind `name` for the code inside it? */
function bindsName(node: Node, name: string): boolean {
  switch (node.type) {
    case 'Program':
    case 'BlockStatement':
    case 'StaticBlock':
      return node.body.some((s: Node) => declares(s, name));
    case 'SwitchStatement':
      return node.cases.some((c: Node) => c.consequent.some((s: Node) => declares(s, name)));
    case 'ForStatement':
      return !!node.init && node.init.type === 'VariableDeclaration' && declares(node.init, name);
    case 'ForInStatement':
    case 'ForOfStatement':
      return node.left.type === 'VariableDeclaration' && declares(node.left, name);
    case 'CatchClause':
      return !!node.param && patternHas(node.param, name);
    case 'ClassExpression':
      return !!node.id && node.id.name === name;
    default:
      if (isFunction(node)) {
        if (node.params.some((p: Node) => patternHas(p, name))) return true;
        return node.type === 'FunctionExpression' && !!node.id && node.id.name === name;
      }
      return false;
  }
}

/**
 * The statements in which a binding owner (what `bindingOwner` returns) declares variables: a block's or
 * program's body, a switch's cases, a for loop's init. Owners that bind names otherwise (a function's
 * parameters, a catch clause's parameter, a class expression's own name, a for-in/of head) have none.
 */
export function ownerStatements(owner: Node): Node[] {
  switch (owner.type) {
    case 'Program':
    case 'BlockStatement':
    case 'StaticBlock':
      return owner.body;
    case 'SwitchStatement':
      return owner.cases.flatMap((c: Node) => c.consequent);
    case 'ForStatement':
      return owner.init ? [owner.init] : [];
    default:
      return [];
  }
}

/** The path of the node whose scope binds `name` as seen from `path`, or null for a global. */
export function bindingOwnerPath(path: Path, name: string = path.node.name): Path | null {
  for (let p: Path | null = path.parent; p; p = p.parent) {
    if (bindsName(p.node, name)) return p;
  }
  return null;
}

/** The node whose scope binds the identifier at `path` (its own name), or null for a global. */
export function bindingOwner(path: Path, name: string = path.node.name): Node | null {
  return bindingOwnerPath(path, name)?.node ?? null;
}

const NON_REFERENCE_PARENTS: Record<string, string[]> = {
  MemberExpression: ['property'],
  OptionalMemberExpression: ['property'],
  ObjectProperty: ['key'],
  Property: ['key'],
  ObjectMethod: ['key'],
  ClassProperty: ['key'],
  ClassPrivateProperty: ['key'],
  ClassMethod: ['key'],
  ClassAccessorProperty: ['key'],
  TSPropertySignature: ['key'],
  TSMethodSignature: ['key'],
  LabeledStatement: ['label'],
  BreakStatement: ['label'],
  ContinueStatement: ['label'],
  ImportSpecifier: ['imported', 'local'],
  ImportDefaultSpecifier: ['local'],
  ImportNamespaceSpecifier: ['local'],
  ExportSpecifier: ['exported'],
  MetaProperty: ['meta', 'property'],
};

/** Is an identifier in this field of this parent a value reference by position (not a key, label or name)? */
function referenceByPosition(parent: Node, field: string | number): boolean {
  const listed = NON_REFERENCE_PARENTS[parent.type];
  if (listed && listed.includes(field as string) && !parent.computed) {
    // `{ client }` shorthand: the key is the reference too.
    if ((parent.type === 'ObjectProperty' || parent.type === 'Property') && parent.shorthand) return true;
    return false;
  }
  if (parent.type === 'VariableDeclarator' && field === 'id') return false;
  if (isFunction(parent) && field === 'id') return false;
  if ((parent.type === 'ClassDeclaration' || parent.type === 'ClassExpression') && field === 'id') return false;
  return true;
}

const TS_VALUE_WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'TSParameterProperty']);

/**
 * Does `node` read the variable `name` as it is bound where `node` stands? Resolved by binding, not by
 * text: a callback parameter, a local or a catch parameter of the same name inside `node` hides it, and
 * keys, labels and types are not reads.
 */
export function readsName(node: Node, name: string): boolean {
  let found = false;
  const visit = (n: Node, parent: Node | null, field: string | number | null): void => {
    if (found || !n || typeof n.type !== 'string') return;
    if (n.type.startsWith('TS') && !TS_VALUE_WRAPPERS.has(n.type)) return;
    if (n.type === 'Identifier') {
      if (n.name === name && (!parent || referenceByPosition(parent, field!))) found = true;
      return;
    }
    // A nested scope that declares its own `name`: nothing inside it reads ours.
    if (bindsName(n, name)) return;
    for (const key of Object.keys(n)) {
      if (SKIPPED_KEYS.has(key) || key === 'typeAnnotation' || key === 'returnType' || key === 'typeParameters') continue;
      const v = n[key];
      if (Array.isArray(v)) v.forEach((c, i) => visit(c, n, i));
      else if (v && typeof v.type === 'string') visit(v, n, key);
    }
  };
  visit(node, null, null);
  return found;
}

/** Is the identifier at `path` a value reference (not a key, a label, a type or a declaration)? */
export function isValueReference(path: Path): boolean {
  const parent = path.parent?.node;
  if (!parent) return false;
  if (!referenceByPosition(parent, path.name)) return false;
  // Anything inside a type annotation or type expression is not a runtime value.
  for (let p: Path | null = path.parent; p; p = p.parent) {
    const t: string = p.node.type;
    if (t.startsWith('TS') && t !== 'TSAsExpression' && t !== 'TSNonNullExpression' && t !== 'TSSatisfiesExpression' && t !== 'TSTypeAssertion' && t !== 'TSParameterProperty') {
      return false;
    }
    if (t.endsWith('Statement') || isFunction(p.node)) break;
  }
  return true;
}

/** The name a callee calls by: `f` of `f()`, `m` of `x.m()` (not a computed member); null otherwise. */
export function calleeName(callee: Node): string | null {
  return callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : null;
}

/** `null` or `undefined`, as written: a value that holds nothing. */
export function isNullishLiteral(n: Node | null | undefined): boolean {
  return n?.type === 'NullLiteral' || (n?.type === 'Identifier' && n.name === 'undefined');
}

/** Strip parentheses and TypeScript-only wrappers. */
export function unwrapExpression(node: Node): Node {
  let n = node;
  while (
    n &&
    (n.type === 'TSAsExpression' ||
      n.type === 'TSNonNullExpression' ||
      n.type === 'TSSatisfiesExpression' ||
      n.type === 'TSTypeAssertion' ||
      n.type === 'ParenthesizedExpression')
  ) {
    n = n.expression;
  }
  return n;
}

/** Visit every node under `node` (not entering nested functions unless asked). */
export function walk(node: Node, visit: (n: Node, parent: Node | null) => boolean | void, enterFunctions = false, parent: Node | null = null): void {
  if (!node || typeof node.type !== 'string') return;
  if (visit(node, parent) === false) return;
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'start' || key === 'end' || key === 'comments' || key === 'leadingComments' || key === 'trailingComments' || key === 'tokens' || key === 'extra') continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const child of value) {
        if (child && typeof child.type === 'string') {
          if (!enterFunctions && isFunction(child)) continue;
          walk(child, visit, enterFunctions, node);
        }
      }
    } else if (value && typeof value.type === 'string') {
      if (!enterFunctions && isFunction(value)) continue;
      walk(value, visit, enterFunctions, node);
    }
  }
}

/** Does any identifier in `node` (nested functions included) have one of these names? */
export function mentions(node: Node, names: string | Set<string>): boolean {
  const wanted = typeof names === 'string' ? new Set([names]) : names;
  let hit = false;
  walk(node, (n) => {
    if (n.type === 'Identifier' && wanted.has(n.name)) hit = true;
    return !hit;
  }, true);
  return hit;
}

/** Does evaluating `node` possibly suspend (await, yield, for await) before it completes? */
export function containsAwait(node: Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.type === 'AwaitExpression' || n.type === 'YieldExpression' || (n.type === 'ForOfStatement' && n.await)) found = true;
    if (n.type === 'VariableDeclaration' && (n.kind === 'await using')) found = true;
    return !found;
  });
  return found;
}

/**
 * Expressions with no effect at all: reading names and properties, literals, building closures and
 * object/array literals from those. Used to decide whether a release may move past an exit statement.
 */
export function isPure(node: Node): boolean {
  if (!node) return true;
  switch (node.type) {
    case 'Identifier':
    case 'ThisExpression':
    case 'Literal':
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'BigIntLiteral':
    case 'RegExpLiteral':
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return true;
    case 'TemplateLiteral':
      return node.expressions.every(isPure);
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return isPure(node.object) && (!node.computed || isPure(node.property));
    case 'UnaryExpression':
      return node.operator !== 'delete' && isPure(node.argument);
    case 'BinaryExpression':
    case 'LogicalExpression':
      return isPure(node.left) && isPure(node.right);
    case 'ConditionalExpression':
      return isPure(node.test) && isPure(node.consequent) && isPure(node.alternate);
    case 'ArrayExpression':
      return node.elements.every((e: Node) => !e || (e.type === 'SpreadElement' ? isPure(e.argument) : isPure(e)));
    case 'ObjectExpression':
      return node.properties.every((p: Node) =>
        p.type === 'SpreadElement' ? isPure(p.argument) : (!p.computed || isPure(p.key)) && (p.type === 'ObjectMethod' || isPure(p.value)),
      );
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion':
    case 'ParenthesizedExpression':
      return isPure(node.expression);
    default:
      return false;
  }
}

export function lineColumn(node: Node): { line: number; column: number } {
  const start = node?.loc?.start;
  return start ? { line: start.line, column: start.column + 1 } : { line: 0, column: 0 };
}

/** Is `ancestor` on the path from `p` up to the root (or `p` itself)? */
export function isInside(p: Path, ancestor: Node): boolean {
  for (let cur: Path | null = p; cur; cur = cur.parent) if (cur.node === ancestor) return true;
  return false;
}

/** The enclosing function (or Program) of a path. */
export function enclosingFunction(path: Path): Path {
  if (path.node.type === 'Program') return path;
  let p: Path | null = path.parent;
  while (p && !isFunction(p.node) && p.node.type !== 'Program') p = p.parent;
  return p as Path;
}

/** Keys that never lead to code: positions, tokens, comments (shared between neighbours), caches. */
export const SKIPPED_KEYS = new Set(['loc', 'tokens', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'extra', 'original']);

/**
 * The live path of `node` under `root`, found by identity (after edits moved it), or null. `mayHold`
 * prunes subtrees that cannot contain it (by source position, on an unedited tree).
 */
export function pathOf(root: Path, node: Node, mayHold: (subtree: Node) => boolean = () => true): Path | null {
  if (root.node === node) return root;
  const stack: Path[] = [root];
  while (stack.length) {
    const p = stack.pop()!;
    // `value`, not `node`: for a path whose value is not an ast-types Node (a comment) `.node` is the parent.
    const n = p.value;
    for (const key of Object.keys(n)) {
      if (SKIPPED_KEYS.has(key)) continue;
      const v = n[key];
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          if (v[i] === node) return p.get(key, i);
          if (v[i] && typeof v[i].type === 'string' && mayHold(v[i])) stack.push(p.get(key, i));
        }
      } else if (v && typeof v.type === 'string') {
        if (v === node) return p.get(key);
        if (mayHold(v)) stack.push(p.get(key));
      }
    }
  }
  return null;
}

/**
 * Paths of every node under `root` that `match` accepts. A plain object walk, with an ast-types path built
 * only for the matches: much cheaper than a PathVisitor traversal, which computes field lists per node.
 */
export function collectPaths(root: Path, match: (node: Node) => boolean): Path[] {
  const out: Path[] = [];
  const trail: (string | number)[] = [];
  const visit = (node: Node): void => {
    if (match(node)) out.push(trail.length ? root.get(...trail) : root);
    for (const key of Object.keys(node)) {
      if (SKIPPED_KEYS.has(key)) continue;
      const v = node[key];
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const c = v[i];
          if (c && typeof c.type === 'string') {
            trail.push(key, i);
            visit(c);
            trail.length -= 2;
          }
        }
      } else if (v && typeof v.type === 'string') {
        trail.push(key);
        visit(v);
        trail.length -= 1;
      }
    }
  };
  visit(root.value);
  return out;
}

// Calls that only compute a value or write a log line: moving one before a release changes nothing anyone
// relies on. Anything else (`res.json(rows)`, `next()`, `emit()`) is an effect the caller can observe.
const VALUE_METHODS = new Set(['map', 'filter', 'reduce', 'slice', 'join', 'find', 'findIndex', 'some', 'every', 'includes', 'indexOf', 'concat', 'flat', 'flatMap', 'keys', 'values', 'entries', 'toString', 'toJSON', 'toISOString', 'trim', 'split', 'toLowerCase', 'toUpperCase', 'at', 'get', 'has', 'padStart', 'padEnd', 'replace', 'replaceAll', 'startsWith', 'endsWith', 'fill', 'subarray', 'substring', 'substr', 'charAt', 'charCodeAt', 'codePointAt', 'toFixed', 'toPrecision', 'localeCompare', 'match', 'matchAll', 'search', 'normalize', 'repeat', 'trimStart', 'trimEnd', 'lastIndexOf', 'findLast', 'findLastIndex', 'reduceRight', 'toLocaleString', 'toSorted', 'toReversed', 'getTime', 'valueOf', 'test', 'exec']);
const VALUE_GLOBALS = new Set(['console', 'JSON', 'Math', 'Object', 'Array', 'Number', 'String', 'Boolean', 'Date', 'BigInt', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'Buffer', 'Symbol', 'encodeURIComponent', 'decodeURIComponent', 'logger', 'log', 'debug']);

/** The first call in `nodes` with an effect someone else can see, as source-like text, or null. */
export function firstEffect(nodes: Node[]): Node | null {
  let found: Node | null = null;
  for (const root of nodes) {
    walk(root, (n) => {
      if (found) return false;
      if (n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression') return false;
      if (n.type === 'NewExpression' || n.type === 'TaggedTemplateExpression') found = n;
      if (n.type === 'CallExpression' || n.type === 'OptionalCallExpression') {
        let callee = n.callee;
        while (callee.type === 'TSNonNullExpression' || callee.type === 'ParenthesizedExpression') callee = callee.expression;
        let base = callee;
        while (base.type === 'MemberExpression' || base.type === 'OptionalMemberExpression' || base.type === 'CallExpression' || base.type === 'OptionalCallExpression') base = base.type.endsWith('CallExpression') ? base.callee : base.object;
        const method = (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed ? callee.property.name : null;
        const harmless = (base.type === 'Identifier' && VALUE_GLOBALS.has(base.name)) || (method !== null && VALUE_METHODS.has(method));
        if (!harmless) found = n;
      }
      return !found;
    });
    if (found) return found;
  }
  return null;
}
