/**
 * lifecycles (Python) — scope sessions and connections with `with`.
 *
 * What it does: `session = Session(engine) … session.close()` becomes `with Session(engine) as session:`
 * with the work inside; likewise factory sessions (`SessionLocal()`, a project function that makes one, or
 * a method of a project object a field holds: `self.storage.gen_session()` with `self.storage = Storage(…)`
 * or discord.py's `bot.get_cog('Storage')`), scoped-registry sessions, Core
 * connections (`engine.connect()`), `AsyncSession` / `await engine.connect()` (`async with`), and DBAPI
 * connections (psycopg2, psycopg, sqlite3, PyMySQL: `with closing(connect(…)) as conn:`). Work that ends in
 * `session.commit()` with no early exit becomes `with Session(engine) as session, session.begin():`
 * (`with engine.begin() as conn:` for a Core connection that commits). A generator that yields a session
 * it never closes (a FastAPI dependency) gets `with … as db: yield db`. A Core connection made right in
 * the call to a pandas reader (`pd.read_sql(q, engine.connect())`; pandas never closes what it is given)
 * gets the statement moved into `with engine.connect() as conn:`.
 *
 * Why is this bad: close() on the happy path only leaves the connection checked out when the work raises;
 * a few failures exhaust the pool ("QueuePool limit … reached") or leave sessions idle in transaction.
 *
 * Fix safety: the `with` block closes exactly where close() was, so the paths that closed behave as before;
 * the rewrite adds the close on the paths that raised or left early. DBAPI connections use
 * `contextlib.closing`, never the driver's own context manager (psycopg2/sqlite3 commit without closing,
 * psycopg 3 commits and closes, PyMySQL 0.x committed). Reported, not rewritten: a resource returned,
 * stored, aliased or captured by a nested function; a name assigned again or declared global; close()
 * only in a branch, in the middle of the work, or used again after it; an early `return`/`break`/
 * `continue` that hands out a value computed from the open resource (ORM objects would be detached, a
 * result read from a closed connection); a resource made in the call to anything else (or to a reader
 * that returns an iterator, or after work that would then run later). Left alone: code already in `with`
 * or try/finally.
 */
import type { Finding, LeakTransform, Style } from '../../core/model';
import { isResourceKind, resourceFact } from '../../catalog/python';
import { ENGINE_BEGIN, SESSION_BEGIN } from '../../catalog/python/sqlalchemy';
import { CLOSING } from '../../catalog/python/dbapi';
import { findLifecycles, type LifecyclePlan, type LifecycleVerdict, type ResourceDescriptor } from '../analysis/lifecycles';
import type { WithItemPlan } from '../analysis/withItems';
import { readsWhole, type InlinePlan } from '../analysis/unnamed';
import { emitWith, emitWithPair } from '../emit/with';
import { emitTryFinally } from '../emit/tryFinally';
import { emitWithItem } from '../emit/withItem';
import { emitInline } from '../emit/inline';
import type { PyNode } from '../parse/tree';
import { blockPosition, nameUses } from '../parse/syntax';
import type { PySource, TextEdit } from '../parse/text';
import { ensureImport } from '../emit/edits';
import { pyFinding } from '../report/findings';
import { PY_LIFECYCLE_REASONS } from '../report/reasons';
import { isLibraryKind, type Value } from '../analysis/values';
import { runPythonTransform, type Fix, type Round } from './run';

export const PY_LIFECYCLE_PREFILTER = /\b(sqlalchemy|sqlmodel|psycopg2?|sqlite3|pymysql|MySQLdb)\b/;

const NAME = 'lifecycles';

export function catalogueResource(value: Value): ResourceDescriptor | null {
  if (!isLibraryKind(value.kind) || !isResourceKind(value.kind) || value.origin !== 'expression') return null;
  const fact = resourceFact(value.kind, value.library);
  return {
    noun: fact.noun,
    library: fact.library,
    release: fact.release,
    releaseAwaited: fact.releaseAwaited,
    withForm: fact.withForm,
    closeIdempotent: fact.closeIdempotent,
    attachedResults: fact.attachedResults,
    materialisers: fact.materialisers,
    cm: fact.contextManager.says.replace(/\s*\([^)]*\.py[^)]*\)/, '').replace(/\.$/, ''),
    transaction: value.kind === 'session' || value.kind === 'scoped-session' || value.kind === 'async-session' ? 'session' : value.kind === 'connection' || value.kind === 'async-connection' ? 'connection' : null,
    needsSession14: value.kind === 'session' || value.kind === 'scoped-session',
    kind: value.kind,
    maybeNone: !!value.maybeNone,
    guessed: !!value.guessed,
    via: value.via,
  };
}

const lifecycleRound: Round = (src, model, facts, options) => {
  const fixes: Fix[] = [];
  const findings: Finding[] = [];
  const base = (node: PyNode, resource: ResourceDescriptor, name: string) => ({ transform: NAME, table: PY_LIFECYCLE_REASONS, node, library: resource.library, resource: name });
  const verdicts = findLifecycles(model, src, catalogueResource, { session14: facts.sqlalchemy14, flatModel: (n) => model.flatModel(n), readsWhole: (c) => readsWhole(model, c) });
  for (const [a, b] of pairs(verdicts)) {
    const emitted = emitWithPair(src, a, b);
    const values = { with: oneLine(emitted.header.replace(/:$/, '')), cm: a.resource.cm, noun: a.resource.noun, exits: '' };
    if (options.reportOnly) {
      for (const p of [a, b]) findings.push(pyFinding(src, { ...base(p.acquire, p.resource, p.name), outcome: 'reported', style: null, reasonId: 'would-fix', values: { what: `not closed on every path; \`${values.with}\` would close it on every path` } }));
      continue;
    }
    fixes.push({
      span: [src.lineOf(a.acquire.start), src.lineOf(b.release!.end)],
      edits: emitted.edits,
      finding: (lineBack) => [a, b].map((p) => pyFinding(src, { ...base(p.acquire, p.resource, p.name), outcome: 'fixed', style: 'with-session', reasonId: 'fixed-with', values, lineBack })),
    });
  }
  for (const v of verdicts) {
    if (v.kind === 'skip') continue;
    if (v.kind === 'report') {
      findings.push(pyFinding(src, { ...base(v.node, v.resource, v.name), outcome: 'reported', style: null, reasonId: v.reasonId, values: { noun: v.resource.noun, ...v.values } }));
      continue;
    }
    const plan = v.plan;
    const node = plan.shape === 'with-item' ? plan.item : plan.acquire;
    let closingRef: string | null = null;
    const importEdits: TextEdit[] = [];
    const needsClosing = plan.shape === 'with-item' ? !plan.hoist : plan.shape === 'assign' && plan.form === 'with' && plan.resource.withForm === 'closing';
    if (needsClosing) {
      const imp = ensureImport(src, model.imports, 'contextlib', 'closing');
      if (!imp) {
        findings.push(pyFinding(src, { ...base(node, plan.resource, plan.name), outcome: 'reported', style: null, reasonId: 'indentation', values: { detail: 'the names closing and contextlib are both taken in this file' } }));
        continue;
      }
      closingRef = imp.ref;
      importEdits.push(...imp.edits);
    }
    const { edits, reasonId, values, style } = plan.shape === 'with-item' ? withItemFix(src, plan, closingRef) : plan.shape === 'inline' ? inlineFix(src, plan) : assignFix(src, plan, closingRef, facts.sqlalchemy14);
    if (options.reportOnly) {
      findings.push(pyFinding(src, { ...base(node, plan.resource, plan.name), outcome: 'reported', style: null, reasonId: 'would-fix', values: { what: `not closed on every path; ${values.how ?? `\`${values.with}\``} would close it on every path` } }));
      continue;
    }
    const span: [number, number] =
      plan.shape === 'with-item'
        ? [src.lineOf(plan.withStmt.start), src.lineOf(plan.withStmt.end)]
        : plan.shape === 'inline'
          ? [src.lineOf(plan.stmt.start), src.lineOf(plan.stmt.end)]
          : [src.lineOf(plan.acquire.start), src.lineOf((plan.release ?? plan.region[plan.region.length - 1] ?? plan.acquire).end)];
    fixes.push({
      span,
      edits: [...edits, ...importEdits],
      finding: (lineBack) => pyFinding(src, { ...base(node, plan.resource, plan.name), outcome: 'fixed', style, reasonId, values, lineBack }),
    });
  }
  return { fixes, findings };
};

/** Code quoted in a finding's reason, on one line. */
function oneLine(code: string): string {
  return code.replace(/\s*\n\s*/g, ' ');
}

/**
 * Fixable lifecycles opened one right after the other and closed one right after the other in the same
 * block, in the same order (they cannot nest): taken out of `verdicts` and returned as pairs.
 */
function pairs(verdicts: LifecycleVerdict[]): [LifecyclePlan, LifecyclePlan][] {
  const plans = verdicts.flatMap((v) => (v.kind === 'fix' && v.plan.shape === 'assign' && v.plan.form === 'with' && v.plan.release && !v.plan.transaction && v.plan.resource.withForm !== 'closing' ? [v.plan] : []));
  const out: [LifecyclePlan, LifecyclePlan][] = [];
  for (const a of plans) {
    const b = plans.find((p) => p.block === a.block && p.index === a.index + 1 && p.list.indexOf(p.release!) === a.list.indexOf(a.release!) + 1);
    if (!b || b.resource.withForm !== a.resource.withForm || nameUses(b.acquireExpr, a.name).length || nameUses(a.acquireExpr, b.name).length) continue;
    if (out.some(([x, y]) => [x, y].includes(a) || [x, y].includes(b))) continue;
    out.push([a, b]);
  }
  for (const [a, b] of out) for (let i = verdicts.length - 1; i >= 0; i--) if (verdicts[i].kind === 'fix' && [a, b].includes((verdicts[i] as { plan: LifecyclePlan }).plan)) verdicts.splice(i, 1);
  return out;
}

interface Emitted {
  edits: TextEdit[];
  reasonId: string;
  values: Record<string, string>;
  style: Style;
}

function assignFix(src: PySource, plan: LifecyclePlan, closingRef: string | null, session14: boolean): Emitted {
  // Exits the original left with the resource open (not the ones right after a close() that goes).
  const exits = plan.exits.filter((e) => e.kind !== 'raise' && !plan.innerCloses.some((c) => c.end <= e.node.start && blockPosition(c)?.list[blockPosition(c)!.index + 1] === e.node)).length;
  const values: Record<string, string> = {
    noun: plan.resource.noun,
    name: plan.name,
    library: plan.resource.library,
    cm: plan.resource.cm,
    exits: exits ? `, also at the ${exits === 1 ? 'early exit' : `${exits} early exits`} that left it open` : '',
    when: plan.teardown ? `after its last use, before the teardown at line ${src.lineOf(plan.teardown.start) + 1}` : `when the ${plan.scope.fn ? 'function' : 'script'} ends`,
  };
  if (plan.form === 'try-finally') {
    values.why = plan.resource.maybeNone
      ? `${plan.resource.via ?? 'the factory'}() may return None, which closing() could not close`
      : plan.resource.guessed
        ? `${plan.resource.via}() is taken for a session factory by its name: the module that defines it is not in this run, and try/finally needs nothing but the close() the code calls`
        : session14 ? 'the Session context manager needs SQLAlchemy 1.4' : 'the Session context manager needs SQLAlchemy 1.4, and nothing shows this project uses 1.4 or later';
    values.how = 'a try/finally';
    values.cm = values.why;
    return { edits: emitTryFinally(src, plan).edits, reasonId: plan.neverClosed ? 'fixed-never-closed' : 'fixed-try-finally', values, style: 'try-finally' };
  }
  const emitted = emitWith(src, plan, closingRef);
  if (plan.resource.withForm === 'closing' && plan.neverClosed) values.cm = CLOSING.says.replace(/\.$/, '');
  values.with = oneLine(emitted.header.replace(/:$/, ''));
  values.how = `\`${values.with}\``;
  values.begin = (plan.transaction?.kind === 'connection' ? ENGINE_BEGIN : SESSION_BEGIN).says.replace(/\s*\([^)]*\.py[^)]*\)/, '').replace(/\.$/, '');
  // Never closed, and the final commit() now made by begin(): what the block does is begin()'s, not a bare close's.
  if (plan.neverClosed && plan.transaction) values.cm = values.begin;
  const reasonId = plan.neverClosed ? 'fixed-never-closed' : plan.transaction ? 'fixed-with-begin' : plan.resource.withForm === 'closing' ? 'fixed-closing' : 'fixed-with';
  return { edits: emitted.edits, reasonId, values, style: 'with-session' };
}

function inlineFix(src: PySource, plan: InlinePlan): Emitted {
  const emitted = emitInline(src, plan);
  const values = { noun: plan.resource.noun, callee: plan.callee, with: oneLine(emitted.header.replace(/:$/, '')), cm: plan.resource.cm };
  return { edits: emitted.edits, reasonId: 'fixed-not-stored', values, style: 'with-session' };
}

function withItemFix(src: PySource, plan: WithItemPlan, closingRef: string | null): Emitted {
  const emitted = emitWithItem(src, plan, closingRef);
  const values: Record<string, string> = {
    item: oneLine(plan.item.text),
    fixed: oneLine(emitted.fixed),
    library: plan.resource.library,
    cm: plan.resource.cm,
    via: plan.resource.via ?? 'the factory',
    with: oneLine(emitted.fixed),
  };
  if (plan.hoist) return { edits: emitted.edits, reasonId: 'fixed-with-item-hoist', values: { ...values, how: 'a try/finally' }, style: 'try-finally' };
  return { edits: emitted.edits, reasonId: 'fixed-with-item', values, style: 'with-session' };
}

export const pyLifecycles: LeakTransform = {
  meta: {
    name: NAME,
    description: 'Python: scope SQLAlchemy sessions and connections and DBAPI connections with `with`, so they close on every path.',
    reasons: PY_LIFECYCLE_REASONS,
  },
  apply: (source, path, options) => runPythonTransform(source, path, options, PY_LIFECYCLE_PREFILTER, lifecycleRound),
};
