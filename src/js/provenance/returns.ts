// What calling a project function hands out. A factory makes a fresh resource itself and returns it, also
// through a promise that resolves with it (`new Promise((resolve, reject) => pool.getConnection((err, c) =>
// err ? reject(err) : resolve(c)))`). A helper that acquires on what a parameter holds (`getConnection(pool)`,
// `openTransaction(db)` → `db.sequelize.transaction()`) is summarised as that acquire: the argument at each
// call site decides what it makes.
import { RELEASE_NAMES, type Catalog, type Kind } from '../../catalog/js';
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

/**
 * A project function as a factory: every `return` hands out a fresh resource of one kind — an acquire made
 * right there (`return mysql.createConnection(c)`), a local made by one (`const c = new Client(); await
 * c.connect(); return c`), or what a promise resolves with — or every one is the same acquire on a parameter.
 * A function that returns a module's shared client, or sometimes something else, is no factory.
 */
export function freshReturns(fnPath: Path, depth: number, catalog: Catalog, evaluate: Evaluate): Value | null {
  const fn = fnPath.node;
  const results = returnedExpressions(fnPath);
  if (results.length === 0) return null;
  const targets: Path[] = [];
  for (const r of results) {
    const target = unwrapPath(r);
    const promised = promiseResolutions(target);
    if (promised === null) targets.push(target);
    else if (promised.length === 0) return null;
    else targets.push(...promised.map(unwrapPath));
  }
  let kind: Kind | null = null;
  let summary: Acquires | null = null;
  // A transaction begun on what every `return` hands out (`await conn.beginTransaction(); return conn`).
  let begun = true;
  for (const target of targets) {
    const t = target.node;
    let v: Value | null = null;
    let owner: Path | null = null;
    // Only what this function makes itself is fresh: a name must be a local of the function.
    if (t.type === 'Identifier') {
      owner = bindingOwnerPath(target, t.name);
      if (!owner || !isInsideNode(owner, fn)) return null;
      v = callbackParamValue(owner, t.name, catalog, evaluate, depth) ?? evaluate(target, depth + 1);
    } else if (t.type === 'CallExpression' || t.type === 'NewExpression' || t.type === 'OptionalCallExpression') v = evaluate(target, depth + 1);
    else return null;
    const s = v?.t === 'instance' ? null : acquireOnParam(fnPath, t.type === 'Identifier' ? (callbackCall(owner!, t.name) ?? localInit(owner!, t.name)) : { call: target, index: undefined }, catalog);
    const made = v?.t === 'instance' ? v.kind : s ? catalog.libraries.flatMap((lib) => Object.entries(lib.methods).filter(([k]) => k.endsWith(`.${s.method}`)).map(([, name]) => ({ lib, name }))) : null;
    if (t.type === 'Identifier' && made) {
      // The local keeps what it was made with: reassigned only through a helper that hands it back.
      const state = localState(owner!, t.name, Array.isArray(made) ? made : [made], catalog);
      if (state === null) return null;
      begun &&= state || (v?.t === 'instance' && !!v.begun);
    } else begun &&= v?.t === 'instance' && !!v.begun;
    if (v?.t === 'instance') {
      if (summary || (kind && (kind.lib !== v.kind.lib || kind.name !== v.kind.name))) return null;
      kind = v.kind;
      continue;
    }
    if (!s || kind || (summary && JSON.stringify(summary) !== JSON.stringify(s))) return null;
    summary = s;
  }
  if (summary) return begun ? { ...summary, begun: true } : summary;
  return kind ? { t: 'returns', value: { t: 'instance', kind, ...(begun ? { begun: true } : {}) } } : null;
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
function localState(owner: Path, name: string, kinds: Kind[], catalog: Catalog | null): boolean | null {
  let begun = false;
  for (const ref of collectPaths(owner, (n: Node) => n.type === 'Identifier' && n.name === name)) {
    if (bindingOwnerPath(ref, name)?.node !== owner.node) continue;
    const parent = ref.parent?.node;
    if (parent?.type === 'UpdateExpression') return null;
    if (parent?.type === 'AssignmentExpression' && parent.left === ref.node) {
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
function handedBack(right: Path, name: string, kinds: Kind[], catalog: Catalog | null): boolean | null {
  const call = unwrapPath(right);
  const n = call.node;
  if (n.type !== 'CallExpression' || n.callee.type !== 'Identifier') return null;
  const index = n.arguments.findIndex((a: Node) => a.type === 'Identifier' && a.name === name);
  if (index < 0) return null;
  const owner = bindingOwnerPath(call.get('callee'), n.callee.name);
  if (!owner) return null;
  const decl = collectPaths(owner, (x: Node) => (x.type === 'FunctionDeclaration' && x.id?.name === n.callee.name) || (x.type === 'VariableDeclarator' && x.id.type === 'Identifier' && x.id.name === n.callee.name && isFunction(x.init)))
    .find((d) => bindingOwnerPath(d.node.type === 'FunctionDeclaration' ? d.get('id') : d.get('id'), n.callee.name)?.node === owner.node);
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

/** `const c = await pool.getConnection()` in `owner`'s own statements: the acquire call that made the local. */
function localInit(owner: Path, name: string): { call: Path; index: undefined } | null {
  const found = collectPaths(owner, (n: Node) => n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.id.name === name && !!n.init);
  const d = found.find((p) => bindingOwnerPath(p.get('id'), name)?.node === owner.node);
  return d ? { call: unwrapPath(d.get('init')), index: undefined } : null;
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
  if (!catalog.acquireNames().has(method) && !catalog.libraries.some((l) => (l.callbacks ?? []).some((c) => c.acquire === method))) return null;
  return { t: 'acquires', param, path, method: callee.property.name, ...(at.index !== undefined ? { callbackIndex: at.index } : {}) };
}

/** What a call of a summarised helper makes here: the acquire applied to this call's argument. */
export function summaryAt(s: Acquires, call: Path, catalog: Catalog, evaluate: Evaluate, member: (v: Value | null, name: string) => Value | null, depth: number): Value | null {
  const arg = call.node.arguments?.[s.param];
  if (!arg || arg.type === 'SpreadElement') return null;
  let v = evaluate(call.get('arguments', s.param), depth + 1);
  for (const name of s.path) v = member(v, name);
  if (v?.t !== 'instance') return null;
  const kind = catalog.method(v.kind, s.method);
  if (!kind) return null;
  // Handed to a callback: only where the library hands the resource to that very parameter.
  if (s.callbackIndex !== undefined && catalog.resource(kind)?.callbackParam?.index !== s.callbackIndex) return null;
  return { t: 'instance', kind, ...(s.begun ? { begun: true } : {}) };
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
