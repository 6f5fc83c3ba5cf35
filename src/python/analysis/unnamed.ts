// Resources nothing names. `engine.connect().execute(q)`: made and used in one expression (reported).
// `pd.read_sql(query, engine.connect())`: made as an argument of another call and kept in no name, so the
// code never closes it (pandas documents that closing a connection it is given is the caller's job);
// it stays checked out until the garbage collector finds it. Where the call reads a whole result and the
// connection is SQLAlchemy's, the statement moves into `with engine.connect() as conn:` and the argument
// becomes `conn`: the connection closes once the statement is done, on every path. Everywhere else, reported.
import type { PyNode } from '../parse/tree';
import type { PySource } from '../parse/text';
import { blockPosition, inWithItem, sharesLine, statementOf } from '../parse/syntax';
import { scopeOf, type Scope } from './scope';
import type { LifecycleVerdict, ResourceDescriptor, ResourceFilter } from './lifecycles';
import type { FileModel, Value } from './values';
import type { PyLifecycleReasonId } from '../report/reasons';

export interface InlinePlan {
  shape: 'inline';
  /** The name the statement now uses for it. */
  name: string;
  resource: ResourceDescriptor;
  scope: Scope;
  /** The acquire, as written in the argument list. */
  acquire: PyNode;
  /** The statement the `with` block takes. */
  stmt: PyNode;
  /** The call it is handed to, as the finding names it (`read_sql`). */
  callee: string;
  step: string;
}

/** Calls that take charge of the resource handed to them: an exit stack's, `closing()`'s. */
const TAKES_CHARGE = new Set(['enter_context', 'enter_async_context', 'closing', 'aclosing']);

/**
 * pandas readers that build the whole frame before they return and never close the connection they are given
 * (pandas.read_sql: "The user is responsible for engine disposal and connection closure"). The arguments they
 * may get here: none that makes them return an iterator over a still open result (`chunksize`).
 */
const WHOLE_READERS = /^pandas\.(read_sql|read_sql_query|read_sql_table)$/;
const READER_KEYWORDS = new Set(['sql', 'con', 'table_name', 'schema', 'index_col', 'coerce_float', 'params', 'parse_dates', 'columns', 'dtype', 'dtype_backend']);

/** Between the acquire and its statement: nothing that may run it later, or not at all. */
const DEFERS = new Set(['lambda', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression', 'boolean_operator', 'conditional_expression', 'await', 'yield']);

const NAMES = ['conn', 'connection', 'db_conn'];

/** What nothing names: a resource used at once (`engine.connect().execute(q)`), then one made as an argument. */
export function unnamedLifecycles(model: FileModel, src: PySource, accept: ResourceFilter): LifecycleVerdict[] {
  const calls = model.tree.root.findAll(['call']);
  return [...usedAtOnce(model, accept, calls), ...passedUnnamed(model, src, accept, calls)];
}

const WORK = new Set(['query', 'execute', 'scalar', 'scalars', 'get', 'exec_driver_sql', 'add', 'add_all', 'merge', 'delete', 'commit', 'flush', 'refresh', 'cursor']);

/**
 * A resource of the catalogue that `made` makes, with its statement and scope. Not an async one, nor a scoped
 * registry's session: that is the thread's shared one, removed by its teardown, not made here.
 */
function madeResource(model: FileModel, accept: ResourceFilter, made: PyNode): { stmt: PyNode; scope: Scope; value: Value; resource: ResourceDescriptor } | null {
  const stmt = statementOf(made);
  const scope = stmt ? scopeOf(stmt) : null;
  if (!stmt || !scope) return null;
  const value = model.classify(made, scope.fn);
  const resource = value && accept(value);
  if (!resource || resource.withForm === 'async-native' || value.kind === 'scoped-session') return null;
  return { stmt, scope, value, resource };
}

const unnamedReport = (reasonId: PyLifecycleReasonId, node: PyNode, resource: ResourceDescriptor, values: Record<string, string> = {}): LifecycleVerdict => ({
  kind: 'report',
  reasonId,
  values,
  node,
  name: node.text.length > 40 ? 'it' : node.text,
  resource,
});

/**
 * `Session(engine).query(User).first()`, `engine.connect().execute(q)`: a resource made and used in one
 * expression, never kept in a name, so nothing closes it (its connection waits for the garbage collector).
 */
function usedAtOnce(model: FileModel, accept: ResourceFilter, calls: PyNode[]): LifecycleVerdict[] {
  const out: LifecycleVerdict[] = [];
  for (const call of calls) {
    const fn = call.field('function');
    const made = fn?.kind === 'attribute' ? fn.field('object') : null;
    // Only work that returns something else than the resource (`execution_options()` returns it, to be closed).
    if (made?.kind !== 'call' || !WORK.has(fn!.field('attribute')?.text ?? '') || inWithItem(call)) continue;
    const found = madeResource(model, accept, made);
    if (found) out.push(unnamedReport('never-closed', made, found.resource));
  }
  return out;
}

function passedUnnamed(model: FileModel, src: PySource, accept: ResourceFilter, calls: PyNode[]): LifecycleVerdict[] {
  const out: LifecycleVerdict[] = [];
  for (const call of calls) {
    const outer = callTaking(call);
    if (!outer || inWithItem(call)) continue;
    const fn = outer.field('function');
    const callee = fn?.kind === 'attribute' ? fn.field('attribute')?.text : fn?.kind === 'identifier' ? fn.text : null;
    if (!callee || TAKES_CHARGE.has(callee)) continue;
    const found = madeResource(model, accept, call);
    // A module-level value nothing closes lives for the process, as with a name (lifecycles.ts).
    if (!found || found.scope.top.kind === 'module') continue;
    const { stmt, scope, value, resource } = found;
    const plan = value.kind === 'connection' && resource.withForm === 'native' ? fixable(model, src, call, outer, stmt, scope) : null;
    if (plan) out.push({ kind: 'fix', plan: { shape: 'inline', resource, scope, acquire: call, stmt, callee, ...plan } });
    else out.push(unnamedReport('not-stored', call, resource, { callee }));
  }
  return out;
}

/** The call that takes `n` as an argument (positional or by keyword), if any. */
export function callTaking(n: PyNode): PyNode | null {
  const keyword = n.parent?.kind === 'keyword_argument' && n.parent.field('value') === n ? n.parent : null;
  const list = keyword ? keyword.parent : n.parent;
  const call = list?.kind === 'argument_list' ? list.parent : null;
  return call?.kind === 'call' ? call : null;
}

/** A pandas reader that builds the whole frame and keeps nothing of the connection (or engine) it is given. */
export function readsWhole(model: FileModel, call: PyNode): boolean {
  if (!WHOLE_READERS.test(model.imports.qualify(call.field('function')) ?? '')) return false;
  const args = call.field('arguments')?.named.filter((a) => a.kind !== 'comment') ?? [];
  const positional = args.filter((a) => a.kind !== 'keyword_argument');
  if (positional.length > 2 || positional.some((a) => a.kind === 'list_splat' || a.kind === 'dictionary_splat')) return false;
  return !args.some((a) => a.kind === 'keyword_argument' && !READER_KEYWORDS.has(a.field('name')?.text ?? ''));
}

/** The name and indent step of the fix, when the statement can move into a `with` block unchanged. */
function fixable(model: FileModel, src: PySource, acquire: PyNode, reader: PyNode, stmt: PyNode, scope: Scope): { name: string; step: string } | null {
  if (!scope.fn || !readsWhole(model, reader)) return null;
  for (let p = acquire.parent; p && p !== stmt; p = p.parent) if (DEFERS.has(p.kind)) return null;
  // The statement: an assignment to a plain name, a bare call, or a return, alone on its lines.
  const expr = stmt.kind === 'return_statement' ? stmt.named.find((c) => c.kind !== 'comment') : stmt.kind === 'expression_statement' ? stmt.named[0] : null;
  if (!expr) return null;
  if ((expr.kind === 'assignment' || expr.kind === 'augmented_assignment') && expr.field('left')?.kind !== 'identifier') return null;
  const pos = blockPosition(stmt);
  if (!pos || src.lineOf(acquire.start) !== src.lineOf(acquire.end) || sharesLine(src, pos.list, pos.index)) return null;
  // What runs before the acquire in the statement now runs after it: only what cannot fail or act.
  if (!pureBefore(model, expr, acquire)) return null;
  const step = src.stepOf(pos.block.parent!, pos.block);
  if (!step) return null;
  // A name the function never mentions (a new local must not hide a global it reads, or be read elsewhere).
  const taken = new Set(scope.fn.findAll(['identifier']).map((n) => n.text));
  const name = [...NAMES, ...NAMES.map((n, i) => `${n}${i + 2}`)].find((n) => !taken.has(n));
  return name ? { name, step } : null;
}

/** Every part of `expr` evaluated before `acquire` is a name, a literal, an attribute or sqlalchemy's text() of those. */
function pureBefore(model: FileModel, expr: PyNode, acquire: PyNode): boolean {
  let ok = true;
  expr.walk((n) => {
    if (!ok || n.start >= acquire.start) return false;
    if (n.end > acquire.start) return true;
    if (!pure(model, n)) ok = false;
    return false;
  });
  return ok;
}

const LITERALS = new Set(['identifier', 'integer', 'float', 'true', 'false', 'none', 'comment', 'string_start', 'string_content', 'string_end', 'escape_sequence']);

function pure(model: FileModel, n: PyNode): boolean {
  // (Punctuation and keywords: the named node around them says what runs.)
  if (!n.isNamed || LITERALS.has(n.kind)) return true;
  switch (n.kind) {
    case 'attribute':
      return pure(model, n.field('object')!);
    case 'string':
    case 'concatenated_string':
    case 'parenthesized_expression':
      return n.named.every((c) => pure(model, c));
    case 'interpolation':
      return n.named.every((c) => c.kind === 'identifier' || c.kind === 'attribute' ? pure(model, c) : false);
    case 'keyword_argument':
      return pure(model, n.field('value')!);
    case 'binary_operator':
      return ['+', '%'].includes(n.field('operator')?.text ?? '') && pure(model, n.field('left')!) && pure(model, n.field('right')!);
    case 'call': {
      const args = n.field('arguments')?.named ?? [];
      return /^sqlalchemy(\.sql(\.expression)?)?\.text$/.test(model.imports.qualify(n.field('function')) ?? '') && args.every((a) => pure(model, a));
    }
    default:
      return false;
  }
}
