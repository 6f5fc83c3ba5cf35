// Control-flow and position helpers of the lifecycle finder: where a statement sits, whether control can
// leave a block at an exit, what runs once at load, which closures run later.
import { calleeName, containsAwait, enclosingFunction, isFunction, isInside, isPure, type Node, type Path, unwrapExpression, walk } from '../ast';
import { RELEASE_NAMES, type ReleaseSpec } from '../../../catalog/js';
import { ReleaseSite, sourceText } from './model';

const STATEMENT_LIST_OWNERS = new Set(['BlockStatement', 'Program', 'StaticBlock']);
const LOOP_TYPES = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);
export const PASS_THROUGH = new Set([
  'AwaitExpression',
  'TSAsExpression',
  'TSNonNullExpression',
  'TSSatisfiesExpression',
  'TSTypeAssertion',
  'ParenthesizedExpression',
]);
/** Climb through `await`, parentheses and casts. */
export function outermost(p: Path): Path {
  let cur = p;
  while (cur.parent && PASS_THROUGH.has(cur.parent.node.type)) cur = cur.parent;
  return cur;
}
export function isAsyncContext(block: Path): boolean {
  const fn = enclosingFunction(block);
  if (!fn) return false;
  if (fn.node.type === 'Program') return true; // top-level await: checked separately
  return !!fn.node.async;
}
/** Index of the statement of `block` that contains `p`, or -1. */
export function topIndex(p: Path, block: Path): number {
  let cur: Path | null = p;
  while (cur && cur.parent && cur.parent.node !== block.node) cur = cur.parent;
  if (!cur || !cur.parent) return -1;
  return typeof cur.name === 'number' ? cur.name : -1;
}
/** The nearest function between `p` and `stop` (exclusive), outermost first. */
export function closureBetween(p: Path, stop: Node): Path | null {
  let found: Path | null = null;
  for (let cur: Path | null = p.parent; cur && cur.node !== stop; cur = cur.parent) {
    if (isFunction(cur.node)) found = cur;
  }
  return found;
}

// Callees that call a plain function they are handed before they return: array walks, assertions of a throw.
const CALLS_AT_ONCE = new Set(['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'reduce', 'reduceRight', 'flatMap', 'sort', 'throws', 'doesNotThrow']);
const THROW_MATCHERS = /^(toThrow|toThrowError|toThrowErrorMatchingSnapshot|toThrowErrorMatchingInlineSnapshot)$/;

/**
 * A plain (not async, not generator) function that the call it is handed to runs before returning:
 * `rows.forEach((r) => …)`, `assert.throws(() => { conn.x = 1; })`, `expect(() => …).toThrow()`.
 */
export function closureRunsAtOnce(fn: Path): boolean {
  if (fn.node.async || fn.node.generator) return false;
  const call = fn.parent;
  if (call?.node.type !== 'CallExpression' || !call.node.arguments.includes(fn.node)) return false;
  const callee = unwrapExpression(call.node.callee);
  if (callee.type === 'MemberExpression' && !callee.computed && CALLS_AT_ONCE.has(callee.property.name)) return true;
  if (callee.type === 'Identifier' && callee.name === 'expect') {
    const member = call.parent?.node;
    return member?.type === 'MemberExpression' && !member.computed && THROW_MATCHERS.test(member.property.name) && call.parent.parent?.node.type === 'CallExpression';
  }
  return false;
}

/**
 * A closure that cannot outlive the scope: an argument of a call that is awaited right there
 * (`await Promise.all(rows.map(r => client.query(...)))`).
 */
export function closureIsAwaitedArgument(fn: Path): boolean {
  let cur: Path | null = fn.parent;
  let sawCall = false;
  while (cur) {
    const t = cur.node.type;
    if (t === 'AwaitExpression') return sawCall;
    if (t === 'CallExpression' || t === 'OptionalCallExpression') sawCall = true;
    // `await new Promise((resolve) => …)`: the executor runs at once, and the await waits for it to settle.
    else if (t === 'NewExpression' && cur.node.callee.type === 'Identifier' && cur.node.callee.name === 'Promise') {
      sawCall = true;
      // `const p = new Promise(…); const row = await p;`: the same, awaited by the very next statement.
      if (awaitedNext(cur)) return true;
    }
    else if (!['MemberExpression', 'OptionalMemberExpression', 'ArrayExpression', 'SpreadElement', ...PASS_THROUGH].includes(t)) return false;
    cur = cur.parent;
  }
  return false;
}
/** `const p = <promise>;` whose next statement awaits `p`, and nothing else reads `p` but awaits. */
function awaitedNext(promise: Path): boolean {
  const declarator = promise.parent;
  if (declarator?.node.type !== 'VariableDeclarator' || declarator.node.id.type !== 'Identifier') return false;
  const declaration = declarator.parent;
  const list = declaration?.parentPath?.value;
  if (!Array.isArray(list) || declaration.node.declarations.length !== 1) return false;
  const name: string = declarator.node.id.name;
  const next: Node | undefined = list[list.indexOf(declaration.node) + 1];
  if (!next) return false;
  let awaitsNext = false;
  walk(next, (n) => {
    if (n.type === 'AwaitExpression' && n.argument.type === 'Identifier' && n.argument.name === name) awaitsNext = true;
    return !awaitsNext;
  });
  if (!awaitsNext) return false;
  let other = false;
  for (const s of list.slice(list.indexOf(declaration.node) + 1)) {
    walk(s, (n, parent) => {
      if (n.type === 'Identifier' && n.name === name && !(parent?.type === 'AwaitExpression' && parent.argument === n)) other = true;
      return !other;
    }, true);
  }
  return !other;
}
/** `x`, `x != null`, `x !== undefined`, `x !== null`, `x != undefined` */
export function isPresenceGuard(test: Node, name: string): boolean {
  const t = unwrapExpression(test);
  if (t.type === 'Identifier') return t.name === name;
  if (t.type === 'BinaryExpression' && (t.operator === '!=' || t.operator === '!==')) {
    const [a, b] = [unwrapExpression(t.left), unwrapExpression(t.right)];
    const isNullish = (n: Node) => n.type === 'NullLiteral' || (n.type === 'Identifier' && n.name === 'undefined');
    return (a.type === 'Identifier' && a.name === name && isNullish(b)) || (b.type === 'Identifier' && b.name === name && isNullish(a));
  }
  return false;
}
/** Statement that consists of nothing but this release call (possibly awaited, possibly guarded). */
export function releaseStatement(call: Path, name: string): { statement: Path; awaited: boolean } | null {
  const own = callStatement(call);
  if (!own) return null;
  let statement: Path = own.statement;
  // `if (x) x.release();` / `if (x) { x.release(); }`
  const parent = statement.parent;
  if (parent?.node.type === 'BlockStatement' && parent.node.body.length === 1) {
    const ifPath = parent.parent;
    if (ifPath?.node.type === 'IfStatement' && ifPath.node.consequent === parent.node && !ifPath.node.alternate && isPresenceGuard(ifPath.node.test, name)) {
      statement = ifPath;
    }
  } else if (parent?.node.type === 'IfStatement' && parent.node.consequent === statement.node && !parent.node.alternate && isPresenceGuard(parent.node.test, name)) {
    statement = parent;
  }
  return { statement, awaited: own.awaited };
}
/** `x.close().catch(() => {})`: the call (`x.close()`) whose failure a handler function catches right there; else null. */
export function caughtCallOf(e: Node): Node | null {
  if (e?.type !== 'CallExpression' || e.callee.type !== 'MemberExpression' || e.callee.computed || e.callee.property?.name !== 'catch') return null;
  if (e.arguments.length !== 1 || !isFunction(e.arguments[0])) return null;
  return e.callee.object;
}
/** The expression statement that is the call itself (through `await` and TypeScript's wrappers), and whether it awaits it. */
export function callStatement(call: Path): { statement: Path; awaited: boolean } | null {
  let cur = call;
  let awaited = false;
  while (cur.parent && PASS_THROUGH.has(cur.parent.node.type)) {
    if (cur.parent.node.type === 'AwaitExpression') awaited = true;
    cur = cur.parent;
  }
  return cur.parent?.node.type === 'ExpressionStatement' ? { statement: cur.parent, awaited } : null;
}
export function isStatementList(p: Path): boolean {
  return Array.isArray(p.parentPath?.value) && (STATEMENT_LIST_OWNERS.has(p.parent?.node.type) || p.parent?.node.type === 'SwitchCase');
}
export function sqlText(arg: Node): string | null {
  if (!arg) return null;
  if (arg.type === 'StringLiteral') return arg.value;
  if (arg.type === 'TemplateLiteral' && arg.expressions.length === 0) return arg.quasis[0].value.cooked;
  return null;
}
/** SQL text that opens a transaction (also what pooledBegin looks for on a pool). */
export const BEGIN_SQL = /^\s*(BEGIN|START\s+TRANSACTION)\b/i;
export const ROLLBACK_SQL = /^\s*ROLLBACK\b/i;
export function callInfo(ref: Path): { member: Path; call: Path | null; method: string | null } | null {
  const parent = ref.parent;
  if (!parent) return null;
  const t = parent.node.type;
  if ((t === 'MemberExpression' || t === 'OptionalMemberExpression') && ref.name === 'object') {
    const method = !parent.node.computed && parent.node.property.type === 'Identifier' ? parent.node.property.name : null;
    const gp = parent.parent;
    const call = gp && (gp.node.type === 'CallExpression' || gp.node.type === 'OptionalCallExpression') && gp.node.callee === parent.node ? gp : null;
    return { member: parent, call, method };
  }
  return null;
}
/**
 * The release call a reference to the resource stands in, if any: the receiver of one of its release
 * methods (`x.release()`), or the one argument of a release that takes the resource (`pool.releaseConnection(x)`,
 * `fs.closeSync(x)`, `closeSync(x)`: ReleaseSpec.argumentOf).
 */
export function releaseOf(ref: Path, releases: ReleaseSpec[]): { call: Path; method: string } | null {
  const info = callInfo(ref);
  if (info) {
    const { call, method } = info;
    return call && method && releases.some((r) => !r.argumentOf && r.method === method) ? { call, method } : null;
  }
  const call = ref.parent;
  const n = call?.node;
  if (!n || (n.type !== 'CallExpression' && n.type !== 'OptionalCallExpression') || n.arguments.length !== 1 || n.arguments[0] !== ref.node) return null;
  const method = argumentReleaseName(n.callee, releases);
  return method ? { call, method } : null;
}

/** `pool.releaseConnection`, `fs.closeSync`, `closeSync`: the name of a release that takes the resource. */
export function argumentReleaseName(calleeNode: Node, releases: ReleaseSpec[]): string | null {
  const callee = unwrapExpression(calleeNode);
  const member = (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : null;
  const plain = callee.type === 'Identifier' ? callee.name : null;
  const spec = releases.find((r) => (r.argumentOf && r.method === member) || (r.argumentOf === 'module' && r.method === plain));
  return spec?.method ?? null;
}

/** `fs.closeSync(fd)` of `fd`: a statement-level call releasing `name` with it as the one argument. */
export function isArgumentRelease(call: Node, name: string, releases: ReleaseSpec[]): boolean {
  if (!call || (call.type !== 'CallExpression' && call.type !== 'OptionalCallExpression') || call.arguments.length !== 1) return false;
  const arg = unwrapExpression(call.arguments[0]);
  return arg.type === 'Identifier' && arg.name === name && !!argumentReleaseName(call.callee, releases);
}

/** Can control reach the end of this statement? (Only simple, certain cases say no.) */
export function alwaysExits(s: Node): boolean {
  if (!s) return false;
  switch (s.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
      return true;
    case 'BlockStatement':
      return s.body.length > 0 && s.body.some(alwaysExits);
    case 'IfStatement':
      return !!s.alternate && alwaysExits(s.consequent) && alwaysExits(s.alternate);
    case 'TryStatement':
      return (s.finalizer && alwaysExits(s.finalizer)) || (alwaysExits(s.block) && (!s.handler || alwaysExits(s.handler.body)));
    default:
      return false;
  }
}
/** Would a `return`/`throw`/`break`/`continue` at `exit` leave `block` without running anything else first? */
function exitLeaves(exit: Path, block: Node, throws = false): boolean {
  const node = exit.node;
  const isThrow = throws || node.type === 'ThrowStatement';
  let target: Node | null = null;
  if (node.type === 'BreakStatement' || node.type === 'ContinueStatement') {
    for (let cur: Path | null = exit.parent; cur; cur = cur.parent) {
      const t = cur.node.type;
      if (node.label) {
        if (t === 'LabeledStatement' && cur.node.label.name === node.label.name) {
          target = cur.node;
          break;
        }
      } else if (LOOP_TYPES.has(t) || (node.type === 'BreakStatement' && t === 'SwitchStatement')) {
        target = cur.node;
        break;
      }
      if (isFunction(cur.node)) break;
    }
    if (!target) return false;
  }
  let child: Path = exit;
  for (let cur: Path | null = exit.parent; cur; cur = cur.parent) {
    if (cur.node === block) return true;
    if (target && cur.node === target) return false; // the jump lands inside the block
    if (cur.node.type === 'TryStatement') {
      const fromBlock = child.node === cur.node.block;
      const fromHandler = !!cur.node.handler && child.node === cur.node.handler;
      if (cur.node.finalizer && (fromBlock || fromHandler)) return false; // a finally would run in between
      if (fromBlock && isThrow && cur.node.handler) return false; // caught before leaving
    }
    if (isFunction(cur.node)) return false;
    child = cur;
  }
  return false;
}
/** Code that runs once, when the module loads: top-level statements and the functions they call in place (IIFEs). */
export function runsOnceAtLoad(p: Path): boolean {
  let fn = enclosingFunction(p);
  while (fn.node.type !== 'Program') {
    const call = fn.parent;
    if (!call || (call.node.type !== 'CallExpression' && call.node.type !== 'OptionalCallExpression') || call.node.callee !== fn.node) return false;
    fn = enclosingFunction(call);
  }
  return true;
}
/** `a, true` of a call, as written (one line). */
export function argumentsText(call: Node): string {
  return call.arguments.map((a: Node) => sourceText(a)).join(', ');
}
export function isLiteralArgument(arg: Node): boolean {
  const a = unwrapExpression(arg);
  return ['BooleanLiteral', 'NumericLiteral', 'StringLiteral', 'NullLiteral', 'Literal'].includes(a.type) || (a.type === 'Identifier' && a.name === 'undefined');
}
const SIGNALS = new Set(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR2', 'beforeExit', 'exit']);
/** `process.on('SIGTERM', fn)` and its kin: the function runs once, when the process stops. */
export function isShutdownHook(fn: Path): boolean {
  const call = fn.parent?.node;
  if (!call || call.type !== 'CallExpression' || !call.arguments.includes(fn.node)) return false;
  const callee = unwrapExpression(call.callee);
  const first = call.arguments[0];
  return (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'].includes(callee.property.name) &&
    unwrapExpression(callee.object).type === 'Identifier' &&
    unwrapExpression(callee.object).name === 'process' &&
    (first?.type === 'StringLiteral' || first?.type === 'Literal') &&
    SIGNALS.has(first.value)
  );
}
/** Is this statement one of a `finally` block's own statements? */
export function inFinally(statement: Path | undefined): boolean {
  const block = statement?.parent;
  return !!block && block.node.type === 'BlockStatement' && block.parent?.node.type === 'TryStatement' && block.parent.node.finalizer === block.node;
}
/** A function handed to a call (`.then(() => …)`, `setTimeout(() => …)`, `on('end', …)`): it runs later. */
export function isCallbackArgument(fn: Path): boolean {
  const parent = fn.parent?.node;
  return !!parent && (parent.type === 'CallExpression' || parent.type === 'NewExpression' || parent.type === 'OptionalCallExpression') && parent.arguments.includes(fn.node);
}
/** How a function reads in a message: `close()`, `the method close()`, `a function`. */
export function functionLabel(fn: Path): string {
  const n = fn.node;
  const key = n.key && !n.computed && n.key.type === 'Identifier' ? n.key.name : null;
  const own = n.id?.name ?? key;
  if (own) return `${own}()`;
  const parent = fn.parent?.node;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return `${parent.id.name}()`;
  if ((parent?.type === 'ObjectProperty' || parent?.type === 'Property') && parent.key?.type === 'Identifier') return `${parent.key.name}()`;
  if (parent?.type === 'CallExpression' && parent.arguments.includes(n)) {
    const name = calleeName(unwrapExpression(parent.callee));
    if (name) return `the callback of ${name}()`;
  }
  return 'another function';
}
export function hasCall(node: Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (n.type === 'CallExpression' || n.type === 'OptionalCallExpression' || n.type === 'NewExpression' || n.type === 'TaggedTemplateExpression') found = true;
    return !found;
  });
  return found;
}
export function isExitRelease(r: ReleaseSite, block: Node): boolean {
  const st = r.statement;
  const list = st.parentPath?.value;
  if (!Array.isArray(list)) return false;
  let i = (st.name as number) + 1;
  // Other releases may sit between this one and the jump (`a.release(); b.release(); return`).
  while (i < list.length && isAnyReleaseStatement(list[i])) i++;
  const next = list[i];
  if (!next) return false;
  const skip = isTestSkip(st.parentPath.get(i));
  if (!skip && !['ReturnStatement', 'ThrowStatement', 'BreakStatement', 'ContinueStatement'].includes(next.type)) return false;
  if (next.argument && containsAwait(next.argument)) return false;
  return exitLeaves(st.parentPath.get(i), block, skip);
}

const TEST_HOOKS = new Set(['it', 'test', 'specify', 'before', 'beforeEach', 'after', 'afterEach']);
/** `this.skip();` in a mocha test or hook (a plain function handed to it()/before()…): it throws, as a `throw` would. */
function isTestSkip(p: Path): boolean {
  const e = p.node.type === 'ExpressionStatement' ? p.node.expression : null;
  if (e?.type !== 'CallExpression' || e.arguments.length > 0) return false;
  const callee = e.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.object.type !== 'ThisExpression' || callee.property.name !== 'skip') return false;
  const fn = enclosingFunction(p);
  if (fn.node.type !== 'FunctionExpression' || fn.parent?.node.type !== 'CallExpression' || !fn.parent.node.arguments.includes(fn.node)) return false;
  const hook = unwrapExpression(fn.parent.node.callee);
  const name = hook.type === 'Identifier' ? hook.name : hook.type === 'MemberExpression' && !hook.computed && hook.object.type === 'Identifier' ? hook.object.name : null;
  return !!name && TEST_HOOKS.has(name);
}
function isAnyReleaseStatement(s: Node): boolean {
  if (s?.type !== 'ExpressionStatement') return false;
  let e = s.expression;
  if (e.type === 'AwaitExpression') e = e.argument;
  if (e.type !== 'CallExpression' && e.type !== 'OptionalCallExpression') return false;
  const callee = e.callee;
  return (
    (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') &&
    callee.object.type === 'Identifier' &&
    RELEASE_NAMES.includes(callee.property?.name) &&
    e.arguments.length === 0
  );
}
/** The begin sits in a try (or right before one) whose catch rolls back on this resource. */
export function transactionProtected(begin: Path, rollbacks: Path[], block: Node, declared = false): boolean {
  const handlesRollback = (tryNode: Node) => !!tryNode.handler && rollbacks.some((rb) => isInside(rb, tryNode.handler));
  for (let cur: Path | null = begin.parent; cur && cur.node !== block; cur = cur.parent) {
    if (cur.node.type === 'TryStatement' && isInside(begin, cur.node.block) && handlesRollback(cur.node)) return true;
  }
  let st: Path = begin;
  while (st.parent && st.parent.node.type !== 'BlockStatement' && st.parent.node.type !== 'Program') st = st.parent;
  const list = st.parentPath?.value;
  // (`declared`: the begin is the acquire itself, `const c = await beginWork()`.)
  if (!Array.isArray(list) || (st.node.type !== 'ExpressionStatement' && !(declared && st.node.type === 'VariableDeclaration'))) return false;
  // Statements that cannot throw (`const seqs = []`) may stand between the begin and the try.
  let i = (st.name as number) + 1;
  while (i < list.length && cannotThrow(list[i])) i++;
  const next = list[i];
  return next?.type === 'TryStatement' && handlesRollback(next);
}
/** `console.log(error);`: a log whose arguments call nothing. */
export function isPlainLog(st: Node): boolean {
  const e = st.type === 'ExpressionStatement' ? unwrapExpression(st.expression) : null;
  if (e?.type !== 'CallExpression' || e.arguments.some((a: Node) => hasCall(a))) return false;
  const callee = unwrapExpression(e.callee);
  return callee.type === 'MemberExpression' && !callee.computed && callee.object.type === 'Identifier' && callee.object.name === 'console';
}
export function cannotThrow(s: Node): boolean {
  if (s.type === 'EmptyStatement') return true;
  if (s.type !== 'VariableDeclaration' || s.kind === 'using' || s.kind === 'await using') return false;
  return s.declarations.every((d: Node) => d.id.type === 'Identifier' && (!d.init || (isPure(d.init) && d.init.type !== 'MemberExpression')));
}

/** `x.on('error', handler);`: registering a listener, which does not throw. */
export function isListenerSetup(s: Node, name: string): boolean {
  const e = s.type === 'ExpressionStatement' ? unwrapExpression(s.expression) : null;
  return (
    e?.type === 'CallExpression' &&
    e.callee.type === 'MemberExpression' &&
    unwrapExpression(e.callee.object).type === 'Identifier' &&
    unwrapExpression(e.callee.object).name === name &&
    ['on', 'once', 'addListener'].includes(e.callee.property?.name)
  );
}

const FAILURE_ASSERTIONS = /^(rejects|throws|throwsAsync|isRejected|rejectedWith|throwsException)$/;
const FAILURE_MATCHERS = /^(rejects|toThrow|toThrowError|rejected|rejectedWith|throw)$/;

/**
 * The assertion that expects `p` to fail, by name (`rejects()`, `expect().toThrow`), or null: `p` is the
 * promise handed to it (`assert.rejects(connect(bad))`) or sits in the function handed to it
 * (`assert.rejects(async () => { … })`, `t.throwsAsync(fn)`, `expect(fn).rejects…`).
 */
export function failureExpected(p: Path): string | null {
  let arg: Path | null = p;
  while (arg && !isFunction(arg.node) && !(arg.parent?.node.type === 'CallExpression' && arg.name !== 'callee' && arg.parentPath?.name === 'arguments')) arg = arg.parent;
  const call = arg?.parent;
  if (!arg || call?.node.type !== 'CallExpression' || !call.node.arguments.includes(arg.node)) return null;
  const name = calleeName(unwrapExpression(call.node.callee));
  if (name && FAILURE_ASSERTIONS.test(name)) return `${name}()`;
  if (name !== 'expect') return null;
  for (let q = call.parent; q && (q.node.type === 'MemberExpression' || q.node.type === 'CallExpression'); q = q.parent) {
    if (q.node.type === 'MemberExpression' && !q.node.computed && FAILURE_MATCHERS.test(q.node.property.name)) return `expect().${q.node.property.name}`;
  }
  return null;
}
