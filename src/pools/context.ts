// What kind of code runs a statement: once per call (a request handler, a repository method), or once per
// process (a CLI `main`, a migration, a test hook, a shutdown handler, module top level). Only per-call code
// must not tear down a shared pool; in the others a teardown is how the process lets go of it.
import * as path from 'node:path';
import { isFunction, unwrapExpression, type Node, type Path } from '../analysis/ast';

export type CallContext =
  | { kind: 'per-call'; fn: Path }
  | { kind: 'module' }
  | { kind: 'script'; why: string }
  | { kind: 'test'; why: string }
  | { kind: 'shutdown'; why: string };

/** Facts about the whole file that decide a context before any function is looked at. */
export interface FileContext {
  /** `*.test.*`, `*.spec.*`, files under `__tests__/`. */
  test: string | null;
  /** Files under scripts/, bin/, migrations/, seeds/, or named like a migration or seed. */
  script: string | null;
  /** Functions the module's top level calls: script entries (`main()`, `run().then(() => process.exit())`). */
  entries: Set<string>;
}

const SCRIPT_DIRS = new Set(['scripts', 'script', 'bin', 'migrations', 'migration', 'migrate', 'seeds', 'seeders', 'cli']);
const SCRIPT_WORDS = new Set(['main', 'migrate', 'migration', 'migrations', 'seed', 'seeds', 'cli']);
// Words that name a function whose job is to let go of things: `shutdown`, `closeDb`, `onClose`, `stopServer`.
const SHUTDOWN_WORDS = new Set(['shutdown', 'close', 'stop', 'dispose', 'teardown', 'destroy', 'cleanup', 'disconnect', 'terminate', 'quit', 'drain']);
const TEST_HOOKS = new Set(['afterAll', 'afterEach', 'after', 'teardown', 'suiteTeardown', 'globalTeardown']);
const SIGNALS = new Set(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR2', 'beforeExit', 'exit']);
const LISTEN_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
// Framework hooks that run when the server closes: fastify `addHook('onClose')`, Nest `onModuleDestroy`.
const CLOSE_HOOKS = new Set(['onClose', 'preClose', 'onModuleDestroy', 'beforeApplicationShutdown', 'onApplicationShutdown']);

/** `closeDb` → ['close', 'db'], `graceful_shutdown` → ['graceful', 'shutdown']. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function isShutdownName(name: string): boolean {
  return nameWords(name).some((w) => SHUTDOWN_WORDS.has(w)) || CLOSE_HOOKS.has(name);
}

function isScriptName(name: string): boolean {
  return nameWords(name).some((w) => SCRIPT_WORDS.has(w));
}

export function fileContext(file: string, program: Node): FileContext {
  const base = path.basename(file);
  const parts = path.resolve(file).split(path.sep);
  const test = /\.(test|spec|e2e-spec)\.[cm]?[jt]sx?$/.test(base) ? `${base} is a test file` : parts.includes('__tests__') ? 'the file is under __tests__/' : null;
  const dir = parts.slice(0, -1).reverse().find((d) => SCRIPT_DIRS.has(d));
  const script = dir ? `the file is under ${dir}/` : isScriptName(base.replace(/\.[^.]*$/, '')) ? `${base} is a script` : null;
  return { test, script, entries: topLevelCalls(program) };
}

/** Names of functions called by statements at the module's top level (and inside `if (require.main === module)`). */
function topLevelCalls(program: Node): Set<string> {
  const names = new Set<string>();
  const fromExpression = (e: Node): void => {
    e = unwrapExpression(e);
    if (!e) return;
    if (e.type === 'AwaitExpression' || (e.type === 'UnaryExpression' && e.operator === 'void')) return fromExpression(e.argument);
    if (e.type !== 'CallExpression') return;
    const callee = unwrapExpression(e.callee);
    if (callee.type === 'Identifier') names.add(callee.name);
    // `main().then(…).catch(…)` / `main().finally(() => process.exit())`
    else if (callee.type === 'MemberExpression' && ['then', 'catch', 'finally'].includes(callee.property?.name)) fromExpression(callee.object);
  };
  const visit = (statements: Node[]) => {
    for (const s of statements) {
      if (s.type === 'ExpressionStatement') fromExpression(s.expression);
      else if (s.type === 'IfStatement' && s.consequent) visit(s.consequent.type === 'BlockStatement' ? s.consequent.body : [s.consequent]);
    }
  };
  visit(program.body);
  return names;
}

/** The name a function goes by: its own, the variable or property it is assigned to, its method key. */
export function functionName(fnPath: Path): string | null {
  const fn = fnPath.node;
  if (fn.id?.name) return fn.id.name;
  if ((fn.type === 'ClassMethod' || fn.type === 'ObjectMethod' || fn.type === 'ClassPrivateMethod') && fn.key) {
    if (fn.key.type === 'Identifier' && !fn.computed) return fn.key.name;
    if (fn.key.type === 'PrivateName') return fn.key.id.name;
    // `[Symbol.asyncDispose]()` / `[Symbol.dispose]()`
    if (fn.computed && fn.key.type === 'MemberExpression' && fn.key.object.name === 'Symbol') return fn.key.property.name;
    return null;
  }
  const parent = fnPath.parent?.node;
  if (!parent) return null;
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if ((parent.type === 'ObjectProperty' || parent.type === 'ClassProperty') && !parent.computed && parent.key?.type === 'Identifier') return parent.key.name;
  if (parent.type === 'AssignmentExpression' && parent.left.type === 'MemberExpression' && !parent.left.computed) return parent.left.property.name;
  return null;
}

const stringValue = (n: Node): string | null => (n && (n.type === 'StringLiteral' || n.type === 'Literal') && typeof n.value === 'string' ? n.value : null);

/** Why a function passed as an argument runs once per process (a hook), or null. */
function hookOf(fnPath: Path): CallContext | null {
  const call = fnPath.parent?.node;
  if (!call || (call.type !== 'CallExpression' && call.type !== 'OptionalCallExpression') || !call.arguments.includes(fnPath.node)) return null;
  const callee = unwrapExpression(call.callee);
  const first = stringValue(call.arguments[0]);
  const calleeName = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : null;
  if (!calleeName) return null;
  if (TEST_HOOKS.has(calleeName)) return { kind: 'test', why: `a ${calleeName}() hook` };
  if (LISTEN_METHODS.has(calleeName) && callee.type === 'MemberExpression') {
    const target = unwrapExpression(callee.object);
    if (target.type === 'Identifier' && target.name === 'process' && first && SIGNALS.has(first)) return { kind: 'shutdown', why: `a process '${first}' handler` };
    // `server.on('close', …)`: runs when the server stops.
    if (first === 'close' && target.type === 'Identifier' && /server/i.test(target.name)) return { kind: 'shutdown', why: "a server 'close' listener" };
  }
  if (calleeName === 'addHook' && first && CLOSE_HOOKS.has(first)) return { kind: 'shutdown', why: `an ${first} hook` };
  if (CLOSE_HOOKS.has(calleeName)) return { kind: 'shutdown', why: `an ${calleeName}() hook` };
  // `server.close(() => pool.end())`
  if (calleeName === 'close' && callee.type === 'MemberExpression') return { kind: 'shutdown', why: 'a close() callback' };
  return null;
}

// Registering a function with these runs it once per request or event, whatever encloses the registration:
// `function routes(app) { app.get('/', async () => …) }` is per-call even when a script entry calls routes().
const PER_CALL_REGISTRATIONS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head', 'use', 'route', 'addHook', 'handle']);

function registeredPerCall(fnPath: Path): boolean {
  const call = fnPath.parent?.node;
  if (!call || call.type !== 'CallExpression' || !call.arguments.includes(fnPath.node)) return false;
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression' || callee.computed) return false;
  const name: string = callee.property.name;
  const first = stringValue(call.arguments[0]);
  if (LISTEN_METHODS.has(name)) return !!first && !SIGNALS.has(first) && first !== 'close';
  return PER_CALL_REGISTRATIONS.has(name);
}

/** The context a statement at `at` runs in. */
export function callContext(at: Path, file: FileContext): CallContext {
  if (file.test) return { kind: 'test', why: file.test };
  if (file.script) return { kind: 'script', why: file.script };
  let innermost: Path | null = null;
  for (let p: Path | null = at.parent; p; p = p.parent) {
    if (!isFunction(p.node)) continue;
    innermost ??= p;
    const hook = hookOf(p);
    if (hook) return hook;
    if (registeredPerCall(p)) return { kind: 'per-call', fn: innermost };
    const name = functionName(p);
    if (name) {
      if (name === 'main' || file.entries.has(name)) return { kind: 'script', why: `${name}() is the script's entry point` };
      if (isShutdownName(name) || name === 'asyncDispose' || name === 'dispose') return { kind: 'shutdown', why: `${name}() is a shutdown function` };
      if (isScriptName(name)) return { kind: 'script', why: `${name}() is a script function` };
    }
  }
  return innermost ? { kind: 'per-call', fn: innermost } : { kind: 'module' };
}
