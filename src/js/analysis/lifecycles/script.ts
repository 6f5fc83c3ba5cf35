// A one-shot script that opens a resource and never releases it. A module's client is normally the process's
// (a server keeps it for its requests, other modules import it), so a module-level resource with no release
// is no finding. In a file whose code all runs once, when it starts, that reading does not hold: nothing in
// it can use the resource later, and nothing outside can reach it. Such a file
//   - exports nothing, writes nothing global, and imports no module of the project (whose code it cannot see);
//   - starts nothing that waits for input: no server (`listen`, `createServer`), timer, endless loop, and no
//     function of its own that anything but its load runs (a route handler, a listener, a method, a callback
//     handed to other code) — IIFEs, functions only its load calls, promise callbacks, array callbacks,
//     `new Promise` executors and a resource's `error`/`connect`/`ready` listeners run as part of that load;
//   - does not end the process itself (`process.exit()`), which would close everything anyway;
//   - hands nothing derived from the resource to other code (an argument of a call other than the
//     resource's own methods and value helpers such as `console.log`, a property of an outer object, the
//     return value of a function called by name).
// And nothing in the file calls any of the resource's release methods, on anything. The resource is then
// never released: it stays open when the work is done.
import { bindingOwnerPath, collectPaths, enclosingFunction, isFunction, isValueReference, mentions, patternNames, type Node, type Path, unwrapExpression } from '../ast';
import { resolveProjectModule } from '../../provenance/resolve';
import { refused, type Lifecycle } from './model';

const PROMISE_CALLBACKS = new Set(['then', 'catch', 'finally']);
const ARRAY_CALLBACKS = new Set(['forEach', 'map', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap', 'sort', 'toSorted']);
const LISTENERS = new Set(['on', 'once', 'addListener']);
// Events about the resource's own connection: a handler for them does not make the file wait for input.
const STATE_EVENTS = new Set(['error', 'connect', 'ready']);
const SERVES = new Set(['listen', 'createServer', 'setInterval']);
const EXITS = new Set(['exit', 'abort', 'kill', 'reallyExit']);
const GLOBAL_OBJECTS = new Set(['global', 'globalThis', 'window', 'self']);
// Callees that take a value to compute or print something, and keep nothing.
const VALUE_ROOTS = new Set(['console', 'JSON', 'Math', 'String', 'Number', 'Boolean', 'BigInt', 'Date', 'parseInt', 'parseFloat', 'Promise']);
const VALUE_STATICS: Record<string, Set<string>> = { Object: new Set(['keys', 'values', 'entries']), Array: new Set(['isArray', 'from']) };

type Invocation = 'load' | 'iife' | 'promise' | 'array' | 'executor' | 'listener' | 'named';

const scripts = new WeakMap<Node, boolean>();

/**
 * Is the resource of `lc` (held in the variable `name`: a module's, or the first callback parameter of
 * `acquire().then((name) => …)`) opened by a one-shot script that never releases it?
 */
export function leftOpenByScript(lc: Lifecycle, name: string, file: string): boolean {
  if (lc.resource.moduleLevelIsPool || lc.resource.registeredByName) return false;
  let program: Path = lc.acquire;
  while (program.parent) program = program.parent;
  if (program.node.type === 'File') program = program.get('program');
  if (!scripts.has(program.node)) scripts.set(program.node, oneShotScript(program, file));
  if (!scripts.get(program.node)) return false;
  const releases = new Set(lc.resource.release.map((r) => r.method));
  const calls = collectPaths(program, (n: Node) => n.type === 'CallExpression' || n.type === 'OptionalCallExpression' || n.type === 'NewExpression');
  if (calls.some((c) => releases.has(calleeName(c.node) ?? ''))) return false;
  // A client that holds nothing until it connects: its connect step must run.
  const acquire = lc.acquire.node;
  const connect = lc.resource.connect ?? (acquire.type === 'NewExpression' ? 'connect' : null);
  if (connect && calleeName(acquire) !== connect && !calls.some((c) => calleeName(c.node) === connect && rootName(c.node.callee) === name)) return false;
  return !escapes(program, name, calls);
}

/** Why nothing can release it any more, after the reason's "never released in this function". */
export function scriptDetail(lc: Lifecycle): string {
  return `, nor anywhere else in this script, whose code all runs once when it starts (it exports nothing and starts no server, listener or timer): the ${lc.resource.noun} stays open after the work is done`;
}

/** `acquire().then((client) => …)` in a one-shot script that never releases the client: never-released. */
export function thenLeftOpen(lc: Lifecycle, member: Path, file: string): Lifecycle | null {
  const call = member.parent?.node;
  const callback = call?.type === 'CallExpression' && call.callee === member.node ? unwrapExpression(call.arguments[0]) : null;
  const param = isFunction(callback) ? callback.params[0] : null;
  if (param?.type !== 'Identifier' || !leftOpenByScript(lc, param.name, file)) return null;
  lc.name = param.name;
  return refused(lc, { reasonId: 'never-released', detail: scriptDetail(lc) });
}

/** The name a call calls: `f` of `f()`, `m` of `x.m()`. */
function calleeName(call: Node): string | null {
  const callee = unwrapExpression(call.callee);
  if (callee?.type === 'Identifier') return callee.name;
  if ((callee?.type === 'MemberExpression' || callee?.type === 'OptionalMemberExpression') && !callee.computed) return callee.property.name;
  return null;
}

/** The variable an expression starts from: `db` of `db.collection('x').find()`. */
function rootName(node: Node): string | null {
  let n = unwrapExpression(node);
  for (;;) {
    if (n?.type === 'MemberExpression' || n?.type === 'OptionalMemberExpression') n = unwrapExpression(n.object);
    else if (n?.type === 'CallExpression' || n?.type === 'OptionalCallExpression') n = unwrapExpression(n.callee);
    else if (n?.type === 'AwaitExpression') n = unwrapExpression(n.argument);
    else return n?.type === 'Identifier' ? n.name : null;
  }
}

function oneShotScript(program: Path, file: string): boolean {
  const body: Node[] = program.node.body;
  if (body.some((s) => /^(Export|TSExportAssignment)/.test(s.type))) return false;
  for (const s of body) if (s.type === 'ImportDeclaration' && s.importKind !== 'type' && projectModule(s.source.value, file)) return false;
  let ok = true;
  collectPaths(program, (n: Node) => {
    if (!ok) return false;
    if (n.type === 'Identifier' && (n.name === 'exports' || n.name === 'module' || GLOBAL_OBJECTS.has(n.name))) ok = false;
    else if (n.type === 'CallExpression' || n.type === 'OptionalCallExpression' || n.type === 'NewExpression') {
      const name = calleeName(n);
      if (name && SERVES.has(name)) ok = false;
      if (name && EXITS.has(name) && rootName(n.callee) === 'process') ok = false;
      const arg = n.arguments[0];
      const required = (name === 'require' && n.callee.type === 'Identifier') || n.callee.type === 'Import';
      if (required && (arg?.type !== 'StringLiteral' || projectModule(arg.value, file))) ok = false;
    } else if (n.type === 'ImportExpression') ok = false;
    else if (n.type === 'AssignmentExpression' && rootName(n.left) === 'process' && n.left.type !== 'Identifier') ok = false;
    else if ((n.type === 'WhileStatement' || n.type === 'DoWhileStatement') && alwaysTrue(n.test)) ok = false;
    else if (n.type === 'ForStatement' && (!n.test || alwaysTrue(n.test))) ok = false;
    else if (n.type === 'YieldExpression' || n.type === 'ClassDeclaration' || n.type === 'ClassExpression') ok = false;
    return false;
  });
  if (!ok) return false;
  // Every function runs as part of the load.
  const memo = new Map<Node, boolean>();
  return collectPaths(program, isFunction).every((fn) => runsAtLoad(fn, memo));
}

/** A project module (its code unseen): a relative or absolute path, or a name the project resolves. */
function projectModule(specifier: string, file: string): boolean {
  if (/\.json$/.test(specifier)) return false;
  return /^[./]/.test(specifier) || !!resolveProjectModule(file, specifier);
}

function alwaysTrue(test: Node): boolean {
  const t = unwrapExpression(test);
  return (t.type === 'BooleanLiteral' && t.value) || (t.type === 'NumericLiteral' && t.value !== 0) || (t.type === 'Literal' && !!t.value);
}

/** What runs a function, and the calls (or `new`s) that do: null when it is not something the load runs. */
function invocation(fn: Path): { kind: Invocation; sites: Path[] } | null {
  let child: Path = fn;
  let p: Path | null = fn.parent;
  while (p && /^(ParenthesizedExpression|TSAsExpression|TSNonNullExpression|TSSatisfiesExpression)$/.test(p.node.type)) {
    child = p;
    p = p.parent;
  }
  const host = p?.node;
  if ((host?.type === 'CallExpression' || host?.type === 'OptionalCallExpression') && host.callee === child.node) return { kind: 'iife', sites: [p!] };
  if ((host?.type === 'CallExpression' || host?.type === 'NewExpression') && host.arguments.includes(child.node)) {
    const index = host.arguments.indexOf(child.node);
    const callee = unwrapExpression(host.callee);
    const method = callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : null;
    if (host.type === 'NewExpression') return callee.type === 'Identifier' && callee.name === 'Promise' && index === 0 ? { kind: 'executor', sites: [p!] } : null;
    if (method && PROMISE_CALLBACKS.has(method)) return { kind: 'promise', sites: [p!] };
    if (method && ARRAY_CALLBACKS.has(method) && index === 0) return { kind: 'array', sites: [p!] };
    const event = host.arguments[0];
    if (method && LISTENERS.has(method) && index === 1 && (event?.type === 'StringLiteral' || event?.type === 'Literal') && STATE_EVENTS.has(event.value)) return { kind: 'listener', sites: [p!] };
    return null;
  }
  // A function with a name: every reference calls it.
  const name = fn.node.type === 'FunctionDeclaration' ? fn.node.id?.name : host?.type === 'VariableDeclarator' && host.init === child.node && host.id.type === 'Identifier' ? host.id.name : null;
  if (!name) return null;
  const owner = fn.node.type === 'FunctionDeclaration' ? bindingOwnerPath(fn, name) : bindingOwnerPath(p!, name);
  if (!owner) return null;
  const refs = collectPaths(owner, (n: Node) => n.type === 'Identifier' && n.name === name).filter((r) => r.node !== fn.node.id && r.node !== host?.id && isValueReference(r) && bindingOwnerPath(r, name)?.node === owner.node);
  const sites: Path[] = [];
  for (const r of refs) {
    const call = r.parent;
    if (!call || call.node.type !== 'CallExpression' || call.node.callee !== r.node) return null;
    sites.push(call);
  }
  return { kind: 'named', sites };
}

function runsAtLoad(fn: Path, memo: Map<Node, boolean>): boolean {
  if (memo.has(fn.node)) return memo.get(fn.node)!;
  memo.set(fn.node, false); // recursion: a function that (indirectly) calls itself may run forever
  const how = invocation(fn);
  const ok = !!how && how.sites.every((site) => {
    const outer = enclosingFunction(site);
    return outer.node.type === 'Program' || runsAtLoad(outer, memo);
  });
  memo.set(fn.node, ok);
  return ok;
}

/** What a function's `return` hands to: code the taint follows (the call's own value), or a caller by name. */
function returnsToChain(fn: Path): boolean {
  const how = invocation(fn);
  return !!how && (how.kind === 'iife' || how.kind === 'promise' || how.kind === 'array');
}

/**
 * Does anything derived from `name` leave for code that may keep it? The derived values are the variables
 * given a value that mentions it, and the parameters of promise and array callbacks on such values.
 */
function escapes(program: Path, name: string, calls: Path[]): boolean {
  const tainted = new Set([name]);
  const writes = collectPaths(program, (n: Node) => ['VariableDeclarator', 'AssignmentExpression', 'ForOfStatement', 'ForInStatement'].includes(n.type));
  for (let grew = true; grew; ) {
    grew = false;
    const add = (names: string[]) => {
      for (const n of names) {
        if (tainted.has(n)) continue;
        tainted.add(n);
        grew = true;
      }
    };
    for (const w of writes) {
      const n = w.node;
      if (n.type === 'VariableDeclarator' && n.init && mentions(n.init, tainted)) add(patternNames(n.id));
      if ((n.type === 'ForOfStatement' || n.type === 'ForInStatement') && mentions(n.right, tainted)) add(n.left.type === 'VariableDeclaration' ? n.left.declarations.flatMap((d: Node) => patternNames(d.id)) : patternNames(n.left));
      if (n.type === 'AssignmentExpression' && mentions(n.right, tainted)) {
        if (n.left.type !== 'MemberExpression') add(patternNames(n.left));
        else {
          const root = rootName(n.left);
          if (!root || !bindingOwnerPath(w.get('left'), root)) return true;
          add([root]);
        }
      }
    }
    for (const c of calls) {
      const method = calleeName(c.node);
      const callee = unwrapExpression(c.node.callee);
      const receiver = callee?.type === 'MemberExpression' ? callee.object : null;
      const chained = method && (PROMISE_CALLBACKS.has(method) || ARRAY_CALLBACKS.has(method)) && receiver && mentions(receiver, tainted);
      if (chained) for (const a of c.node.arguments) if (isFunction(a)) add(a.params.flatMap((q: Node) => patternNames(q)));
    }
  }
  for (const c of calls) {
    const args: Node[] = c.node.arguments;
    if (!args.some((a) => !isFunction(a) && mentions(a, tainted))) continue;
    const root = rootName(c.node.callee);
    const callee = unwrapExpression(c.node.callee);
    if (root && tainted.has(root)) continue;
    if (root && VALUE_ROOTS.has(root) && c.node.type !== 'NewExpression') continue;
    if (root && callee.type === 'MemberExpression' && !callee.computed && VALUE_STATICS[root]?.has(callee.property.name)) continue;
    return true;
  }
  const exits = collectPaths(program, (n: Node) => n.type === 'ReturnStatement' || n.type === 'ThrowStatement' || (n.type === 'ArrowFunctionExpression' && n.body.type !== 'BlockStatement'));
  for (const e of exits) {
    const value = e.node.type === 'ArrowFunctionExpression' ? e.node.body : e.node.argument;
    if (!value || !mentions(value, tainted)) continue;
    if (e.node.type === 'ThrowStatement') return true;
    const fn = e.node.type === 'ArrowFunctionExpression' ? e : enclosingFunction(e);
    if (fn.node.type === 'Program' || !returnsToChain(fn)) return true;
  }
  return false;
}
