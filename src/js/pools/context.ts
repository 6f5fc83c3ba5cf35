// What kind of code runs a statement: provably once per call (a registered request handler, an exported
// function of a module that is no entry point), once per process (a script, a test, a shutdown hook, module
// top level and the callbacks it starts), or something that cannot be told. Only provably per-call code may
// lose a teardown; the rest keeps it, and what cannot be told is reported. Decided by structure: a
// function's name can only make the tool leave a teardown alone, never make it remove one.
import { calleeName, isFunction, unwrapExpression, type Node, type Path } from '../analysis/ast';
import { isMainCheck, testRegistrationName, type FileContext } from './fileKind';

export { fileContext, type FileContext } from './fileKind';

export type CallContext =
  /**
   * The innermost function runs once per call; `evidence` says why, in words. `exportedName` when the
   * evidence is that the module exports it (its importers are then worth a look).
   */
  | { kind: 'per-call'; fn: Path; evidence: string; exportedName?: string }
  /** Inside a callback (`where`) of a function that runs once per call. */
  | { kind: 'nested'; fn: Path; outer: Path; evidence: string; where: string }
  /** Not shown to run per call nor once per process; `outer` is the function that left it open, `where` says so. */
  | { kind: 'unknown'; fn: Path; outer: Path; where: string }
  | { kind: 'module'; why: string }
  | { kind: 'script'; why: string }
  | { kind: 'test'; why: string }
  /** `why` names the code that lets go once (a noun phrase: "a process 'SIGTERM' handler"). */
  | { kind: 'shutdown'; why: string };

// Words that name a function whose job is to let go of things. Only ever a reason to leave a call alone.
const SHUTDOWN_WORDS = new Set(['shutdown', 'close', 'stop', 'dispose', 'teardown', 'destroy', 'cleanup', 'disconnect', 'terminate', 'quit', 'drain', 'exit']);
const SCRIPT_WORDS = new Set(['main', 'migrate', 'migration', 'migrations', 'seed', 'seeds', 'cli']);
const SIGNALS = new Set(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR2', 'beforeExit', 'exit', 'uncaughtException', 'unhandledRejection']);
const LISTEN_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
// Framework hooks that run when the server closes: fastify `addHook('onClose')`, Nest `onModuleDestroy`.
const CLOSE_HOOKS = new Set(['onClose', 'preClose', 'onModuleDestroy', 'beforeApplicationShutdown', 'onApplicationShutdown']);
// Routing calls: `app.get('/users', handler)`, `router.post(…)`, `fastify.delete(…)`, `app.use(mw)`.
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head']);
// Fastify hooks that run for every request (onReady, onListen, onRoute, onRegister run once).
const REQUEST_HOOKS = new Set(['onRequest', 'preParsing', 'preValidation', 'preHandler', 'preSerialization', 'onSend', 'onResponse', 'onError', 'onTimeout', 'onRequestAbort']);
// Events a server or worker emits once per request, message or connection.
const PER_CALL_EVENTS = new Set(['request', 'message', 'connection', 'upgrade']);

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

/** The call `fnPath` is passed to as an argument, or null. */
function callTaking(fnPath: Path): Node | null {
  const call = fnPath.parent?.node;
  return call && (call.type === 'CallExpression' || call.type === 'OptionalCallExpression' || call.type === 'NewExpression') && call.arguments.includes(fnPath.node) ? call : null;
}

/** Is this function a disposer: `[Symbol.asyncDispose]` of an object or class, or handed to a DisposableStack? */
function disposer(fnPath: Path): boolean {
  const fn = fnPath.node;
  const symbolKey = (owner: Node) => owner?.computed && owner.key?.type === 'MemberExpression' && owner.key.object?.name === 'Symbol' && ['asyncDispose', 'dispose'].includes(owner.key.property?.name);
  if (symbolKey(fn)) return true;
  const parent = fnPath.parent?.node;
  if ((parent?.type === 'ObjectProperty' || parent?.type === 'ClassProperty' || parent?.type === 'Property') && parent.value === fn && symbolKey(parent)) return true;
  const call = callTaking(fnPath);
  const callee = call && unwrapExpression(call.callee);
  return !!callee && callee.type === 'MemberExpression' && ['defer', 'adopt'].includes(callee.property?.name);
}

/** Why this function runs once per process or belongs to a test (a hook, a disposer), or null. */
function onceHook(fnPath: Path): CallContext | null {
  if (disposer(fnPath)) return { kind: 'shutdown', why: 'a disposer ([Symbol.asyncDispose] or a DisposableStack callback)' };
  const fn = fnPath.node;
  if ((fn.type === 'ClassMethod' || fn.type === 'ObjectMethod') && !fn.computed && CLOSE_HOOKS.has(fn.key?.name)) return { kind: 'shutdown', why: `an ${fn.key.name}() hook` };
  const call = callTaking(fnPath);
  if (!call) return null;
  const callee = unwrapExpression(call.callee);
  const test = testRegistrationName(callee);
  if (test) return { kind: 'test', why: `a ${test}() callback` };
  const name = calleeName(callee);
  const first = stringValue(call.arguments[0]);
  if (!name) return null;
  if (LISTEN_METHODS.has(name) && callee.type === 'MemberExpression') {
    const target = unwrapExpression(callee.object);
    if (target.type === 'Identifier' && target.name === 'process' && first && SIGNALS.has(first)) return { kind: 'shutdown', why: `a process '${first}' handler` };
    // `server.on('close', …)`: runs when the server stops.
    if (first === 'close' && target.type === 'Identifier' && /server/i.test(target.name)) return { kind: 'shutdown', why: "a server 'close' listener" };
  }
  if (name === 'addHook' && first && CLOSE_HOOKS.has(first)) return { kind: 'shutdown', why: `an ${first} hook` };
  if (CLOSE_HOOKS.has(name)) return { kind: 'shutdown', why: `an ${name}() hook` };
  // `server.close(() => pool.end())`
  if (name === 'close' && callee.type === 'MemberExpression') return { kind: 'shutdown', why: 'a close() callback' };
  return null;
}

/** How a function registered with a router, a request hook or a per-request event runs per call, or null. */
function registration(fnPath: Path): string | null {
  const call = callTaking(fnPath);
  return call ? registrationOf(call, fnPath.node, fnPath.node.params.length) : null;
}

/**
 * `app.get('/x', handler)`: how the argument `fn` (a function or its name) is registered per call, or null.
 * `use()` counts only for a function that takes a request and more (`(req, res, next)`, `(ctx, next)`):
 * `chai.use(plugin)` or `i18n.use(backend)` register something that runs once.
 */
function registrationOf(call: Node, fn: Node, params: number | null): string | null {
  if (call.type === 'NewExpression') return null;
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression' || callee.computed) return null;
  const method: string = callee.property.name;
  const args: Node[] = call.arguments;
  const first = args[0];
  const isPath = (n: Node) =>
    (stringValue(n)?.match(/^[/*]/) ?? null) !== null || n.type === 'TemplateLiteral' || n.type === 'RegExpLiteral' || (n.type === 'Literal' && n.regex) || n.type === 'ArrayExpression';
  if (ROUTE_METHODS.has(method) && args.length >= 2 && first !== fn && isPath(first)) return `registered as a ${method.toUpperCase()} route handler`;
  if (method === 'use' && (params ?? 0) >= 2 && (first === fn || isPath(first))) return 'registered as middleware with use()';
  if (method === 'addHook' && REQUEST_HOOKS.has(stringValue(first) ?? '')) return `registered as an ${stringValue(first)} hook`;
  if ((method === 'on' || method === 'addListener') && PER_CALL_EVENTS.has(stringValue(first) ?? '')) return `a '${stringValue(first)}' listener`;
  return null;
}

const namedRegistrations = new WeakMap<Node, Map<string, string>>();

/** Functions registered by name anywhere in the module: `app.get('/users', listUsers)` → listUsers. */
function registeredByName(program: Node): Map<string, string> {
  let found = namedRegistrations.get(program);
  if (found) return found;
  found = new Map();
  // Parameter counts of the module's top-level functions, for use() registrations by name.
  const declaredParams = new Map<string, number>();
  for (const raw of program.body) {
    const st = raw.type === 'ExportNamedDeclaration' || raw.type === 'ExportDefaultDeclaration' ? raw.declaration : raw;
    if (st?.type === 'FunctionDeclaration' && st.id) declaredParams.set(st.id.name, st.params.length);
    if (st?.type === 'VariableDeclaration') {
      for (const d of st.declarations) if (d.id.type === 'Identifier' && isFunction(unwrapExpression(d.init))) declaredParams.set(d.id.name, unwrapExpression(d.init).params.length);
    }
  }
  const visit = (n: Node): void => {
    if (!n || typeof n.type !== 'string') return;
    if (n.type === 'CallExpression') {
      for (const a of n.arguments) {
        if (a.type !== 'Identifier' || found!.has(a.name)) continue;
        const how = registrationOf(n, a, declaredParams.get(a.name) ?? null);
        if (how) found!.set(a.name, how);
      }
    }
    for (const key of Object.keys(n)) {
      if (key === 'loc' || key === 'comments' || key === 'tokens') continue;
      const v = n[key];
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v.type === 'string') visit(v);
    }
  };
  visit(program);
  namedRegistrations.set(program, found);
  return found;
}

// Calls known to run a callback they are given once (or, for array methods, right away): promise
// continuations, timers that fire once, `once` listeners, a server's listen callback, and a driver's own
// callback API (`pool.query(sql, cb)`, `pool.connect(cb)`).
const ONCE_CALLERS = new Set([
  'then', 'catch', 'finally', 'setTimeout', 'setImmediate', 'nextTick', 'queueMicrotask', 'once', 'prependOnceListener', 'listen',
  'forEach', 'map', 'filter', 'reduce', 'some', 'every', 'find', 'flatMap',
  'query', 'connect', 'getConnection', 'execute', 'end', 'close', 'acquire', 'release', 'destroy',
]);
// Events an emitter sends once: a listener for them runs once.
const ONCE_EVENTS = new Set(['end', 'close', 'finish', 'error', 'exit', 'ready', 'listening', 'open', 'connect', 'drain']);

/**
 * How a callback runs: 'once' when it is an IIFE or given to a call known to run it once; otherwise the
 * call it is given to (it may run it any number of times: `queue.process(cb)`, `setInterval(cb)`); null
 * when it is not a callback at all (a declared function, a method).
 */
function callbackKind(fnPath: Path): 'once' | { via: string } | null {
  const parent = fnPath.parent?.node;
  if ((parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.callee === fnPath.node) return 'once';
  if (parent?.type === 'ParenthesizedExpression' && fnPath.parent.parent?.node.callee === parent) return 'once';
  const call = callTaking(fnPath);
  if (!call) return null;
  const callee = unwrapExpression(call.callee);
  if (call.type === 'NewExpression' && callee.type === 'Identifier' && callee.name === 'Promise') return 'once';
  const name = calleeName(callee);
  if (!name) return { via: 'a call' };
  if (name === 'on' || name === 'addListener') return ONCE_EVENTS.has(stringValue(call.arguments[0]) ?? '') ? 'once' : { via: `${name}()` };
  // Fastify's start-up hooks run once, when the server is ready or listening.
  if (name === 'addHook' && ['onReady', 'onListen'].includes(stringValue(call.arguments[0]) ?? '')) return 'once';
  return ONCE_CALLERS.has(name) ? 'once' : { via: `${name}()` };
}

/** How this function is exported by its module (declaration, variable, `module.exports`/`exports.x`, a method of an exported class or object), or null. */
function exported(fnPath: Path, program: Node): string | null {
  const fn = fnPath.node;
  const parent = fnPath.parent?.node;
  if (parent?.type === 'ExportNamedDeclaration' || parent?.type === 'ExportDefaultDeclaration') return 'exported by its module';
  const name = fn.type === 'FunctionDeclaration' ? fn.id?.name : parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : null;
  if (name && fnPath.parent?.parent && isTopLevel(fn.type === 'FunctionDeclaration' ? fnPath : fnPath.parent.parent, program)) {
    if (exportsName(program, name)) return 'exported by its module';
    if (parent?.type === 'VariableDeclarator' && fnPath.parent.parent.parent?.node.type === 'ExportNamedDeclaration') return 'exported by its module';
  }
  // `exports.handler = async () => …`, `module.exports = function () {…}`
  if (parent?.type === 'AssignmentExpression' && parent.right === fn && isExportsTarget(parent.left)) return 'exported by its module';
  // A method of a class or object literal that is itself exported.
  let owner: Path | null = null;
  if (fn.type === 'ClassMethod' || fn.type === 'ClassPrivateMethod') owner = fnPath.parent?.parent ?? null;
  else if ((parent?.type === 'ClassProperty' || parent?.type === 'PropertyDefinition') && parent.value === fn) owner = fnPath.parent.parent?.parent ?? null;
  else if (fn.type === 'ObjectMethod') owner = fnPath.parent ?? null;
  else if ((parent?.type === 'ObjectProperty' || parent?.type === 'Property') && parent.value === fn) owner = fnPath.parent.parent ?? null;
  if (!owner) return null;
  if (fn.type === 'ClassMethod' && (fn.kind === 'constructor' || fn.kind === 'set')) return null;
  const of = owner.node.type === 'ObjectExpression' ? 'a method of an object its module exports' : 'a method of a class its module exports';
  const ownerParent = owner.parent?.node;
  if (ownerParent?.type === 'ExportNamedDeclaration' || ownerParent?.type === 'ExportDefaultDeclaration') return of;
  if (ownerParent?.type === 'AssignmentExpression' && ownerParent.right === owner.node && isExportsTarget(ownerParent.left)) return of;
  const ownerName = owner.node.id?.name ?? (ownerParent?.type === 'VariableDeclarator' && ownerParent.id.type === 'Identifier' ? ownerParent.id.name : null);
  if (ownerParent?.type === 'VariableDeclarator' && owner.parent.parent?.parent?.node.type === 'ExportNamedDeclaration') return of;
  return ownerName && exportsName(program, ownerName) ? of : null;
}

function isTopLevel(statement: Path, program: Node): boolean {
  const up = statement.parent?.node;
  return up === program || ((up?.type === 'ExportNamedDeclaration' || up?.type === 'ExportDefaultDeclaration') && statement.parent.parent?.node === program);
}

const isExports = (n: Node) => (n.type === 'Identifier' && n.name === 'exports') || (n.type === 'MemberExpression' && n.object.name === 'module' && n.property.name === 'exports');
const isExportsTarget = (left: Node) => isExports(left) || (left.type === 'MemberExpression' && isExports(left.object));

/** `export { name }`, `export default name`, `module.exports = name`, `module.exports = { name }`, `exports.x = name`. */
function exportsName(program: Node, name: string): boolean {
  for (const s of program.body) {
    if (s.type === 'ExportNamedDeclaration' && !s.source && (s.specifiers ?? []).some((sp: Node) => sp.local?.name === name)) return true;
    if (s.type === 'ExportDefaultDeclaration' && s.declaration.type === 'Identifier' && s.declaration.name === name) return true;
    if (s.type === 'ExpressionStatement' && s.expression.type === 'AssignmentExpression' && isExportsTarget(s.expression.left)) {
      const right = unwrapExpression(s.expression.right);
      if (right.type === 'Identifier' && right.name === name) return true;
      if (right.type === 'ObjectExpression' && right.properties.some((p: Node) => unwrapExpression(p.value)?.type === 'Identifier' && p.value.name === name)) return true;
    }
  }
  return false;
}

/** Does this function call `process.exit()` itself (it ends the process, so it runs once)? */
export function exitsProcess(fn: Node): boolean {
  let hit = false;
  const visit = (n: Node): void => {
    if (!n || typeof n.type !== 'string' || hit) return;
    if (n !== fn && isFunction(n)) return;
    if (n.type === 'CallExpression') {
      const c = unwrapExpression(n.callee);
      if (c.type === 'MemberExpression' && c.object?.name === 'process' && c.property?.name === 'exit') hit = true;
    }
    for (const key of Object.keys(n)) {
      if (key === 'loc' || key === 'comments' || key === 'tokens') continue;
      const v = n[key];
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v.type === 'string') visit(v);
    }
  };
  visit(fn.body);
  return hit;
}

export const describeFunction = (fnPath: Path): string => {
  const name = functionName(fnPath);
  return name ? `${name}()` : `the ${fnPath.node.type === 'ArrowFunctionExpression' ? 'arrow function' : 'function'} at line ${fnPath.node.loc?.start.line ?? '?'}`;
};

/** The context a statement at `at` runs in. */
export function callContext(at: Path, file: FileContext, program: Node): CallContext {
  if (file.test) return { kind: 'test', why: file.test };
  if (file.script) return { kind: 'script', why: file.script };
  const chain: Path[] = [];
  for (let p: Path | null = at.parent; p; p = p.parent) {
    if (isFunction(p.node)) chain.push(p);
    // `if (require.main === module) { … }`: the module runs as a script.
    if (p.node.type === 'IfStatement' && isMainCheck(p.node.test)) return { kind: 'script', why: 'code run when the module is started as the main module' };
  }
  // Anything on the way out that runs once per process, or belongs to a test, decides first.
  for (const p of chain) {
    const hook = onceHook(p);
    if (hook) return hook;
  }
  if (chain.length === 0) return { kind: 'module', why: 'module top level' };
  let repeated: { fn: Path; via: string } | null = null;
  for (let i = 0; i < chain.length; i++) {
    const p = chain[i];
    const perCall = (evidence: string, exportedName?: string): CallContext =>
      i === 0 ? { kind: 'per-call', fn: p, evidence, exportedName } : { kind: 'nested', fn: chain[0], outer: p, evidence, where: describeFunction(chain[0]) };
    if (exitsProcess(p.node)) return { kind: 'script', why: `${describeFunction(p)}, which ends the process` };
    const name = functionName(p);
    // By name only for a module-level function: the name then means the same function everywhere in the file.
    const declaredAt = p.node.type === 'FunctionDeclaration' ? p : p.parent?.node.type === 'VariableDeclarator' ? p.parent.parent : null;
    const registered = registration(p) ?? (name && declaredAt && isTopLevel(declaredAt, program) ? registeredByName(program).get(name) : null);
    if (registered) return perCall(registered);
    if (name && file.entries.has(name)) return { kind: 'script', why: `${name}(), which the module's top level calls` };
    // A name can only keep a teardown: `closeDb()`, `shutdown()`, `seedUsers()`, `migrate()`.
    if (name && isShutdownName(name)) return { kind: 'shutdown', why: `${name}()` };
    if (name && nameWords(name).some((w) => SCRIPT_WORDS.has(w))) return { kind: 'script', why: `${name}()` };
    const how = exported(p, program);
    if (how) {
      if (file.entry) return { kind: 'unknown', fn: chain[0], outer: p, where: `${describeFunction(p)}, ${how}, which is also an entry point (${file.entry})` };
      return perCall(`${describeFunction(p)} is ${how}, which is no entry point`, name ?? undefined);
    }
    const kind = callbackKind(p);
    if (kind && kind !== 'once') repeated ??= { fn: p, via: kind.via };
    if (kind) continue;
    return { kind: 'unknown', fn: chain[0], outer: p, where: `${describeFunction(p)}, which its module neither exports by name nor registers as a handler` };
  }
  // Callbacks all the way out to the module's top level, each run once: they run while the module loads.
  if (repeated) {
    return { kind: 'unknown', fn: chain[0], outer: chain[chain.length - 1], where: `${describeFunction(repeated.fn)}, a callback the module's top level gives to ${repeated.via}, which may run it more than once` };
  }
  return { kind: 'module', why: 'a callback the module starts when it loads' };
}
