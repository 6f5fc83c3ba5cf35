// The request-session finder: middleware that acquires a connection or session per request and parks it on
// the request (`req.db = await pool.connect()`), with every place the file uses or releases it. The verdict
// says whether the release can move to the end of the response (and which releases then go), or why not.
import * as fs from 'node:fs';
import { findPaths } from '../syntax/find';
import * as path from 'node:path';
import jscodeshift from 'jscodeshift';
import type { Catalog, ReleaseSpec } from '../../catalog/js';
import type { Provenance } from '../provenance/values';
import { resolveLocalModule } from '../provenance/resolve';
import { bindingOwnerPath, enclosingFunction, isFunction, unwrapExpression, type Node, type Path } from '../analysis/ast';
import type { PoolReasonId } from './reasons';
import { exportedMiddlewares, manualHandle, pathDownTo } from './exportedMiddleware';

export type Framework = 'express' | 'koa' | 'fastify';

export interface RequestSession {
  framework: Framework;
  /** The middleware function (or Fastify hook) that acquires. */
  middleware: Path;
  /** The statement registering it (`app.use(…)`, `fastify.addHook('onRequest', …)`). */
  register: Path;
  /** Source of the registration's receiver (`app`, `fastify`). */
  registerReceiver: string;
  /** `req.db = await pool.connect();` — a statement of the middleware's own body. */
  acquire: Path;
  /** Property names from the request parameter to the slot: `['db']`, `['state', 'db']`. */
  slot: string[];
  /** The slot hangs off the request (`req.db`) or, in Express, the response (`res.locals.db`). */
  root: 'request' | 'response';
  /** `req.db`, as written at the acquire. */
  slotText: string;
  library: string;
  noun: string;
  release: ReleaseSpec;
  /** Release statements in handlers that the response-scoped release replaces. */
  releases: Path[];
  /** The file already releases it at the end of the response (a listener, a hook, a finally in the middleware). */
  alreadyScoped: boolean;
  verdict: { fix: true } | { fix: false; reasonId: PoolReasonId; where: string };
}

const FRAMEWORK_MODULES: Record<string, Framework> = {
  express: 'express',
  koa: 'koa',
  '@koa/router': 'koa',
  'koa-router': 'koa',
  fastify: 'fastify',
  'fastify-plugin': 'fastify',
};
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head', 'use', 'route', 'addHook']);
const ACQUIRE_HOOKS = new Set(['onRequest', 'preParsing', 'preValidation', 'preHandler']);
// Hooks and listeners whose functions already run at the end of a response.
const END_HOOKS = new Set(['onResponse', 'onRequestAbort', 'onSend']);
const END_EVENTS = new Set(['close', 'finish']);

function frameworksOf(program: Node): Set<Framework> {
  const found = new Set<Framework>();
  for (const s of program.body) {
    if (s.type === 'ImportDeclaration' && FRAMEWORK_MODULES[s.source.value]) found.add(FRAMEWORK_MODULES[s.source.value]);
    if (s.type === 'VariableDeclaration') {
      for (const d of s.declarations) {
        const init = d.init && unwrapExpression(d.init);
        if (init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' && FRAMEWORK_MODULES[init.arguments[0]?.value]) {
          found.add(FRAMEWORK_MODULES[init.arguments[0].value]);
        }
      }
    }
  }
  return found;
}

const stringValue = (n: Node): string | null => (n && (n.type === 'StringLiteral' || n.type === 'Literal') && typeof n.value === 'string' ? n.value : null);

/** A registration argument → the function it is (inline, or a module-level function of this file). */
function functionArgument(arg: Path, program: Path): Path | null {
  if (isFunction(arg.node)) return arg;
  if (arg.node.type !== 'Identifier') return null;
  const owner = bindingOwnerPath(arg, arg.node.name);
  if (!owner || owner.node !== program.node) return null;
  const body: Node[] = owner.node.body;
  for (let i = 0; i < body.length; i++) {
    const raw = body[i];
    const exported = raw.type === 'ExportNamedDeclaration' || raw.type === 'ExportDefaultDeclaration';
    const s = exported ? raw.declaration : raw;
    const base = exported ? owner.get('body', i, 'declaration') : owner.get('body', i);
    if (s?.type === 'FunctionDeclaration' && s.id?.name === arg.node.name) return base;
    if (s?.type === 'VariableDeclaration') {
      for (let k = 0; k < s.declarations.length; k++) {
        const d = s.declarations[k];
        if (d.id.type === 'Identifier' && d.id.name === arg.node.name && d.init && isFunction(d.init)) return base.get('declarations', k, 'init');
      }
    }
  }
  return null;
}

interface Registration {
  framework: Framework;
  fn: Path;
  statement: Path | null;
  receiver: string;
  /** The request parameter's name in `fn` (Express error handlers take it second). */
  requestParam: string | null;
  hook: string | null;
  /** Express/Fastify: the response parameter. */
  responseParam: string | null;
}

function paramName(fn: Node, i: number): string | null {
  const p = fn.params[i];
  const target = p?.type === 'AssignmentPattern' ? p.left : p;
  return target?.type === 'Identifier' ? target.name : null;
}

function registrations(root: Path, frameworks: Set<Framework>): Registration[] {
  const program = root.node.type === 'File' ? root.get('program') : root;
  const out: Registration[] = [];
  findPaths(root, 'CallExpression').forEach((call) => {
    const callee: Node = call.node.callee;
    if (callee.type !== 'MemberExpression' || callee.computed || !ROUTE_METHODS.has(callee.property.name)) return;
    const method: string = callee.property.name;
    const hook = method === 'addHook' ? stringValue(call.node.arguments[0]) : null;
    const statement = call.parent?.node.type === 'ExpressionStatement' ? call.parent : null;
    const receiver = jscodeshift(call.get('callee').get('object')).toSource();
    call.node.arguments.forEach((_: Node, i: number) => {
      const fn = functionArgument(call.get('arguments', i), program);
      if (!fn) return;
      let framework: Framework | null = null;
      if (method === 'addHook' || (frameworks.has('fastify') && frameworks.size === 1)) framework = frameworks.has('fastify') ? 'fastify' : null;
      else if (frameworks.has('express') && !frameworks.has('koa')) framework = 'express';
      else if (frameworks.has('koa') && !frameworks.has('express')) framework = 'koa';
      else if (frameworks.has('express') && frameworks.has('koa')) framework = fn.node.params.length >= 3 ? 'express' : 'koa';
      if (!framework) return;
      const errorHandler = framework === 'express' && fn.node.params.length === 4;
      out.push({
        framework,
        fn,
        statement,
        receiver,
        requestParam: paramName(fn.node, errorHandler ? 1 : 0),
        hook: method === 'addHook' ? hook : method === 'use' ? 'use' : null,
        responseParam: framework === 'koa' ? null : paramName(fn.node, errorHandler ? 2 : 1),
      });
    });
  });
  return out;
}

/** `req.db` / `ctx.state.db` → ['req', 'db'] / ['ctx', 'state', 'db'], or null for anything else. */
function memberChain(node: Node): string[] | null {
  const n = unwrapExpression(node);
  if (n.type === 'Identifier') return [n.name];
  if ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && !n.computed && n.property.type === 'Identifier') {
    const head = memberChain(n.object);
    return head ? [...head, n.property.name] : null;
  }
  return null;
}

const sameSlot = (chain: string[] | null, slot: string[]) => !!chain && chain.length === slot.length + 1 && slot.every((s, i) => chain[i + 1] === s);

/** Walk up from an expression through TypeScript wrappers and parentheses. */
function outer(p: Path): Path {
  let q = p;
  while (q.parent && ['TSNonNullExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'ParenthesizedExpression'].includes(q.parent.node.type)) q = q.parent;
  return q;
}

/** Is `statement` reached on every path of `fn` that reaches its block (only blocks, try and catch between)? */
function unconditional(statement: Path, fn: Node): boolean {
  for (let p: Path | null = statement.parent; p; p = p.parent) {
    if (p.node === fn) return true;
    if (!['BlockStatement', 'TryStatement', 'CatchClause'].includes(p.node.type)) return false;
  }
  return false;
}

const lineOf = (p: Path): string => `line ${p.node.loc?.start.line ?? '?'}`;

export interface FindSessionsOptions {
  catalog: Catalog;
  file: string;
  provenance: Provenance;
}

export function findRequestSessions(root: Path, options: FindSessionsOptions): RequestSession[] {
  const program = root.node.type === 'File' ? root.node.program : root.node;
  const frameworks = frameworksOf(program);
  const regs = frameworks.size ? registrations(root, frameworks) : [];
  const sessions: RequestSession[] = [];
  for (const reg of regs) {
    if (!reg.requestParam) continue;
    if (reg.framework === 'fastify' && (!reg.hook || !ACQUIRE_HOOKS.has(reg.hook))) continue;
    if (reg.framework !== 'fastify' && reg.hook !== 'use') continue;
    for (const session of parked(reg, options)) {
      sessions.push(session);
      if (session.acquire.node.type !== 'ExpressionStatement' || session.acquire.parent?.node !== reg.fn.node.body) {
        session.verdict = { fix: false, reasonId: 'request-acquire-position', where: lineOf(session.acquire) };
        continue;
      }
      judge(session, reg, regs, root, options.file);
    }
  }
  // Middleware this module exports and does not register: another module runs it, and the handlers after it.
  const registered = new Set(regs.map((r) => r.fn.node));
  for (const m of exportedMiddlewares(root.node.type === 'File' ? root.get('program') : root)) {
    if (registered.has(m.fn.node)) continue;
    const reg: Registration = { framework: 'express', fn: m.fn, statement: null, receiver: '', requestParam: m.requestParam, hook: 'use', responseParam: m.responseParam };
    for (const session of parked(reg, options, true)) {
      sessions.push(session);
      if (releasedWhenResponseEnds(session, reg)) session.alreadyScoped = true;
      else session.verdict = { fix: false, reasonId: 'request-handed-off', where: `the handlers after \`next()\`, which the module that registers ${m.name === 'default' ? 'this middleware' : m.name} runs` };
    }
  }
  return sessions;
}

/**
 * Sessions the middleware `reg.fn` parks on the request: `req.db = await pool.connect()` in its own code (and,
 * with `handles`, a callback API's manual handle: `req.trx = await knex.transaction()`).
 */
function parked(reg: Registration, options: FindSessionsOptions, handles = false): RequestSession[] {
  const out: RequestSession[] = [];
  // Acquires anywhere in the middleware (not in nested functions); only those of its own body are movable.
  jscodeshift(reg.fn.get('body'))
    .find(jscodeshift.AssignmentExpression)
    .forEach((assign) => {
      if (assign.node.operator !== '=' || enclosingFunction(assign).node !== reg.fn.node) return;
      const chain = memberChain(assign.node.left);
      if (!chain || chain.length < 2) return;
      // `req.db` / `ctx.state.db` / `request.db`, or Express's own place for request data, `res.locals.db`.
      const slotRoot = chain[0] === reg.requestParam ? 'request' : reg.framework === 'express' && chain[0] === reg.responseParam && chain[1] === 'locals' && chain.length > 2 ? 'response' : null;
      if (!slotRoot) return;
      // `req.db = db` hands on a connection acquired elsewhere (our own output does that); only an
      // acquire call itself starts a request session.
      const right = unwrapExpression(assign.node.right);
      const call = right.type === 'AwaitExpression' ? unwrapExpression(right.argument) : right;
      if (call.type !== 'CallExpression' && call.type !== 'OptionalCallExpression') return;
      const value = options.provenance.expr(assign.get('right'));
      const resource = value?.t === 'instance' ? options.catalog.resource(value.kind) : undefined;
      const held =
        value?.t === 'instance' && resource && resource.release.length > 0
          ? { library: value.kind.lib.library, noun: resource.noun, release: resource.release[0] }
          : handles && value?.t === 'handle'
            ? manualHandle(pathDownTo(assign.get('right'), call), options)
            : null;
      if (!held) return;
      const statement = assign.parent?.node.type === 'ExpressionStatement' ? assign.parent : null;
      out.push({
        framework: reg.framework,
        middleware: reg.fn,
        register: reg.statement ?? assign,
        registerReceiver: reg.receiver,
        acquire: statement ?? assign,
        slot: chain.slice(1),
        root: slotRoot,
        slotText: jscodeshift(assign.get('left')).toSource(),
        library: held.library,
        noun: held.noun,
        release: held.release,
        releases: [],
        alreadyScoped: false,
        verdict: { fix: true },
      });
    });
  return out;
}

/** Does the middleware release the slot in a `res.on('close' | 'finish', …)` listener of its own? */
function releasedWhenResponseEnds(session: RequestSession, reg: Registration): boolean {
  const fn = reg.fn.node;
  return jscodeshift(reg.fn.get('body'))
    .find(jscodeshift.MemberExpression)
    .paths()
    .some((m: Path) => {
      const chain = memberChain(m.node);
      if (!chain || !sameSlot(chain, session.slot) || chain[0] !== (session.root === 'request' ? reg.requestParam : reg.responseParam)) return false;
      const e = outer(m);
      const parent = e.parent?.node;
      const call = e.parent?.parent?.node;
      const releases = (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.object === e.node && parent.property.name === session.release.method && (call?.type === 'CallExpression' || call?.type === 'OptionalCallExpression') && call.callee === parent;
      return releases && isEndListener(e, fn);
    });
}

/** Look at every use of the slot in the file (and releases in the files it imports) and decide. */
function judge(session: RequestSession, reg: Registration, regs: Registration[], root: Path, file: string): void {
  const refuse = (reasonId: PoolReasonId, where: string) => {
    if (session.verdict.fix) session.verdict = { fix: false, reasonId, where };
  };
  const releaseMethod = session.release.method;
  const handlerParams = new Map<Node, string | null>();
  const endHooks = new Set<Node>();
  for (const r of regs) {
    if (r.framework === session.framework) handlerParams.set(r.fn.node, session.root === 'request' ? r.requestParam : r.responseParam);
    if (r.hook && END_HOOKS.has(r.hook)) endHooks.add(r.fn.node);
  }
  let alreadyScoped = false;

  /** One use of the connection (the slot expression, or an alias of it) inside handler `fn`. */
  const use = (expr: Path, fn: Node, aliasOk: boolean): void => {
    const e = outer(expr);
    if (enclosingFunction(e).node !== fn) {
      if (isEndListener(e, fn)) alreadyScoped = true;
      else refuse('request-handed-off', `a callback at ${lineOf(e)}`);
      return;
    }
    const parent = e.parent.node;
    if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.object === e.node) {
      const call = e.parent.parent;
      const isCall = (call.node.type === 'CallExpression' || call.node.type === 'OptionalCallExpression') && call.node.callee === parent;
      if (isCall && parent.property.name === releaseMethod) {
        if (fn === session.middleware.node || endHooks.has(fn)) {
          // The middleware itself releases it (around `await next()`), or an end-of-response hook does.
          alreadyScoped = true;
          return;
        }
        let stmt: Path = call;
        if (stmt.parent.node.type === 'AwaitExpression') stmt = stmt.parent;
        const whole = stmt.parent.node.type === 'ExpressionStatement' ? stmt.parent : null;
        if (!whole || call.node.arguments.length > 0 || !unconditional(whole, fn)) refuse('request-release-conditional', lineOf(call));
        else session.releases.push(whole);
      }
      return; // `req.db.query(…)`: an ordinary use
    }
    if (aliasOk && parent.type === 'VariableDeclarator' && parent.init === e.node && parent.id.type === 'Identifier') {
      aliasUses(e.parent.get('id'), fn);
      return;
    }
    // An argument (or inside an option object or array argument) of a call that is awaited or returned:
    // the call is done with it before the handler is.
    let arg = e;
    while (['ObjectProperty', 'ObjectExpression', 'ArrayExpression', 'SpreadElement'].includes(arg.parent?.node.type) && !(arg.parent.node.type === 'ObjectProperty' && arg.parent.node.key === arg.node)) arg = arg.parent;
    const callNode = arg.parent?.node;
    if ((callNode?.type === 'CallExpression' || callNode?.type === 'NewExpression') && callNode.arguments.includes(arg.node)) {
      const callParent = arg.parent.parent?.node;
      if (callParent?.type === 'AwaitExpression' || callParent?.type === 'ReturnStatement') return;
    }
    if (parent.type === 'AssignmentExpression' && parent.left === e.node && e.parent.parent?.node === session.acquire.node) return;
    refuse('request-handed-off', lineOf(e));
  };

  const aliasUses = (id: Path, fn: Node): void => {
    const name: string = id.node.name;
    findPaths(fn, 'Identifier', { name }).forEach((ref: Path) => {
      if (ref.node === id.node) return;
      if (ref.parent?.node.type === 'MemberExpression' && ref.parent.node.property === ref.node && !ref.parent.node.computed) return;
      const prop = ref.parent?.node;
      if (prop?.type === 'ObjectProperty' && prop.key === ref.node && (!prop.shorthand || ref.parent.parent?.node.type === 'ObjectPattern')) return;
      if (bindingOwnerPath(ref, name) && bindingOwnerPath(ref, name)!.node !== bindingOwnerPath(id, name)?.node) return;
      use(ref, fn, false);
    });
  };

  findPaths(root, 'MemberExpression').forEach((m) => {
    const chain = memberChain(m.node);
    if (!sameSlot(chain, session.slot)) return;
    // Only the outermost member of the chain: `req.db`, not the `req` part of `req.db.x`.
    const rootName = chain![0];
    const rootId = (() => {
      let n: Node = m.node;
      while (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') n = unwrapExpression(n.object);
      return n;
    })();
    const idPath = findPaths(m, 'Identifier', { name: rootName }).filter((p: Path) => p.node === rootId)[0];
    const owner = idPath ? bindingOwnerPath(idPath, rootName) : null;
    if (!owner || !isFunction(owner.node) || handlerParams.get(owner.node) !== rootName) {
      refuse('request-handed-off', `${rootName} at ${lineOf(m)} is not a handler's request`);
      return;
    }
    use(m, owner.node, true);
  });
  // `const { db } = req` in a handler.
  findPaths(root, 'VariableDeclarator').forEach((d) => {
    if (d.node.id.type !== 'ObjectPattern' || !d.node.init) return;
    const chain = memberChain(d.node.init);
    if (!chain || chain.length !== session.slot.length || !session.slot.slice(0, -1).every((s, i) => chain[i + 1] === s)) return;
    const prop: Node = d.node.id.properties.find((q: Node) => q.type !== 'RestElement' && !q.computed && q.key?.name === session.slot[session.slot.length - 1]);
    if (!prop) return;
    const fn = enclosingFunction(d).node;
    if (handlerParams.get(fn) !== chain[0]) return;
    if (prop.value?.type !== 'Identifier') return refuse('request-handed-off', lineOf(d));
    const idPath = findPaths(d, 'Identifier', { name: prop.value.name }).filter((p) => p.node === prop.value)[0];
    if (idPath) aliasUses(idPath, fn);
  });

  if (alreadyScoped) {
    session.alreadyScoped = true;
    return;
  }
  if (!session.verdict.fix) return;
  // Handlers in the files this one imports (routers) that release the same slot cannot be rewritten from here.
  const elsewhere = releasesInImports(file, session.slot[session.slot.length - 1], releaseMethod);
  if (elsewhere) return refuse('request-released-elsewhere', elsewhere);
  if (session.framework === 'express') {
    if (!responseParamOf(session)) return refuse('request-no-response', `parameters of the middleware at ${lineOf(session.middleware)}`);
    if (session.release.async) return refuse('request-async-release', lineOf(session.acquire));
  }
  if (session.framework === 'koa' && !nextStatementIndex(session)) refuse('request-next-not-awaited', lineOf(session.middleware));
  if (session.framework === 'fastify' && session.register.node.type !== 'ExpressionStatement') refuse('request-acquire-position', lineOf(session.register));
}

/** A function passed to `res.on('close' | 'finish', …)` or a Fastify end-of-response hook, inside `fn`. */
function isEndListener(e: Path, fn: Node): boolean {
  for (let p: Path | null = e.parent; p && p.node !== fn; p = p.parent) {
    if (!isFunction(p.node)) continue;
    const call = p.parent?.node;
    if (call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return false;
    const name = call.callee.property.name;
    const first = stringValue(call.arguments[0]);
    return ((name === 'on' || name === 'once') && !!first && END_EVENTS.has(first)) || (name === 'addHook' && !!first && END_HOOKS.has(first));
  }
  return false;
}

export function responseParamOf(session: RequestSession): string | null {
  const fn = session.middleware.node;
  return paramName(fn, fn.params.length === 4 ? 2 : 1);
}

/** Index in the Koa middleware's body of `await next();` / `return next();` after the acquire, or null. */
export function nextStatementIndex(session: RequestSession): number | null {
  const fn = session.middleware.node;
  const nextName = paramName(fn, 1);
  if (!nextName) return null;
  const body: Node[] = fn.body.body;
  const from = body.indexOf(session.acquire.node);
  for (let i = from + 1; i < body.length; i++) {
    const s = body[i];
    let e = s.type === 'ExpressionStatement' ? s.expression : s.type === 'ReturnStatement' ? s.argument : null;
    if (e?.type === 'AwaitExpression') e = e.argument;
    else if (s.type === 'ExpressionStatement') continue;
    if (e?.type === 'CallExpression' && e.callee.type === 'Identifier' && e.callee.name === nextName) return i;
  }
  return null;
}

/** `routes/users.ts` when a file this one imports (transitively, a few levels) releases `.db` itself. */
function releasesInImports(file: string, prop: string, method: string): string | null {
  const pattern = new RegExp(`\\b${prop}\\s*!?\\s*\\??\\.\\s*${method}\\s*\\(`);
  const seen = new Set<string>([file]);
  let frontier = [file];
  for (let depth = 0; depth < 4 && frontier.length; depth++) {
    const next: string[] = [];
    for (const f of frontier) {
      let text: string;
      try {
        text = fs.readFileSync(f, 'utf8');
      } catch {
        continue;
      }
      if (f !== file && pattern.test(text)) return path.relative(path.dirname(file), f).split(path.sep).join('/');
      for (const m of text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"](\.[^'"]+)['"]/g)) {
        const target = resolveLocalModule(path.dirname(f), m[1]);
        if (target && !seen.has(target) && seen.size < 200) {
          seen.add(target);
          next.push(target);
        }
      }
    }
    frontier = next;
  }
  return null;
}
