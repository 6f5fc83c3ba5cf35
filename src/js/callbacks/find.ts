// Manual handles whose library has a callback that ends them by outcome: `const trx = await
// knex.transaction(); … await trx.commit()` (with or without `catch { await trx.rollback(); throw e }`),
// generic-pool's acquire/release, typeorm's createQueryRunner → startTransaction → commit/rollback →
// release. Only shapes whose every path the callback reproduces are fixable; the others are reported
// (or, for typeorm, left to the release-only rewrite with the reason noted).
import * as path from 'node:path';
import jscodeshift from 'jscodeshift';
import type { CallbackApiSpec, Catalog, EndSpec, LibrarySpec } from '../../catalog/js';
import {
  bindingOwner,
  collectPaths,
  enclosingFunction,
  isInside,
  isPure,
  isValueReference,
  lineColumn,
  type Node,
  type Path,
  unwrapExpression,
  walk,
} from '../analysis/ast';
import type { Provenance } from '../provenance/values';
import { callbackHazard } from '../analysis/hazards';
import { movedNames } from '../emit/region';
import type { ReasonId } from '../analysis/reasons';
import { packageJson, packageRoot } from '../project/packageInfo';

const j = jscodeshift;

export interface CallbackSite {
  spec: CallbackApiSpec;
  lib: LibrarySpec;
  /** The handle's variable. */
  name: string;
  line: number;
  column: number;
  /** The acquire call (`knex.transaction()`, the chain's `.execute()`, `dataSource.createQueryRunner()`). */
  acquire: Node;
  /** The owner expression the callback is called on. */
  receiver: Node;
  /** `receiver.callback()` as written in messages (`knex.transaction()`). */
  helper: string;
  /** Arguments that move to the callback call (the acquire's, or the begin's). */
  args: Node[];
  /** The live statement list holding the acquire. */
  list: Node[];
  /** Statements the callback call replaces, in order (acquire first). */
  replaced: Node[];
  /** Statements that become the callback's body. */
  body: Node[];
  /** `return x;` after the success end: the callback returns it, the call is returned. */
  trailingReturn: Node | null;
  /** Names the body declares that later code reads: the callback returns them. */
  exported: { name: string; kind: string }[];
  /** Already ends the handle on every path (a catch does the failure end): not a leak, only a style. */
  safe: boolean;
  /** The failure end's statement, kept for the try/catch style (null when the code has none). */
  failureStatement: Node | null;
  successStatement: Node;
  /** The callback's parameter name, and handle member rewrites (`queryRunner.manager` → `manager`). */
  param: string;
  verdict: { fix: true } | { fix: false; reasonId: ReasonId; detail?: string };
  /** Found in place (try/catch mode): the library's callback would change what the work does, and why. */
  callbackChangesMeaning?: string;
}

type Refusal = { reasonId: ReasonId; detail?: string };

class Refuse extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reasonId);
  }
}

function refuse(reasonId: ReasonId, detail?: string): never {
  throw new Refuse({ reasonId, detail });
}

/** How an end reads in messages: `commit()`, `release()`, `` `COMMIT` ``. */
export function endLabel(end: EndSpec): string {
  return 'sql' in end ? `\`${end.sql}\`` : `${end.method}()`;
}

/** The SQL text of a tagged template without substitutions on `name` (``reserved`COMMIT` ``), or null. */
function taggedSql(node: Node, name: string): string | null {
  const t = node?.type === 'AwaitExpression' ? node.argument : node;
  if (t?.type !== 'TaggedTemplateExpression' || t.tag.type !== 'Identifier' || t.tag.name !== name || t.quasi.expressions.length) return null;
  return t.quasi.quasis[0].value.cooked;
}

function propertyName(callee: Node): string | null {
  const c = unwrapExpression(callee);
  return (c.type === 'MemberExpression' || c.type === 'OptionalMemberExpression') && !c.computed && c.property.type === 'Identifier' ? c.property.name : null;
}

/** Owner expressions compared by text: `pool.release(r)` must name the pool `pool.acquire()` came from. */
function sameOwner(a: Node, b: Node): boolean {
  const key = (n: Node): string | null => {
    const u = unwrapExpression(n);
    if (u.type === 'Identifier') return u.name;
    if (u.type === 'ThisExpression') return 'this';
    if (u.type === 'MemberExpression' && !u.computed) {
      const o = key(u.object);
      return o === null ? null : `${o}.${u.property.name}`;
    }
    return null;
  };
  const ka = key(a);
  return ka !== null && ka === key(b);
}

function sourceOf(node: Node): string {
  return j(node).toSource().replace(/\s+/g, ' ');
}

/** The catalogue spec whose manual acquire this call is, with the owner it is called on. */
function matchAcquire(p: Path, catalog: Catalog, provenance: Provenance): { spec: CallbackApiSpec; lib: LibrarySpec; receiver: Path; start: Path } | null {
  const node = p.node;
  const method = propertyName(node.callee);
  if (!method) return null;
  for (const lib of catalog.libraries) {
    for (const spec of lib.callbacks ?? []) {
      let start: Path = p;
      if (spec.chain) {
        if (method !== spec.chain) continue;
        // Down the builder chain to the acquire: `db.startTransaction().setIsolationLevel(l).execute()`.
        let cur: Path = p.get('callee', 'object');
        while (cur.node.type === 'CallExpression' && propertyName(cur.node.callee) !== spec.acquire) {
          if (!propertyName(cur.node.callee)) break;
          cur = cur.get('callee', 'object');
        }
        if (cur.node.type !== 'CallExpression' || propertyName(cur.node.callee) !== spec.acquire) continue;
        start = cur;
      } else if (method !== spec.acquire) continue;
      const receiver: Path = start.get('callee', 'object');
      const value = provenance.expr(receiver);
      if (value?.t === 'instance' && value.kind.lib === lib && value.kind.name === spec.owner) return { spec, lib, receiver, start };
    }
  }
  return null;
}

/** `x.m(…)` / `x.m(…).then()` on the handle, or `owner.m(x)`: the call expression that ends it, or null. */
function endCall(ref: Path, end: EndSpec, receiver: Node): Path | null {
  const parent = ref.parent;
  if ('sql' in end) {
    const text = parent && ref.name === 'tag' ? taggedSql(parent.node, ref.node.name) : null;
    return text !== null && new RegExp(`^\\s*${end.sql}\\s*;?\\s*$`, 'i').test(text) ? parent : null;
  }
  if (end.onOwner) {
    const call = parent;
    if (call?.node.type !== 'CallExpression' || ref.name !== 0 || call.node.arguments.length !== 1) return null;
    const callee = unwrapExpression(call.node.callee);
    if (propertyName(callee) !== end.method || !sameOwner(callee.object, receiver)) return null;
    return call;
  }
  if (parent?.node.type !== 'MemberExpression' || ref.name !== 'object' || parent.node.computed || parent.node.property.name !== end.method) return null;
  let call: Path = parent.parent;
  if (call?.node.type !== 'CallExpression' || parent.name !== 'callee') return null;
  if (end.then) {
    const member = call.parent;
    if (member?.node.type !== 'MemberExpression' || member.node.property.name !== end.then) return null;
    call = member.parent;
    if (call?.node.type !== 'CallExpression' || call.node.arguments.length !== 0) return null;
  }
  return call;
}

/** The statement that is nothing but this call (awaited or not), and whether it is awaited. */
function callStatement(call: Path): { statement: Path; awaited: boolean } | null {
  let cur = call;
  let awaited = false;
  if (cur.parent?.node.type === 'AwaitExpression') {
    awaited = true;
    cur = cur.parent;
  }
  return cur.parent?.node.type === 'ExpressionStatement' ? { statement: cur.parent, awaited } : null;
}

/** Handle-method statement `await x.m(args)` (typeorm's setup and begin steps; `x.m()` if `awaitOptional`). */
function handleStep(s: Node, name: string, method: string, awaitOptional = false): Node | null {
  if (s?.type !== 'ExpressionStatement') return null;
  const e = s.expression.type === 'AwaitExpression' ? s.expression.argument : awaitOptional ? s.expression : null;
  if (e?.type !== 'CallExpression') return null;
  const callee = unwrapExpression(e.callee);
  return propertyName(callee) === method && callee.object.type === 'Identifier' && callee.object.name === name ? e : null;
}

/** Refusals that mean a path leaves the work with the handle still open, even where a catch ends it. */
const LEAKING_EXITS = new Set<ReasonId>(['callback-early-exit', 'callback-jump']);

/** `preferred`, unless the function already binds or reads that name (property names do not count). */
function freeName(preferred: string, fn: Path): string {
  const used = new Set<string>();
  walk(
    fn.node,
    (n: Node, parent: Node | null) => {
      if (n.type !== 'Identifier') return;
      const isKey = parent && !parent.computed && ((parent.type === 'MemberExpression' && parent.property === n) || (parent.type === 'ObjectProperty' && parent.key === n && !parent.shorthand));
      if (!isKey) used.add(n.name);
    },
    true,
  );
  for (const candidate of [preferred, `${preferred}Tx`, `tx${preferred[0].toUpperCase()}${preferred.slice(1)}`]) if (!used.has(candidate)) return candidate;
  return `${preferred}_`;
}

export interface CallbackContext {
  catalog: Catalog;
  provenance: Provenance;
  file: string;
  /** What the site is analysed for: the library callback, or a try/catch in place (checks differ). */
  mode: 'callback' | 'try-catch';
}

/** Every manual handle in the file with a library callback, fixable or with the reason it is not. */
export function findCallbackSites(root: Path, ctx: CallbackContext): CallbackSite[] {
  if (!ctx.catalog.libraries.some((l) => l.callbacks?.length)) return [];
  const acquireNames = new Set(ctx.catalog.libraries.flatMap((l) => (l.callbacks ?? []).map((c) => c.chain ?? c.acquire)));
  const calls = collectPaths(root, (n: Node) => n.type === 'CallExpression' && acquireNames.has(propertyName(n.callee) ?? ''));
  const sites: CallbackSite[] = [];
  for (const p of calls) {
    const match = matchAcquire(p, ctx.catalog, ctx.provenance);
    if (!match) continue;
    const site = analyse(p, match, ctx);
    if (site) sites.push(site);
  }
  return sites;
}

function analyse(p: Path, m: NonNullable<ReturnType<typeof matchAcquire>>, ctx: CallbackContext): CallbackSite | null {
  const { spec, lib } = m;
  // `const trx = await knex.transaction(…)`: one declarator, in a statement list.
  let top: Path = p;
  if (top.parent?.node.type === 'AwaitExpression') top = top.parent;
  const declarator = top.parent;
  if (declarator?.node.type !== 'VariableDeclarator' || top.name !== 'init' || declarator.node.id.type !== 'Identifier') return null;
  const declaration = declarator.parent;
  if (declaration.node.declarations.length !== 1 || declaration.node.kind === 'using' || declaration.node.kind === 'await using') return null;
  const blockPath = declaration.parent;
  // (At a module's top level the work would move into a callback away from its exports: left alone.)
  if (blockPath?.node.type !== 'BlockStatement') return null;
  const name: string = declarator.node.id.name;
  const list: Node[] = blockPath.node.body;
  const { line, column } = lineColumn(p.node);
  const acquireArgs: Node[] = m.start.node.arguments;
  const site: CallbackSite = {
    spec,
    lib,
    name,
    line,
    column,
    acquire: p.node,
    receiver: m.receiver.node,
    helper: spec.chain ? `${sourceOf(m.receiver.node)}.${spec.callback}().${spec.chain}()` : `${sourceOf(m.receiver.node)}.${spec.callback}()`,
    args: spec.begin ? [] : acquireArgs,
    list,
    replaced: [declaration.node],
    body: [],
    trailingReturn: null,
    exported: [],
    safe: false,
    failureStatement: null,
    successStatement: null,
    param: name,
    verdict: { fix: true },
  };
  const fn = enclosingFunction(blockPath);
  const refs = collectPaths(fn, (n: Node) => n.type === 'Identifier' && n.name === name).filter(
    (r) => r.node !== declarator.node.id && isValueReference(r) && bindingOwner(r) === blockPath.node,
  );
  const successes: { call: Path; statement: Path | null; awaited: boolean }[] = [];
  const failures: { call: Path; statement: Path | null; awaited: boolean }[] = [];
  for (const ref of refs) {
    for (const [end, into] of [
      [spec.success, successes],
      [spec.failure, failures],
    ] as const) {
      const call = endCall(ref, end, m.receiver.node);
      if (call) {
        const st = callStatement(call);
        into.push({ call, statement: st?.statement ?? null, awaited: st?.awaited ?? false });
      }
    }
  }
  // Not ended here at all: a factory or a hand-off, not a lifecycle of this function. Ended in a closure
  // (`.finally(() => pool.release(r))`): its timing is the closure's, which this cannot judge.
  if (successes.length === 0) return null;
  if ([...successes, ...failures].some((e) => enclosingFunction(e.call).node !== fn.node)) return null;
  // Ended by the first thing the next statement does (`await t.commit()`, `await expect(t.commit())…` in a
  // test of commit itself): nothing runs while it is open, nothing to protect.
  const next = list[list.indexOf(declaration.node) + 1];
  if (next && [...successes, ...failures].some((e) => evaluatedFirst(e.call, next))) return null;
  // Code that ends the handle in a catch or a finally chose how errors end it: silent unless the shape fits.
  const handlesFailure = [...failures, ...successes].some((e) => inHandler(e.call, blockPath.node));
  try {
    const forCallback = ctx.mode === 'callback';
    const reassigned = refs.find((r) => (r.parent?.node.type === 'AssignmentExpression' && r.name === 'left') || r.parent?.node.type === 'UpdateExpression');
    if (reassigned) refuse('ends-not-understood', `${name} is reassigned on line ${lineColumn(reassigned.node).line}`);
    if (forCallback && (spec.args === 'none' || spec.begin) && acquireArgs.length > 0) refuse('acquire-arguments', acquireArgs.map(sourceOf).join(', '));
    for (const e of [...successes, ...failures]) {
      if (!e.statement) refuse('ends-not-understood', `the result of ${endLabel(spec.success)} or ${endLabel(spec.failure)} is used`);
      if (!e.awaited && !spec.endsUnawaited) refuse('end-not-awaited', sourceOf(e.call.node));
    }
    let i = list.indexOf(declaration.node) + 1;
    // What the moved statements declare and later code reads leaves the callback as its result.
    const leaving = (moved: Node[]) => {
      const names = movedNames(list, moved, i - 1, site.replaced);
      if (!names) refuse('ends-not-understood', 'a name the work declares is read before it, or cannot be returned');
      return names;
    };
    // typeorm: `await qr.connect(); await qr.startTransaction(level);` right after the acquire.
    const stepCalls = new Set<Node>();
    if (spec.begin) {
      while (i < list.length && spec.begin.setup.some((s) => handleStep(list[i], name, s)?.arguments.length === 0)) {
        stepCalls.add(handleStep(list[i], name, spec.begin.setup.find((s) => handleStep(list[i], name, s))!)!);
        site.replaced.push(list[i++]);
      }
      // No transaction begun right here: the runner is a plain resource (the lifecycles rewrite's business).
      if ('sql' in spec.begin) {
        const text = list[i]?.type === 'ExpressionStatement' ? taggedSql(list[i].expression, name) : null;
        const begun = text === null ? null : /^\s*(?:BEGIN|START\s+TRANSACTION)\b(?:\s+(?:WORK|TRANSACTION)\b)?([^;]*);?\s*$/i.exec(text);
        if (!begun) return null;
        stepCalls.add(list[i].expression);
        // The options after BEGIN (`ISOLATION LEVEL SERIALIZABLE`) are what `begin(options, cb)` appends.
        site.args = begun[1].trim() ? [j.stringLiteral(begun[1].trim())] : [];
      } else {
        const begin = handleStep(list[i], name, spec.begin.method);
        if (!begin || begin.arguments.length > 1) return null;
        stepCalls.add(begin);
        site.args = begin.arguments;
      }
      site.replaced.push(list[i++]);
    }
    const tryNode = list.slice(i).find((s) => s.type === 'TryStatement' && successes.some((x) => x.statement?.parent?.node === s.block));
    let releaseStatement: Node | null = null;
    if (tryNode) {
      const prefix = list.slice(i, list.indexOf(tryNode));
      const handler = tryNode.handler;
      const block: Node[] = tryNode.block.body;
      let end = block.length - 1;
      if (block[end]?.type === 'ReturnStatement') {
        if (!isPure(block[end].argument)) refuse('ends-not-understood', `the return after ${endLabel(spec.success)} computes its value there`);
        site.trailingReturn = block[end];
        end--;
      }
      const success = successes.find((s) => s.statement?.node === block[end]);
      if (!success) refuse('ended-early', `${endLabel(spec.success)} is not the last thing the try block does`);
      site.successStatement = success.statement!.node;
      if (!handler) refuse('ends-not-understood', 'the try has no catch');
      const param = handler.param;
      const catchBody: Node[] = handler.body.body;
      const failure = failures.find((f) => f.statement?.node === catchBody[0]);
      if (!failure) refuse('catch-does-more', `it does not start with ${endLabel(spec.failure)}`);
      site.failureStatement = failure.statement!.node;
      const rethrows = catchBody.length === 2 && catchBody[1].type === 'ThrowStatement' && param?.type === 'Identifier' && catchBody[1].argument.type === 'Identifier' && catchBody[1].argument.name === param.name;
      if (!rethrows) refuse('catch-does-more', catchBody.length === 1 ? 'it swallows the error' : 'it does more before rethrowing, and would also see errors from starting the ' + spec.noun);
      if (spec.begin) {
        const isRelease = (s: Node) => handleStep(s, name, spec.begin!.release, true)?.arguments.length === 0;
        if (tryNode.finalizer) {
          if (tryNode.finalizer.body.length !== 1 || !isRelease(tryNode.finalizer.body[0])) refuse('ends-not-understood', `the finally does more than ${spec.begin.release}()`);
          releaseStatement = tryNode.finalizer.body[0];
        } else {
          const after = list[list.indexOf(tryNode) + 1];
          if (!after || !isRelease(after)) refuse('ends-not-understood', `${spec.begin.release}() does not follow the try`);
          releaseStatement = after;
          site.replaced.push(...prefix, tryNode, after);
        }
      } else if (tryNode.finalizer) refuse('ends-not-understood', 'the try also has a finally');
      if (!site.replaced.includes(tryNode)) site.replaced.push(...prefix, tryNode);
      site.body = [...prefix, ...block.slice(0, end)];
      // A release after the try (not in a finally) is skipped when the catch rethrows: that still leaks.
      site.safe = !spec.begin || !!tryNode.finalizer;
      site.exported = leaving(prefix);
      if (site.trailingReturn && site.exported.length) refuse('ends-not-understood', 'values from before the try are used after it');
    } else {
      // The leaking form: the work, then the success end in the same block, and no failure path at all.
      const success = successes.find((s) => s.statement && s.statement.parent?.node === blockPath.node);
      if (!success) {
        if (handlesFailure) return null;
        refuse('ends-not-understood', `${endLabel(spec.success)} is called inside a nested block`);
      }
      if (handlesFailure) return null;
      site.successStatement = success.statement!.node;
      const at = list.indexOf(success.statement!.node);
      site.body = list.slice(i, at);
      site.replaced.push(...site.body, success.statement!.node);
      if (spec.begin) {
        const after = list[at + 1];
        const release = after && handleStep(after, name, spec.begin.release, true);
        if (!release || release.arguments.length) refuse('ends-not-understood', `${spec.begin.release}() does not follow ${endLabel(spec.success)}`);
        releaseStatement = after;
        site.replaced.push(after);
      }
      site.exported = leaving(site.body);
      if (!forCallback && site.exported.length) refuse('values-used-after-end');
    }
    // Every other end is inside the body: the callback would end the handle a second time.
    const endCalls = new Set<Node>([site.successStatement, site.failureStatement, releaseStatement].filter(Boolean));
    for (const e of [...successes, ...failures]) {
      if (e.statement && !endCalls.has(e.statement.node)) refuse('ended-early', `${sourceOf(e.call.node)} inside the work`);
    }
    // A `return` here leaves before the success end, which the callback would run instead.
    const found = callbackHazard(site.body, false);
    const hazard = found === 'callback-return' ? 'callback-early-exit' : found;
    // In place, a try/catch keeps `yield` meaning the same; an early exit leaks either way.
    if (hazard && (forCallback || hazard !== 'callback-yield')) refuse(hazard);
    // The handle lives only in the body from here: nothing may use it after the end.
    const inBody = (r: Path) => site.body.some((s) => isInside(r, s));
    const ended = (r: Path) => [...endCalls].some((s) => isInside(r, s)) || [...stepCalls].some((c) => isInside(r, c));
    for (const r of refs) if (!inBody(r) && !ended(r)) refuse('used-after-end', `line ${lineColumn(r.node).line}`);
    // The callback's object differs from the handle: only uses that carry over are allowed.
    if (forCallback && spec.handle) {
      for (const r of refs.filter(inBody)) {
        const member = r.parent?.node.type === 'MemberExpression' && r.name === 'object' && !r.parent.node.computed ? r.parent.node.property.name : null;
        if (spec.handle.members) {
          const mapped = member !== null && member in spec.handle.members;
          const isCall = r.parent?.parent?.node.type === 'CallExpression' && r.parent.name === 'callee';
          if (!mapped || (spec.handle.members[member!] !== '' && !isCall)) refuse('handle-differs', member ? `${name}.${member}` : name);
        } else if ((member === null && !passedToAllowed(r, spec.handle.passTo ?? []) && r.name !== 'tag') || (member !== null && (spec.handle.missing ?? []).includes(member))) {
          refuse('handle-differs', `${name} ${member === null ? 'is handed to other code' : `.${member}()`}; the callback's is ${spec.handle.differs}`);
        }
      }
      if (spec.handle.param) site.param = freeName(spec.handle.param, fn);
    }
    const changed = changesMeaning(spec, fn, ctx.file);
    if (changed) {
      // In place (a try/catch) the work keeps its meaning; a report that points at the callback must not.
      if (forCallback) refuse('callback-changes-meaning', changed);
      site.callbackChangesMeaning = changed;
    }
  } catch (e) {
    if (!(e instanceof Refuse)) throw e;
    site.verdict = { fix: false, ...e.refusal };
    // Code whose catch or finally ends the handle leaks only if the work can leave without either.
    if (handlesFailure && !LEAKING_EXITS.has(e.refusal.reasonId)) return spec.begin ? site : null;
  }
  return site;
}

/** Why the library's callback would do other work than the manual form here (`refuseWith`), or null. */
function changesMeaning(spec: CallbackApiSpec, fn: Path, file: string): string | null {
  if (!spec.refuseWith) return null;
  if (spec.refuseWith.always) return `${spec.refuseWith.dependencies[0]}: ${spec.refuseWith.why}`;
  const root = packageRoot(path.dirname(file));
  const pkg = root ? packageJson(root) : null;
  const deps = { ...(pkg?.dependencies ?? {}), ...(pkg?.devDependencies ?? {}) };
  const calls = spec.refuseWith.calls;
  let program: Path = fn;
  while (program.parent) program = program.parent;
  const called = calls.length > 0 && collectPaths(program, (n: Node) => n.type === 'CallExpression' && calls.includes(propertyName(n.callee) ?? '')).length > 0;
  const found = spec.refuseWith.dependencies.find((d) => d in deps) ?? (called ? `${calls[0]}()` : null);
  return found ? `${found}: ${spec.refuseWith.why}` : null;
}

/** `x.execute(handle)`: the handle is the only argument of a method that accepts any executor. */
function passedToAllowed(ref: Path, methods: string[]): boolean {
  const call = ref.parent?.node;
  return call?.type === 'CallExpression' && ref.name === 0 && call.arguments.length === 1 && methods.includes(propertyName(call.callee) ?? '');
}

/** Is `p` in a catch clause or a finally block (below `stop`)? */
function inHandler(p: Path, stop: Node): boolean {
  let child: Path = p;
  for (let cur: Path | null = p.parent; cur && cur.node !== stop; cur = cur.parent) {
    if (cur.node.type === 'CatchClause') return true;
    if (cur.node.type === 'TryStatement' && cur.node.finalizer === child.node) return true;
    child = cur;
  }
  return false;
}

/**
 * Is `call` the first call `statement` makes: reached from the statement through awaits, member chains it
 * starts, and first arguments of calls whose callee is a plain name or member chain (`expect(t.commit())`)?
 */
function evaluatedFirst(call: Path, statement: Node): boolean {
  let cur: Path = call;
  for (let up = cur.parent; up; cur = up, up = up.parent) {
    const n = up.node;
    if (n === statement) return n.type === 'ExpressionStatement' || n.type === 'ReturnStatement' || (n.type === 'VariableDeclaration' && n.declarations[0] === cur.node);
    if (n.type === 'AwaitExpression' || n.type === 'ExpressionStatement' || n.type === 'VariableDeclarator') continue;
    if ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && n.object === cur.node) continue;
    if ((n.type === 'CallExpression' || n.type === 'OptionalCallExpression') && n.callee === cur.node) continue;
    if ((n.type === 'CallExpression' || n.type === 'OptionalCallExpression') && n.arguments[0] === cur.node && plainCallee(n.callee)) continue;
    return false;
  }
  return false;
}

const plainCallee = (c: Node): boolean => c.type === 'Identifier' || ((c.type === 'MemberExpression' || c.type === 'OptionalMemberExpression') && !c.computed && plainCallee(c.object));
