// What calling a project function hands out. A factory makes a fresh resource itself and returns it, also
// through a promise that resolves with it (`new Promise((resolve, reject) => pool.getConnection((err, c) =>
// err ? reject(err) : resolve(c)))`). A helper that acquires on what a parameter holds (`getConnection(pool)`,
// `openTransaction(db)` → `db.sequelize.transaction()`) is summarised as that acquire: the argument at each
// call site decides what it makes.
import { RELEASE_NAMES, type CallbackApiSpec, type Catalog, type Kind } from '../../catalog/js';
import { bindingOwnerPath, collectPaths, isFunction, type Node, type Path, unwrapExpression } from '../analysis/ast';
import { isInsideNode, returnedExpressions } from './tree';
import type { Value } from './values';

type Evaluate = (p: Path, depth: number) => Value | null;
type Acquires = Extract<Value, { t: 'acquires' }>;

const WRAPPERS = ['AwaitExpression', 'TSAsExpression', 'TSNonNullExpression', 'ParenthesizedExpression'];

function unwrapPath(p: Path): Path {
  let q = p;
  while (WRAPPERS.includes(q.node.type)) q = q.get(q.node.type === 'AwaitExpression' ? 'argument' : 'expression');
  return q;
}

/** What one returned expression hands out: a resource it makes, or an acquire on a parameter; null: neither. */
interface Made {
  value: Extract<Value, { t: 'instance' | 'handle' }> | null;
  summary: Acquires | null;
  begun: boolean;
}

/**
 * A project function as a factory: every `return` hands out a fresh resource of one kind — an acquire made
 * right there (`return mysql.createConnection(c)`), a local made by one (`const c = new Client(); await
 * c.connect(); return c`, or `let t = null; try { t = await db.transaction() } …`), or what a promise
 * resolves with — or every one is the same acquire on a parameter. It may hand it out as one element of an
 * array (`return [transaction, error]`). A function that returns a module's shared client, or sometimes
 * something else, is no factory.
 */
export function freshReturns(fnPath: Path, depth: number, catalog: Catalog, evaluate: Evaluate): Value | null {
  const fn = fnPath.node;
  const results = returnedExpressions(fnPath);
  if (results.length === 0) return null;
  let isAsync = !!fn.async;
  const targets: Path[] = [];
  for (const r of results) {
    const target = unwrapPath(r);
    const promised = promiseResolutions(target);
    if (promised === null) targets.push(target);
    else if (promised.length === 0) return null;
    else {
      isAsync = true;
      targets.push(...promised.map(unwrapPath));
    }
  }
  let first: Made | null = null;
  let element: number | undefined;
  let begun = true;
  for (const target of targets) {
    let made: Made | null;
    let at: number | undefined;
    if (target.node.type === 'ArrayExpression') {
      // `[resource, error]`: one element holds the resource, at the same place in every return.
      const found = (target.node.elements as Node[]).map((e, k) => (e && e.type !== 'SpreadElement' && !isNothing(e) ? madeBy(fnPath, unwrapPath(target.get('elements', k)), depth, catalog, evaluate) : null));
      const holding = found.flatMap((m, k) => (m ? [k] : []));
      // `return [null, err]` beside `return [trx, null]`: a failure that hands out nothing.
      if (holding.length === 0 && (target.node.elements as Node[]).some((e) => e && isNothing(e))) continue;
      if (holding.length !== 1) return null;
      at = holding[0];
      made = found[at];
    } else made = madeBy(fnPath, target, depth, catalog, evaluate);
    if (!made || (first && (at !== element || !sameMade(first, made)))) return null;
    first ??= made;
    element = at;
    begun &&= made.begun;
  }
  if (!first) return null;
  const extra = { ...(isAsync ? { async: true } : {}), ...(element !== undefined ? { element } : {}) };
  if (first.summary) return { ...first.summary, ...(begun ? { begun: true } : {}), ...extra };
  const value: Value = first.value!.t === 'instance' && begun ? { ...first.value!, begun: true } : first.value!;
  return { t: 'returns', value: element !== undefined ? { t: 'tuple', items: [...Array(element).fill(null), value] } : value, ...(isAsync ? { async: true } : {}) };
}

/** `null` or `undefined`: an element that holds nothing. */
function isNothing(e: Node): boolean {
  const u = unwrapExpression(e);
  return u.type === 'NullLiteral' || (u.type === 'Literal' && u.value === null) || (u.type === 'Identifier' && u.name === 'undefined');
}

function sameMade(a: Made, b: Made): boolean {
  if (a.summary || b.summary) return !!a.summary && !!b.summary && JSON.stringify(a.summary) === JSON.stringify(b.summary);
  const x = a.value!;
  const y = b.value!;
  return x.t === y.t && x.kind.lib === y.kind.lib && x.kind.name === y.kind.name && (x.t !== 'handle' || (y.t === 'handle' && x.acquire === y.acquire));
}

/** Both the same kind of resource (an instance or a handle). */
function sameResource(a: Value | null, b: Value | null): boolean {
  return (a?.t === 'instance' || a?.t === 'handle') && b?.t === a.t && sameMade({ value: a, summary: null, begun: false }, { value: b, summary: null, begun: false });
}

/** What `target`, returned (or resolved) by `fnPath`, hands out; null when it is nothing this function makes. */
function madeBy(fnPath: Path, target: Path, depth: number, catalog: Catalog, evaluate: Evaluate): Made | null {
  const t = target.node;
  let v: Value | null = null;
  let owner: Path | null = null;
  let source: { call: Path; index: number | undefined } | null = null;
  let assignment: Node | null = null;
  let others: { right: Path; assignment: Node }[] = [];
  // Only what this function makes itself is fresh: a name must be a local of the function.
  if (t.type === 'Identifier') {
    owner = bindingOwnerPath(target, t.name);
    if (!owner || !isInsideNode(owner, fnPath.node)) return null;
    source = callbackCall(owner, t.name);
    v = source ? callbackParamValue(owner, t.name, catalog, evaluate, depth) : evaluate(target, depth + 1);
    // (A `let c: MongoClient;` given its value later: the type says what it holds, the assignments whether
    // this function made it.)
    const declarator = source ? null : declaratorOf(owner, t.name);
    const assignedLater = !!declarator && !declarator.node.init;
    if (!source && (assignedLater || (v?.t !== 'instance' && v?.t !== 'handle'))) {
      // Not known from its declaration: made by an acquire on a parameter, or by its assignments (one, or one
      // per branch: `if (tls) c = await connect(url, { tls }); else c = await connect(url);`), all alike.
      const made = localInit(owner, t.name);
      assignment = made?.assignment ?? null;
      source = made;
      if (made?.assignment) v = evaluate(made.call, depth + 1);
      others = made?.others ?? [];
      for (const other of others) if (!sameResource(v, evaluate(other.right, depth + 1))) v = null;
    }
  } else if (t.type === 'CallExpression' || t.type === 'NewExpression' || t.type === 'OptionalCallExpression') {
    v = evaluate(target, depth + 1);
    source = { call: target, index: undefined };
  } else return null;
  const resource = v?.t === 'instance' || v?.t === 'handle' ? v : null;
  const summary = resource ? null : acquireOnParam(fnPath, source, catalog);
  if (!resource && !summary) return null;
  let begun = resource?.t === 'instance' && !!resource.begun;
  if (t.type === 'Identifier') {
    // The local keeps what it was made with: reassigned only through a helper that hands it back.
    const kinds = resource?.t === 'instance' ? [resource.kind] : summary ? catalog.libraries.flatMap((lib) => Object.entries(lib.methods).filter(([k]) => k.endsWith(`.${summary.method}`)).map(([, name]) => ({ lib, name }))) : [];
    const state = localState(owner!, t.name, kinds, catalog, new Set([assignment, ...others.map((o) => o.assignment)]));
    if (state === null) return null;
    begun ||= state;
  }
  return { value: resource, summary, begun };
}

/** Does `call` (`x.m(…)` on `name`) begin a transaction on a resource of one of `kinds`? */
function beginsOn(call: Node, name: string, kinds: Kind[], catalog: Catalog | null): boolean {
  const callee = call.type === 'CallExpression' ? unwrapExpression(call.callee) : null;
  if (callee?.type !== 'MemberExpression' || callee.computed || callee.object.type !== 'Identifier' || callee.object.name !== name) return false;
  const method: string = callee.property.name;
  return kinds.some((k) => {
    const tx = catalog?.resource(k)?.transactions;
    if (!tx) return false;
    if (tx.begin.includes(method)) return true;
    const sql = [tx.sqlMethod ?? []].flat().includes(method) ? call.arguments[0] : null;
    return (sql?.type === 'StringLiteral' || sql?.type === 'Literal') && typeof sql.value === 'string' && BEGIN.test(sql.value);
  });
}
const BEGIN = /^\s*(BEGIN|START\s+TRANSACTION)\b/i;

/**
 * What `owner`'s local (or parameter) `name` goes through: true when a transaction is begun on it (by a call
 * on it, or by a helper it is handed to and that hands it back), false when not; null when it is reassigned
 * to anything else (then what it holds at the `return` is unknown).
 */
function localState(owner: Path, name: string, kinds: Kind[], catalog: Catalog | null, making: ReadonlySet<Node | null> = new Set()): boolean | null {
  let begun = false;
  for (const ref of collectPaths(owner, (n: Node) => n.type === 'Identifier' && n.name === name)) {
    if (bindingOwnerPath(ref, name)?.node !== owner.node) continue;
    const parent = ref.parent?.node;
    if (parent?.type === 'UpdateExpression') return null;
    if (parent?.type === 'AssignmentExpression' && parent.left === ref.node) {
      if (making.has(parent)) continue;
      const through = handedBack(ref.parent.get('right'), name, kinds, catalog);
      if (through === null) return null;
      begun ||= through;
      continue;
    }
    if (parent?.type === 'MemberExpression' && parent.object === ref.node && ref.parent.parent?.node.type === 'CallExpression' && ref.parent.parent.node.callee === parent) {
      begun ||= beginsOn(ref.parent.parent.node, name, kinds, catalog);
    }
  }
  return begun;
}

/**
 * `conn = await startTransaction(conn)` (the assignment, or its statement): the variable gets back what it
 * held (see handedBack).
 */
export function handsBack(p: Path, name: string): boolean {
  const a = p.node.type === 'ExpressionStatement' ? p.get('expression') : p;
  if (a.node.type !== 'AssignmentExpression' || a.node.operator !== '=' || a.node.left.type !== 'Identifier' || a.node.left.name !== name) return false;
  return handedBack(a.get('right'), name, [], null) !== null;
}

/**
 * `conn = await startTransaction(conn)`: a function of this file that hands back the very argument it is
 * given (returned, or what its promise resolves with); true when it begins a transaction on it. Null: anything else.
 */
let handBackDepth = 0;

function handedBack(right: Path, name: string, kinds: Kind[], catalog: Catalog | null): boolean | null {
  // Helpers that hand it to each other in a ring: unknown.
  if (handBackDepth > 8) return null;
  handBackDepth++;
  try {
    return handedBackBy(right, name, kinds, catalog);
  } finally {
    handBackDepth--;
  }
}

function handedBackBy(right: Path, name: string, kinds: Kind[], catalog: Catalog | null): boolean | null {
  const call = unwrapPath(right);
  const n = call.node;
  if (n.type !== 'CallExpression' || n.callee.type !== 'Identifier') return null;
  const index = n.arguments.findIndex((a: Node) => a.type === 'Identifier' && a.name === name);
  if (index < 0) return null;
  const owner = bindingOwnerPath(call.get('callee'), n.callee.name);
  if (!owner) return null;
  const decl = collectPaths(owner, (x: Node) => (x.type === 'FunctionDeclaration' && x.id?.name === n.callee.name) || (x.type === 'VariableDeclarator' && x.id.type === 'Identifier' && x.id.name === n.callee.name && isFunction(x.init)))
    .find((d) => bindingOwnerPath(d.get('id'), n.callee.name)?.node === owner.node);
  if (!decl) return null;
  const fnPath: Path = decl.node.type === 'FunctionDeclaration' ? decl : decl.get('init');
  const param = fnPath.node.params[index];
  if (param?.type !== 'Identifier') return null;
  for (const r of returnedExpressions(fnPath)) {
    const target = unwrapPath(r);
    const promised = promiseResolutions(target);
    for (const x of promised ?? [target]) {
      const u = unwrapPath(x);
      if (u.node.type !== 'Identifier' || u.node.name !== param.name || bindingOwnerPath(u, param.name)?.node !== fnPath.node) return null;
    }
    if (promised?.length === 0) return null;
  }
  return localState(fnPath, param.name, kinds, catalog);
}

/**
 * `new Promise((resolve, reject) => { … resolve(x) … })`: the expressions it resolves with; [] when it may
 * resolve with nothing or hands `resolve` on; null when the expression is no such promise.
 */
function promiseResolutions(p: Path): Path[] | null {
  const n = p.node;
  if (n.type !== 'NewExpression' || n.callee.type !== 'Identifier' || n.callee.name !== 'Promise' || bindingOwnerPath(p.get('callee'), 'Promise')) return null;
  const executor = n.arguments[0];
  if (!executor || !isFunction(executor) || executor.params[0]?.type !== 'Identifier') return null;
  const resolve: string = executor.params[0].name;
  const exec = p.get('arguments', 0);
  const out: Path[] = [];
  for (const ref of collectPaths(exec.get('body'), (x: Node) => x.type === 'Identifier' && x.name === resolve)) {
    if (bindingOwnerPath(ref, resolve)?.node !== executor) continue;
    const parent = ref.parent?.node;
    if ((parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.property === ref.node && !parent.computed) continue;
    if (parent?.type !== 'CallExpression' || parent.callee !== ref.node || parent.arguments.length !== 1 || parent.arguments[0].type === 'SpreadElement') return [];
    out.push(ref.parent.get('arguments', 0));
  }
  return out;
}

/** The acquire call whose callback declares `name` as its parameter, and that parameter's index. */
function callbackCall(owner: Path, name: string): { call: Path; index: number } | null {
  const fn = owner.node;
  if (!isFunction(fn)) return null;
  const index = fn.params.findIndex((q: Node) => q.type === 'Identifier' && q.name === name);
  const call = owner.parent;
  if (index < 0 || call?.node.type !== 'CallExpression' || call.node.arguments[call.node.arguments.length - 1] !== fn) return null;
  return { call, index };
}

/**
 * The expression that made `owner`'s local `name`: its initialiser (`const c = await pool.getConnection()`),
 * or for `let t = null;` (or no initialiser) the one plain assignment to it (`t = await db.transaction()`).
 */
function localInit(owner: Path, name: string): { call: Path; index: undefined; assignment: Node | null; others?: { right: Path; assignment: Node }[] } | null {
  const d = declaratorOf(owner, name);
  if (!d) return null;
  const init = d.node.init ? unwrapExpression(d.node.init) : null;
  if (init && !isNothing(init)) return { call: unwrapPath(d.get('init')), index: undefined, assignment: null };
  const writes = collectPaths(owner, (n: Node) => n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && n.left.name === name).filter((a) => bindingOwnerPath(a.get('left'), name)?.node === owner.node);
  if (writes.length === 0 || writes.some((w) => w.node.operator !== '=')) return null;
  // (Several: each must make the same kind of resource; see madeBy.)
  return { call: unwrapPath(writes[0].get('right')), index: undefined, assignment: writes[0].node, ...(writes.length > 1 ? { others: writes.slice(1).map((w) => ({ right: unwrapPath(w.get('right')), assignment: w.node })) } : {}) };
}

/** The declarator of `owner`'s `name`: among its own statements, else (a `var` in a nested block) anywhere in it. */
function declaratorOf(owner: Path, name: string): Path | null {
  const holder: Path | null = ['Program', 'BlockStatement', 'StaticBlock'].includes(owner.node.type) ? owner : isFunction(owner.node) && owner.node.body?.type === 'BlockStatement' ? owner.get('body') : null;
  const list: Node[] = holder?.node.body ?? [];
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    const decl = s.type === 'ExportNamedDeclaration' ? s.declaration : s;
    if (decl?.type !== 'VariableDeclaration') continue;
    const k = decl.declarations.findIndex((x: Node) => x.id.type === 'Identifier' && x.id.name === name);
    if (k >= 0) return holder!.get('body', i, ...(s === decl ? [] : ['declaration']), 'declarations', k);
  }
  if (!isFunction(owner.node)) return null;
  const found = collectPaths(owner, (n: Node) => n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.id.name === name);
  return found.find((p) => bindingOwnerPath(p.get('id'), name)?.node === owner.node) ?? null;
}

/** `(err, conn) => …` given to `pool.getConnection(…)`: the resource the library hands to that parameter. */
function callbackParamValue(owner: Path, name: string, catalog: Catalog, evaluate: Evaluate, depth: number): Value | null {
  const at = callbackCall(owner, name);
  if (!at) return null;
  const v = evaluate(at.call, depth + 1);
  return v?.t === 'instance' && catalog.resource(v.kind)?.callbackParam?.index === at.index ? v : null;
}

/** `p.a.b.m(…)` where `p` is a parameter of `fn`: the acquire as a summary (null: anything else). */
function acquireOnParam(fnPath: Path, at: { call: Path; index: number | undefined } | null, catalog: Catalog): Acquires | null {
  if (!at) return null;
  const call = at.call.node;
  if (call.type !== 'CallExpression' && call.type !== 'OptionalCallExpression') return null;
  const callee = unwrapExpression(call.callee);
  if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.computed || callee.property.type !== 'Identifier') return null;
  const path: string[] = [];
  let recv = unwrapExpression(callee.object);
  while ((recv.type === 'MemberExpression' || recv.type === 'OptionalMemberExpression') && !recv.computed && recv.property.type === 'Identifier') {
    path.unshift(recv.property.name);
    recv = unwrapExpression(recv.object);
  }
  if (recv.type !== 'Identifier') return null;
  const param = fnPath.node.params.findIndex((q: Node) => q.type === 'Identifier' && q.name === recv.name);
  // The name must be the function's own parameter, not a local that shadows it.
  if (param < 0 || bindingOwnerPath(at.call, recv.name)?.node !== fnPath.node) return null;
  // Only a method that acquires somewhere in the catalogue (`getConnection`, a callback API's `transaction`).
  const method: string = callee.property.name;
  const manual = catalog.libraries.some((l) => (l.callbacks ?? []).some((c) => c.acquire === method && !c.chain));
  if (!catalog.acquireNames().has(method) && !manual) return null;
  // A callback API's managed form (`sequelize.transaction(async (t) => …)`) ends what it makes itself.
  if (!catalog.acquireNames().has(method) && call.arguments.some((a: Node) => isFunction(a))) return null;
  return { t: 'acquires', param, path, method: callee.property.name, ...(at.index !== undefined ? { callbackIndex: at.index } : {}) };
}

/** What a call of a summarised helper makes here: the acquire applied to this call's argument. */
export function summaryAt(s: Acquires, call: Path, catalog: Catalog, evaluate: Evaluate, member: (v: Value | null, name: string) => Value | null, depth: number): Value | null {
  const arg = call.node.arguments?.[s.param];
  if (!arg || arg.type === 'SpreadElement') return null;
  let v = evaluate(call.get('arguments', s.param), depth + 1);
  for (const name of s.path) v = member(v, name);
  if (v?.t !== 'instance') return null;
  const made = catalog.method(v.kind, s.method);
  // Handed to a callback: only where the library hands the resource to that very parameter.
  if (made && s.callbackIndex !== undefined && catalog.resource(made)?.callbackParam?.index !== s.callbackIndex) return null;
  const out = made ? { t: 'instance' as const, kind: made, ...(s.begun ? { begun: true } : {}) } : s.callbackIndex === undefined ? manualHandle(v.kind, s.method) : null;
  if (!out) return null;
  return s.element !== undefined ? { t: 'tuple', items: [...Array(s.element).fill(null), out] } : out;
}

/** The callback API whose manual form `owner.method()` is (`sequelize.transaction()` with no callback), if any. */
export function handleSpec(owner: Kind, method: string): CallbackApiSpec | undefined {
  return (owner.lib.callbacks ?? []).find((c) => c.owner === owner.name && c.acquire === method && !c.chain && !c.begin);
}

/** `sequelize.transaction()` with no callback: the manual handle of a callback API the owner's library lists. */
export function manualHandle(owner: Kind, method: string): Value | null {
  return handleSpec(owner, method) ? { t: 'handle', kind: owner, acquire: method } : null;
}

/**
 * A function that releases what a parameter holds (`function finish(conn, sql) { … conn.release() … }`): per
 * parameter, the release-named methods it calls on it, on some path. The caller's argument decides whether
 * they are that resource's releases. Null when it calls none.
 */
export function releasedParams(fnPath: Path): Value | null {
  const fn = fnPath.node;
  const params: Record<string, string[]> = {};
  (fn.params as Node[]).forEach((param, i) => {
    if (param.type !== 'Identifier') return;
    const methods = new Set<string>();
    for (const ref of collectPaths(fnPath.get('body'), (n: Node) => n.type === 'Identifier' && n.name === param.name)) {
      const member = ref.parent?.node;
      if (member?.type !== 'MemberExpression' || member.object !== ref.node || member.computed || !RELEASE_NAMES.includes(member.property.name)) continue;
      if (ref.parent.parent?.node.type !== 'CallExpression' || ref.parent.parent.node.callee !== member) continue;
      if (bindingOwnerPath(ref, param.name)?.node === fn) methods.add(member.property.name);
    }
    if (methods.size) params[String(i)] = [...methods];
  });
  return Object.keys(params).length ? { t: 'releases', params } : null;
}
