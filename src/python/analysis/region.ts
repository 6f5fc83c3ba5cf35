// The checks that decide whether the work between an acquire and the end of its block may run inside one
// `with` block (or try/finally): how the resource is used there, what leaves the work early and what it
// carries out, and whether the name is used again after the block.
import type { PyNode } from '../parse/tree';
import type { PySource } from '../parse/text';
import { assignmentOf, blockPosition, methodCallStatement, nameUses, SCOPE_KINDS, unwrapAwait } from '../parse/syntax';
import type { PyLifecycleReasonId } from '../report/reasons';
import { COLLECTIONS, exitsOf, readNames, roleOf, taintedNames, usesIn } from './flow';
import type { ResourceDescriptor } from './lifecycles';

export interface Refusal {
  reasonId: PyLifecycleReasonId;
  values: Record<string, string>;
}

const refuse = (reasonId: PyLifecycleReasonId, values: Record<string, string> = {}): Refusal => ({ reasonId, values });

/** How the resource's name is used inside the work: anything that hands it to longer-lived code refuses. */
export function checkUses(src: PySource, region: PyNode[], name: string, resource: ResourceDescriptor): Refusal | null {
  const line = (n: PyNode) => String(src.lineOf(n.start) + 1);
  for (const u of usesIn(region, name)) {
    if (u.nested) return refuse('used-in-closure', { name, line: line(u.node) });
    const r = roleOf(u.node);
    if (r.role === 'rebound') return refuse('reassigned', { name, line: line(u.node) });
    if (r.role === 'returned') return refuse('returned');
    if (r.role === 'stored') return refuse('stored', { where: r.where });
    if (r.role === 'aliased') return refuse('aliased', { where: r.target.text });
    if (r.role === 'with-item' && resource.withForm !== 'closing') return refuse('closed-early', { line: line(u.node) });
  }
  return null;
}

/** Uses of the name after `terminal` in its block (up to a statement that binds it anew), then after the block. */
export function usesAfter(list: PyNode[], j: number, name: string, block: PyNode, top: PyNode): PyNode[] {
  const later = list.slice(j + 1);
  const rebind = later.findIndex((s) => {
    const a = assignmentOf(s);
    return a?.left.kind === 'identifier' && a.left.text === name;
  });
  const seen = (rebind >= 0 ? later.slice(0, rebind + 1) : later).flatMap((s, k, arr) => {
    if (rebind >= 0 && k === arr.length - 1) return nameUses(assignmentOf(s)!.right ?? s, name);
    return nameUses(s, name);
  });
  if (seen.length || rebind >= 0) return seen.map((u) => u.node);
  return nameUses(top, name)
    .filter((u) => u.node.start >= block.end)
    .map((u) => u.node);
}

function consequenceOf(resource: ResourceDescriptor): string {
  // What it is, the analysis does not know (what a function of the project returns, say): said as a condition.
  return resource.attachedResults ? ': if it holds ORM objects, they would be detached and their lazy loads fail' : ': if it still reads from the connection (a result not yet fetched), it would read from a closed one';
}

function isLiteral(n: PyNode): boolean {
  return ['integer', 'float', 'string', 'true', 'false', 'none', 'concatenated_string'].includes(n.kind);
}

/** `rows.fetchall()`, or a name every assignment of which in the work is such a call. */
function isMaterialised(value: PyNode, resource: ResourceDescriptor, region: PyNode[], tainted: Set<string>, depth = 0, reads: (call: PyNode) => boolean = () => false): boolean {
  if (resource.attachedResults || depth > 4) return false;
  const direct = (e: PyNode): boolean => {
    const { expr } = unwrapAwait(e);
    // `cur.fetchone()[0]`, `row.id`: parts of plain data are plain data; `cur.rowcount` is plain itself.
    if (expr.kind === 'subscript') return direct(expr.field('value')!);
    if (expr.kind === 'attribute') return resource.materialisers.includes(expr.field('attribute')?.text ?? '') || direct(expr.field('object')!);
    // `result[0][0]` after `result = cur.fetchall()`: a name every assignment of which is plain.
    if (expr.kind === 'identifier') return expr !== value && isMaterialised(expr, resource, region, tainted, depth + 1, reads);
    if (expr.kind !== 'call') return false;
    // A reader that builds the whole result before it returns (pandas.read_sql without chunksize).
    if (reads(expr)) return true;
    const f = expr.field('function');
    if (f?.kind === 'attribute' && resource.materialisers.includes(f.field('attribute')?.text ?? '')) return true;
    // `Row._make(cur.fetchone())`, `dict(rows)`, `DataFrame.from_records(rows, columns=[d[0] for d in
    // cur.description])`: built from plain data only (by keyword too), so it cannot hold the connection.
    const args = expr.field('arguments')?.named.filter((c) => c.kind !== 'comment') ?? [];
    const root = f ? rootName(f) : null;
    return !!root && !tainted.has(root) && args.length > 0 && args.every((a) => plainPart(a.kind === 'keyword_argument' ? a.field('value') : a));
  };
  // A part something is built from: plain itself, or reading nothing the resource made. (`direct` already
  // asks a name's bindings.)
  const plainPart = (e: PyNode | null): boolean =>
    !!e && (isLiteral(e) || direct(e) || ![...readNames(e)].some((n) => tainted.has(n)) || (e.kind !== 'identifier' && isMaterialised(e, resource, region, tainted, depth + 1, reads)));
  if (direct(value)) return true;
  // `{'rows': cur.fetchall(), 'count': cur.rowcount}`, `(rows, names)`: a literal of plain parts is plain data.
  if (value.kind === 'dictionary' || value.kind === 'list' || value.kind === 'tuple' || value.kind === 'parenthesized_expression') {
    return value.named.every((c) => c.kind === 'comment' || (c.kind === 'pair' ? plainPart(c.field('key')) && plainPart(c.field('value')) : plainPart(c)));
  }
  // `{row.id: row for row in rows}` over plain rows is plain data.
  if (/^(list|dictionary|set)_comprehension$/.test(value.kind)) {
    const clauses = value.named.filter((c) => c.kind === 'for_in_clause');
    if (!clauses.length) return false;
    // `[dict(row) for row in cursor]`: a list (not a generator) is filled when it is made, from its own loop
    // variables only: the rows are read then, whatever they came from.
    const targets = new Set(clauses.flatMap((c) => (c.field('left') ? [...readNames(c.field('left')!)] : [])));
    const body = value.named.find((c) => c.kind !== 'for_in_clause' && c.kind !== 'if_clause' && c.kind !== 'comment');
    if (body && [...readNames(body)].every((n) => targets.has(n) || !tainted.has(n))) return true;
    return clauses.every((c) => {
      const right = c.field('right');
      return !!right && direct(right);
    });
  }
  if (value.kind !== 'identifier') return false;
  const assigns: PyNode[] = [];
  for (const s of region)
    s.walk((n) => {
      if (SCOPE_KINDS.has(n.kind)) return false;
      if (n.kind === 'assignment' && n.field('left')?.kind === 'identifier' && n.field('left')!.text === value.text) assigns.push(n);
    });
  return assigns.length > 0 && assigns.every((a) => a.field('right') && direct(a.field('right')!));
}

const LOADS = /^(all|first|one|one_or_none|get|scalar|scalar_one|scalar_one_or_none|scalars|unique|fetchall)$/;
// A legacy Query's methods that give back another Query, and those that give a number of rows.
const QUERY_STEPS = /^(filter|filter_by|where|order_by|group_by|having|join|outerjoin|select_from|limit|offset|options|distinct|with_entities|params|execution_options|enable_eagerloads|populate_existing|yield_per|correlate)$/;
const ROW_COUNTS = /^(count|delete|update)$/;

/** The assignments of `name` in the work, when it is a plain name every binding of which is one (null: some other binding, a loop). */
function sourcesOf(value: PyNode, region: PyNode[]): PyNode[] | null {
  if (value.kind !== 'identifier') return [value];
  const sources: PyNode[] = [];
  let other = false;
  for (const s of region)
    s.walk((n) => {
      if (SCOPE_KINDS.has(n.kind)) return false;
      if (n.kind === 'assignment' && n.field('left')?.text === value.text && n.field('right')) sources.push(n.field('right')!);
      if (n.kind === 'for_statement' && n.field('left')?.text === value.text) other = true;
    });
  return other || !sources.length ? null : sources;
}

/**
 * `session.query(M).filter(…).count()`, `.delete()`, `.update(…)`: a number of rows, nothing the session
 * holds, so closing the session first changes nothing of it. Only on a chain of the legacy Query that starts
 * at the session (a model's own `count()` could hand back anything).
 */
function countsOnly(value: PyNode, region: PyNode[], name: string, resource: ResourceDescriptor, depth = 0): boolean {
  if (!resource.attachedResults || !/session/.test(resource.kind) || depth > 4) return false;
  const isQuery = (e: PyNode | null, d: number): boolean => {
    if (!e || d > 8) return false;
    if (e.kind === 'identifier') return e.text !== name && (sourcesOf(e, region)?.every((src) => isQuery(src, d + 1)) ?? false);
    if (e.kind !== 'call') return false;
    const f = e.field('function');
    if (f?.kind !== 'attribute') return false;
    const method = f.field('attribute')?.text ?? '';
    if (method === 'query') return f.field('object')?.kind === 'identifier' && f.field('object')!.text === name;
    return QUERY_STEPS.test(method) && isQuery(f.field('object'), d + 1);
  };
  return (
    sourcesOf(value, region)?.every((src) => {
      const { expr } = unwrapAwait(src);
      if (expr.kind === 'identifier') return countsOnly(expr, region, name, resource, depth + 1);
      const f = expr.kind === 'call' ? expr.field('function') : null;
      return f?.kind === 'attribute' && ROW_COUNTS.test(f.field('attribute')?.text ?? '') && isQuery(f.field('object'), 0);
    }) ?? false
  );
}
const EXPIRES = /\.(commit|rollback|expire|expire_all|expunge|expunge_all|close)\(/;

/**
 * ORM objects are safe to hand out from a closed session when nothing of them loads later: every entity
 * queried is a model with plain columns only (no relationship, deferred or lazy attribute), and nothing in
 * the work expired them (commit and rollback expire every instance by default).
 */
function detachSafe(value: PyNode, region: PyNode[], name: string, resource: ResourceDescriptor, flatModel: (n: string) => boolean): boolean {
  if (!resource.attachedResults || !/session/.test(resource.kind)) return false;
  if (region.some((s) => new RegExp(`\\b${name}${EXPIRES.source}`).test(s.text))) return false;
  const sources = sourcesOf(value, region);
  if (!sources) return false;
  return sources.every((src) => {
    // A chain that starts at the session: session.query(M).filter(...).all(), session.get(M, id).
    let n: PyNode | null = unwrapAwait(src).expr;
    const entities: PyNode[] = [];
    let loads = false;
    while (n && n.kind === 'call') {
      const f: PyNode | null = n.field('function');
      if (f?.kind !== 'attribute') return false;
      const method = f.field('attribute')?.text ?? '';
      if (LOADS.test(method)) loads = true;
      const args = n.field('arguments')?.named.filter((c) => c.kind !== 'comment') ?? [];
      if (method === 'query') entities.push(...args);
      if (method === 'get' && f.field('object')?.text === name) entities.push(args[0]);
      if (method === 'scalars' || method === 'execute') for (const a of args) if (a.kind === 'call' && a.field('function')?.text === 'select') entities.push(...(a.field('arguments')?.named ?? []));
      n = f.field('object');
    }
    if (n?.text !== name || !loads || !entities.length) return false;
    return entities.every((e) => e && ((e.kind === 'identifier' && flatModel(e.text)) || (e.kind === 'attribute' && e.field('object')?.kind === 'identifier' && flatModel(e.field('object')!.text))));
  });
}

/** A value computed from the resource handed to a storing call or an attribute (what outlives the block). */
function storesTainted(region: PyNode[], tainted: Set<string>, name: string, top: PyNode): string | null {
  let found: string | null = null;
  for (const s of region)
    s.walk((n) => {
      if (found) return false;
      if (n.kind !== 'identifier' || n.text === name || !tainted.has(n.text)) return;
      const r = roleOf(n);
      if (r.role !== 'stored') return;
      // `session.add(obj)`: handed back to the resource (or to something made from it), not outward; so is
      // `incident.severity = severity` on an object the session loaded, and a parameter dict of its query
      // (`conn.execute(sql, {'n': n})`).
      let holder = n.parent;
      while (holder && COLLECTIONS.has(holder.kind)) holder = holder.parent;
      // Into a new container of the scope's own that goes nowhere (`ids = [id]`): it goes when the scope ends.
      const into = holder?.kind === 'assignment' && holder !== n.parent ? holder.field('left') : null;
      if (into?.kind === 'identifier' && localOnly(top, into.text)) return;
      // Part of what a `return` hands back: the exits are checked for that (checkExits), with what runs before them.
      if (insideReturn(n)) return;
      if (holder?.kind === 'keyword_argument') holder = holder.parent;
      const call = holder?.kind === 'argument_list' ? holder.parent : null;
      const receiver = call?.field('function')?.field('object') ?? (n.parent?.kind === 'assignment' ? n.parent.field('left') : null);
      const root = receiver ? rootName(receiver) : null;
      if (root && (root === name || tainted.has(root))) return;
      // Into a container the scope made itself and never hands out: it goes when the scope ends.
      if (root && localOnly(top, root)) return;
      found = n.text;
    });
  return found;
}

function insideReturn(n: PyNode): boolean {
  for (let p = n.parent; p && !SCOPE_KINDS.has(p.kind); p = p.parent) if (p.kind === 'return_statement') return true;
  return false;
}

/** A name the scope binds to a new list/dict/set and never returns, yields, stores or passes on. */
function localOnly(top: PyNode, name: string): boolean {
  if (top.kind === 'module') return false;
  let made = false;
  for (const u of nameUses(top, name)) {
    const r = roleOf(u.node);
    if (r.role === 'rebound') {
      const right = r.node.kind === 'assignment' ? r.node.field('right') : null;
      if (!right || !(/^(list|dictionary|set|binary_operator|list_comprehension|dictionary_comprehension|set_comprehension)$/.test(right.kind) || madeContainer(right))) return false;
      made = true;
    } else if (r.role !== 'member' && r.role !== 'other') return false;
    if (u.nested) return false;
  }
  return made;
}

/** `defaultdict(list)`, `collections.OrderedDict()`, `list()`: a new container of the standard library's. */
const CONTAINERS = /^(?:collections\.)?(?:list|dict|set|defaultdict|OrderedDict|Counter|deque)$/;
function madeContainer(n: PyNode): boolean {
  return n.kind === 'call' && CONTAINERS.test(n.field('function')?.text ?? '');
}

function rootName(n: PyNode): string | null {
  let x: PyNode | null = n;
  while (x && (x.kind === 'attribute' || x.kind === 'subscript' || x.kind === 'call')) x = x.kind === 'call' ? x.field('function') : x.field(x.kind === 'attribute' ? 'object' : 'value');
  return x?.kind === 'identifier' ? x.text : null;
}

/** Names read in the scope outside the region. */
function readOutside(top: PyNode, region: PyNode[]): Set<string> {
  const out = new Set<string>();
  top.walk((n) => {
    if (region.some((r) => r.contains(n))) return false;
    if (n.kind === 'identifier') out.add(n.text);
  });
  return out;
}

/** What the file's model knows that syntax alone does not: its ORM models with plain columns, the calls that read a whole result. */
export interface Known {
  flatModel?(name: string): boolean;
  readsWhole?(call: PyNode): boolean;
}

/**
 * What leaves the work while the original kept the resource open must not carry a value computed from
 * it: inside the block the resource closes first. `toEnd` (the block runs to the end of the scope, where
 * the original may never close) also checks yields and values stored outward.
 */
export function checkExits(src: PySource, region: PyNode[], name: string, resource: ResourceDescriptor, top: PyNode, toEnd: boolean, known: Known = {}, seeds: string[] = []): Refusal | null {
  const flatModel = (n: string) => known.flatModel?.(n) ?? false;
  const reads = (call: PyNode) => known.readsWhole?.(call) ?? false;
  const exits = exitsOf(region);
  const line = (n: PyNode) => String(src.lineOf(n.start) + 1);
  const tainted = taintedNames(region, name, seeds);
  const report = (exit: string, at: PyNode, what: string) =>
    refuse('early-exit-value', { exit: exit === 'end of the work' ? exit : `\`${exit}\``, line: line(at), what: `\`${what}\``, noun: resource.noun, consequence: consequenceOf(resource) });
  for (const e of exits) {
    if (e.kind === 'raise') continue;
    if (e.kind === 'return') {
      const value = e.node.named.find((c) => c.kind !== 'comment');
      if (!value) continue;
      // `conn.close(); return …`: the original closed it before leaving; inside `with` it closes later still.
      if (closedRightBefore(e.node, name, resource)) continue;
      const readOf = [...readNames(value)].filter((n) => tainted.has(n));
      if (!readOf.length || isMaterialised(value, resource, region, tainted, 0, reads) || detachSafe(value, region, name, resource, flatModel) || countsOnly(value, region, name, resource)) continue;
      return report('return', e.node, shortened(value));
    }
    const outside = [...readOutside(top, region)].filter((n) => n !== name && tainted.has(n));
    if (outside.length) return report(e.kind, e.node, outside[0]);
    const stored = storesTainted(region, tainted, name, top);
    if (stored) return report(e.kind, e.node, stored);
  }
  if (toEnd) {
    for (const s of region)
      s.walk((n) => {
        if (SCOPE_KINDS.has(n.kind)) return false;
        if (n.kind !== 'yield') return;
        const v = n.named.find((c) => c.kind !== 'comment');
        if (v && !(v.kind === 'identifier' && v.text === name) && [...readNames(v)].some((r) => tainted.has(r)) && !isMaterialised(v, resource, region, tainted, 0, reads)) throw report('yield', n, v.text);
      });
    const stored = storesTainted(region, tainted, name, top);
    if (stored) return report('end of the work', region[region.length - 1], stored);
  }
  return null;
}

/**
 * What an exit hands out, short enough to quote: the expression, or for a long one its call with the arguments
 * left out (`schema_utils.create_schema(…)`), else its start: never a name inside it, which is not what leaves.
 */
function shortened(value: PyNode): string {
  const text = value.text.replace(/\s+/g, ' ');
  if (text.length <= 40) return text;
  const callee = value.kind === 'call' ? value.field('function')?.text.replace(/\s+/g, ' ') : undefined;
  return callee && callee.length <= 40 ? `${callee}(…)` : `${text.slice(0, 39)}…`;
}

/** `conn.close()` (or `await conn.close()`) as a statement: the resource's own release, and how it is called. */
export function isClose(stmt: PyNode, name: string, resource: ResourceDescriptor): { awaited: boolean; args: boolean } | null {
  const m = methodCallStatement(stmt);
  if (!m || m.method !== resource.release || m.receiver.kind !== 'identifier' || m.receiver.text !== name) return null;
  const args = m.call.field('arguments');
  return { awaited: m.awaited, args: !!args && args.named.some((c) => c.kind !== 'comment') };
}

/** The statement before `exit` in its block is the resource's own release: `conn.close()`. */
function closedRightBefore(exit: PyNode, name: string, resource: ResourceDescriptor): boolean {
  const at = blockPosition(exit);
  return !!at && at.index > 0 && !!isClose(at.list[at.index - 1], name, resource);
}

/** Runs `checkExits`, turning a refusal thrown from inside a walk into a value. */
export function exitRefusal(src: PySource, region: PyNode[], name: string, resource: ResourceDescriptor, top: PyNode, toEnd: boolean, known: Known = {}, seeds: string[] = []): Refusal | null {
  try {
    return checkExits(src, region, name, resource, top, toEnd, known, seeds);
  } catch (e) {
    if (e && typeof e === 'object' && 'reasonId' in e) return e as Refusal;
    throw e;
  }
}

/** A close() inside the work is redundant only right before the work is left (a return or raise next). */
export function closeBeforeExit(close: PyNode, region: PyNode[]): boolean {
  const cp = blockPosition(close);
  if (!cp) return false;
  // `conn.close(); message = "…"; return False, message`: a name set to a literal first sees nothing of it.
  let k = cp.index + 1;
  while (k < cp.list.length && setsLiteral(cp.list[k])) k++;
  const next = cp.list[k];
  return !!next && exitsOf(region).some((e) => e.node === next);
}

/** `name = "text"`, `n = 0`: a plain name given a literal (a string with no `{…}` of an f-string in it). */
function setsLiteral(stmt: PyNode): boolean {
  const a = assignmentOf(stmt);
  if (!a || a.left.kind !== 'identifier' || !a.right || a.annotation) return false;
  const right = a.right;
  return isLiteral(right) && !right.findAll(['interpolation']).length;
}
