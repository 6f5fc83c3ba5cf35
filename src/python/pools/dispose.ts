// Engines disposed on every call (the founding example's `session.get_bind().dispose()` after each
// query), engines and scoped_session registries made on every call. A dispose() that runs per call on an
// engine that outlives the call throws the pool away each time; it goes, and where the engine belongs to
// an object with a close(), it moves there.
import type { PyNode } from '../parse/tree';
import { assignmentOf, callParts, declaresGlobal, decoratorsOf, enclosingClass, expressionOf, functionName, methodCallStatement, nameUses, statements, unwrapAwait } from '../parse/syntax';
import { SHUTDOWN_NAMES } from '../../catalog/python/flask';
import type { FileModel } from '../analysis/values';
import type { PyPoolReasonId } from '../report/reasons';
import { isCliCommand, isLifespan, isShutdownFunction, isTeardownHook, isTestOrScript } from './places';
import { callTaking, readsWhole } from '../analysis/unnamed';

export type DisposeVerdict =
  | { kind: 'remove'; stmt: PyNode; engine: string; fn: PyNode; shutdown: string | null; moveTo: { close: PyNode; text: string; owner: string } | null; library: string }
  | { kind: 'report'; node: PyNode; reasonId: PyPoolReasonId; values: Record<string, string>; library: string; resource: string };

/** The root name of `a.b.c()`: `a` (`self` for fields). */
function rootOf(n: PyNode): PyNode {
  let x = n;
  for (;;) {
    if (x.kind === 'attribute') x = x.field('object')!;
    else if (x.kind === 'call') x = x.field('function')!;
    else if (x.kind === 'subscript') x = x.field('value')!;
    else return x;
  }
}

const ENGINE_MAKERS = /(^|\.)create(_async)?_engine$|\.engine_from_config$/;

export function findDisposals(model: FileModel, file: string, fileText: string): DisposeVerdict[] {
  const out: DisposeVerdict[] = [];
  if (!/\.dispose\(/.test(fileText) || isTestOrScript(file)) return out;
  for (const call of model.tree.root.findAll(['call'])) {
    const fnNode = call.field('function');
    if (fnNode?.kind !== 'attribute' || fnNode.field('attribute')?.text !== 'dispose') continue;
    const receiver = fnNode.field('object')!;
    const stmt = call.parent?.kind === 'await' ? call.parent.parent : call.parent;
    if (stmt?.kind !== 'expression_statement') continue;
    let fn: PyNode | null = null;
    for (let p = stmt.parent; p; p = p.parent) if (p.kind === 'function_definition') {
      fn = p;
      break;
    }
    if (!fn) continue; // module level: the process's own teardown
    const value = model.classify(receiver, fn);
    if (!value || (value.kind !== 'engine' && value.kind !== 'async-engine')) continue;
    if (call.field('arguments')?.named.some((c) => c.kind !== 'comment')) continue; // dispose(close=False) after a fork
    // Where dispose() belongs: shutdown, close(), __exit__, __del__, atexit, tests, and a function that
    // only releases things (a cleanup helper), unless it is a per-request teardown.
    if (!isTeardownHook(model, fn) && (isShutdownFunction(model, fn) || SHUTDOWN_NAMES.test(functionName(fn)) || onlyReleases(fn) || isCliCommand(model, fn))) continue;
    const engine = receiver.text;
    const fname = functionName(fn);
    const root = rootOf(receiver);
    const report = (reasonId: PyPoolReasonId, values: Record<string, string> = {}): DisposeVerdict => ({
      kind: 'report', node: stmt, reasonId, values: { engine, fn: fname, ...values }, library: value.library, resource: engine,
    });
    if (value.origin === 'param') {
      out.push(report('dispose-engine-param'));
      continue;
    }
    // An engine this very function made: its dispose() is its own cleanup (the per-call engine is reported apart).
    if (value.origin === 'local' || (root.kind === 'identifier' && model.localAssignments(fn, root.text).length && root.text !== 'self')) {
      const made = root.kind === 'identifier' ? model.localAssignments(fn, root.text) : [];
      if (made.some((a) => /create(_async)?_engine\s*\(/.test(a.text) || madeByFactory(model, a, fn!))) continue;
      out.push(report('dispose-engine-reassigned'));
      continue;
    }
    // A function that makes an engine itself (a configuration step that binds a new one): the engine disposed
    // may be that one, or the one it replaces.
    const made = fn.findAll(['call']).find((c) => {
      const parts = callParts(c);
      const q = parts ? model.imports.qualify(parts.callee) : null;
      return (!!q && ENGINE_MAKERS.test(q)) || madeByFactory(model, c, fn!);
    });
    if (made) {
      out.push(report('dispose-engine-made-here', { call: `${callParts(made)!.callee.text}()`, line: String(made.line + 1) }));
      continue;
    }
    // Runs on every call: in the function's own block (or a with/try body, or a finally, at its top).
    let onEveryCall = true;
    for (let p = stmt.parent; p && p !== fn; p = p.parent) {
      if (p.kind === 'except_clause' || p.kind === 'except_group_clause') {
        onEveryCall = false;
        break;
      }
      if (['if_statement', 'elif_clause', 'else_clause', 'for_statement', 'while_statement', 'match_statement'].includes(p.kind)) {
        out.push(report('dispose-conditional', { line: String(p.line + 1) }));
        onEveryCall = false;
        break;
      }
    }
    if (!onEveryCall) continue;
    out.push({ kind: 'remove', stmt, engine, fn, shutdown: shutdownDisposal(model, engine, fn), moveTo: moveTarget(model, fn, root), library: value.library });
  }
  return out;
}

/** An engine a project function makes and hands out (analysis/factories), called here: `create_db_engine(url)`. */
function madeByFactory(model: FileModel, node: PyNode, fn: PyNode): boolean {
  const call = node.kind === 'call' ? node : (assignmentOf(node)?.right ?? null);
  if (!call) return false;
  const inner = unwrapAwait(call).expr;
  if (inner.kind !== 'call') return false;
  const v = model.classify(inner, fn);
  return !!v && (v.kind === 'engine' || v.kind === 'async-engine') && v.origin === 'expression' && !!v.via;
}

/** Calls that let a resource go (a rollback, allowed beside them, lets nothing go). */
const RELEASING = /^(close|dispose|remove|close_all)$/;

/**
 * Every statement of the function (through try/except and ifs) closes, disposes or removes something, or
 * forgets what it released (`self._engine = None`, so that the next use makes a new one).
 */
function onlyReleases(fn: PyNode): boolean {
  const released = new Set(fn.findAll(['call']).map((c) => c.field('function')).filter((f) => f?.kind === 'attribute' && RELEASING.test(f.field('attribute')?.text ?? '')).map((f) => f!.field('object')!.text));
  const ok = (block: PyNode): boolean =>
    statements(block).every((s) => {
      const forgets = assignmentOf(s);
      if (forgets) return forgets.right?.kind === 'none' && released.has(forgets.left.text);
      if (s.kind === 'expression_statement') {
        const m = methodCallStatement(s);
        return (!!m && (RELEASING.test(m.method) || m.method === 'rollback')) || s.named[0]?.kind === 'string' || /^print\(|^(log|logger|logging)\./.test(s.text);
      }
      if (s.kind === 'pass_statement') return true;
      if (s.kind === 'try_statement' || s.kind === 'if_statement')
        return s.named.every((c) => (c.kind === 'block' ? ok(c) : c.named.filter((b) => b.kind === 'block').every(ok)) || !['block', 'except_clause', 'else_clause', 'finally_clause', 'elif_clause'].includes(c.kind));
      return false;
    });
  return ok(fn.field('body')!);
}

/** Another dispose() of the same engine where one belongs (a shutdown function, atexit, module level). */
function shutdownDisposal(model: FileModel, engine: string, fn: PyNode): string | null {
  const base = engine.replace(/\.get_bind\(\)$/, '');
  for (const call of model.tree.root.findAll(['call'])) {
    const m = call.field('function');
    if (m?.kind !== 'attribute' || m.field('attribute')?.text !== 'dispose') continue;
    const recv = m.field('object')!.text;
    if (recv !== engine && recv !== base) continue;
    let where: PyNode | null = null;
    for (let p = call.parent; p; p = p.parent) if (p.kind === 'function_definition') {
      where = p;
      break;
    }
    if (where === fn) continue;
    if (!where) return 'at module level';
    if (!isTeardownHook(model, where) && (isShutdownFunction(model, where) || SHUTDOWN_NAMES.test(functionName(where)))) return `${functionName(where)}()`;
  }
  return null;
}

/**
 * For an engine an object makes for itself (`self.engine = create_engine(...)` in its class), the close()
 * of that class: the per-call dispose() moves there, so the object's pool still goes when the object is done.
 */
function moveTarget(model: FileModel, fn: PyNode, root: PyNode): { close: PyNode; text: string; owner: string } | null {
  if (root.kind !== 'identifier' || root.text !== 'self') return null;
  const cls = enclosingClass(fn);
  if (!cls) return null;
  const methods = new Map<string, PyNode>();
  for (const s of statements(cls.field('body')!)) {
    const d = s.kind === 'decorated_definition' ? s.field('definition') : s;
    if (d?.kind === 'function_definition') methods.set(functionName(d), d);
  }
  const close = methods.get('close');
  if (!close || decoratorsOf(close).length) return null;
  // The engine field the class creates itself (one, so there is no doubt which pool the dispose() meant).
  const engines: string[] = [];
  for (const m of methods.values()) {
    model.walkStatements(m.field('body')!, (stmt) => {
      const e = expressionOf(stmt);
      if (e?.kind !== 'assignment') return;
      const left = e.field('left');
      const right = e.field('right');
      if (left?.kind === 'attribute' && left.field('object')?.text === 'self' && right && unwrapAwait(right).expr.kind === 'call' && /create_engine\s*\(/.test(right.text)) engines.push(left.field('attribute')!.text);
    });
  }
  if (new Set(engines).size !== 1) return null;
  const field = engines[0];
  if (new RegExp(`\\bself\\.${field}\\.dispose\\(`).test(close.text)) return null;
  const last = statements(close.field('body')!).pop();
  if (!last || last.kind === 'return_statement' || last.kind === 'raise_statement') return null;
  return { close, text: `self.${field}.dispose()`, owner: cls.field('name')?.text ?? 'the class' };
}

/**
 * The name's value leaves the function: returned (inside any expression), stored in a field, a container or a
 * global — or built into another local value that does (`Session = sessionmaker(engine)`, then
 * `bot.Session = scoped_session(Session)`; not a session that local makes, `self.session = Session()`).
 */
function handedOn(fn: PyNode, name: string, registry: boolean, reads: (call: PyNode) => boolean, seen = new Set<string>()): boolean {
  seen.add(name);
  for (const u of nameUses(fn.field('body')!, name)) {
    // Read from and kept by nothing (`return pd.read_sql(q, engine)`): what comes back is the frame, not it.
    const taker = callTaking(u.node);
    if (taker && reads(taker)) continue;
    let p = u.node.parent;
    // `registry()` hands out a session, not the registry: that is the leak being reported.
    if (registry && p?.kind === 'call' && p.field('function') === u.node) continue;
    while (p && !['return_statement', 'assignment', 'expression_statement', 'block'].includes(p.kind)) p = p.parent;
    if (p?.kind === 'return_statement') return true;
    const left = p?.kind === 'assignment' && p.field('right')?.contains(u.node) ? p.field('left') : null;
    if (left && left.kind !== 'identifier') return true;
    // Into a global (`__factory = sessionmaker(bind=engine)` under `global __factory`), or a local that leaves.
    // (What is built from it is followed as a factory: a session it makes, `self.session = Session()`, is not it.)
    if (left?.kind === 'identifier' && left.text !== name && (declaresGlobal(fn, left.text) || (!seen.has(left.text) && handedOn(fn, left.text, true, reads, seen)))) return true;
    if (u.node.parent?.kind === 'argument_list' && /\.(append|add|setdefault|update|register)\($/.test(u.node.parent.parent?.field('function')?.text + '(')) return true;
  }
  return false;
}

/** `create_engine(...)` and `scoped_session(...)` made inside a function on every call. */
export function findPerCall(model: FileModel, file: string): { node: PyNode; reasonId: PyPoolReasonId; values: Record<string, string>; library: string; resource: string }[] {
  const out: { node: PyNode; reasonId: PyPoolReasonId; values: Record<string, string>; library: string; resource: string }[] = [];
  if (isTestOrScript(file)) return out;
  for (const call of model.tree.root.findAll(['call'])) {
    const parts = callParts(call);
    const q = parts ? model.imports.qualify(parts.callee) : null;
    const kind = q && /(^|\.)create(_async)?_engine$|\.engine_from_config$/.test(q) ? 'engine' : q && /\.scoped_session$/.test(q) ? 'registry' : null;
    if (!kind) continue;
    let fn: PyNode | null = null;
    for (let p = call.parent; p; p = p.parent) if (p.kind === 'function_definition') {
      fn = p;
      break;
    }
    if (!fn || isShutdownFunction(model, fn) || isCliCommand(model, fn) || isLifespan(model, fn) || /^(main|run|cli|setup\w*|init\w*|configure\w*|(load|update|reload|apply)_(config|environment|settings)\w*|create_app|make_app|get_app|connect|__call__|migrate\w*|upgrade|downgrade|seed\w*|bootstrap|create_(tables|db|all)|drop_(tables|db|all)|reset_db)$/.test(functionName(fn))) continue;
    // Cached, or handed out for the caller to keep (a factory), or stored where it lives on (a global).
    if (decoratorsOf(fn).some((d) => /(lru_cache|cache|cached|fixture|memoize)/.test(d.text))) continue;
    const stmt = call.parent?.kind === 'assignment' ? call.parent : null;
    const target = stmt?.field('left');
    const name = target?.kind === 'identifier' ? target.text : null;
    const global = name && declaresGlobal(fn, name);
    if (global || (target && target.kind === 'attribute' && target.field('object')?.text !== 'self')) continue;
    // Stored on the object by a method other than the constructor (a `reload()` run once): not per call.
    if (target?.kind === 'attribute' && functionName(fn) !== '__init__') continue;
    const returned = (n: string | null) => n && new RegExp(`\\breturn\\s+${n}\\b`).test(fn!.text);
    // Handed to the caller (a factory: `return create_engine(...)`, `return AsyncEngine(engine)`) or kept
    // somewhere that outlives the call (`self.bind = engine`, `_engines[url] = engine`).
    const reads = (c: PyNode) => readsWhole(model, c);
    const taker = callTaking(call);
    let up: PyNode | null = taker && reads(taker) ? null : call.parent;
    while (up && (up.kind === 'parenthesized_expression' || up.kind === 'argument_list' || up.kind === 'call')) up = up.parent;
    if (up?.kind === 'return_statement' && (kind === 'engine' || call.parent?.kind !== 'call')) continue;
    if (name && handedOn(fn, name, kind === 'registry', reads)) continue;
    const fname = functionName(fn);
    const owner = enclosingClass(fn)?.field('name')?.text;
    const where = fname === '__init__' && owner ? owner : fname;
    const library = q!.startsWith('sqlmodel') ? 'sqlmodel' : 'sqlalchemy';
    if (kind === 'engine') {
      const cls = enclosingClass(fn);
      const field = target?.kind === 'attribute' ? target.field('attribute')!.text : null;
      const disposed = name ? new RegExp(`\\b${name}\\.dispose\\(`).test(fn.text) : field && cls ? new RegExp(`self\\.(${field}|\\w+\\.get_bind\\(\\))\\.dispose\\(`).test(cls.text) : false;
      // (A dispose() of something else there may reach this engine: `model.Session.bind.dispose()`.)
      const nothing = !disposed && !/\.dispose\(/.test(fn.text);
      out.push({ node: call, reasonId: 'engine-per-call', values: { call: `${parts!.callee.text}()`, fn: where, dispose: disposed ? (name ? ' and disposes it at the end' : '') : nothing ? ', and nothing disposes it' : '' }, library, resource: name ?? target?.text ?? 'engine' });
    } else {
      // Removed in a finally: each call's registry lets its session go on every path (wasteful, not a leak).
      const removals = name ? fn.findAll(['call']).filter((c) => c.field('function')?.text === `${name}.remove`) : [];
      if (removals.some((c) => inFinally(c, fn!))) continue;
      const removal = removals.length ? `is removed only on the paths that reach ${name}.remove() (line ${removals[0].line + 1})` : 'is never removed';
      const calledNow = call.parent?.kind === 'call';
      const detail = calledNow ? ' and takes one session from it' : name && new RegExp(`\\breturn\\s+${name}\\s*\\(`).test(fn.text) ? ' and returns a session from it' : returned(name) || /\breturn\s+scoped_session\(/.test(fn.text) ? ' and returns it' : '';
      out.push({ node: call, reasonId: 'scoped-session-per-call', values: { fn: where, detail, removal }, library, resource: name ?? target?.text ?? 'scoped_session' });
    }
  }
  // Sessions taken from a registry a project factory makes per call, kept by a constructor or per call.
  for (const a of model.tree.root.findAll(['assignment'])) {
    const right = a.field('right');
    const target = a.field('left');
    if (right?.kind !== 'call' || !target) continue;
    let fn: PyNode | null = null;
    for (let p = a.parent; p; p = p.parent) if (p.kind === 'function_definition') {
      fn = p;
      break;
    }
    if (!fn || (target.kind === 'attribute' && functionName(fn) !== '__init__')) continue;
    const v = model.classify(right, fn);
    if (!v?.freshRegistry || !v.via) continue;
    const owner = enclosingClass(fn)?.field('name')?.text;
    const where = functionName(fn) === '__init__' && owner ? owner : functionName(fn);
    out.push({ node: right, reasonId: 'scoped-session-per-call', values: { fn: where, detail: ` (through ${v.via}(), which makes the registry)`, removal: 'is never removed' }, library: 'sqlalchemy', resource: target.text });
  }
  void methodCallStatement;
  return out;
}

/** Is `n` inside a `finally:` of `fn` (not of a function nested in it)? */
function inFinally(n: PyNode, fn: PyNode): boolean {
  for (let p = n.parent; p && p !== fn; p = p.parent) {
    if (p.kind === 'finally_clause') return true;
    if (p.kind === 'function_definition' || p.kind === 'lambda') return false;
  }
  return false;
}
