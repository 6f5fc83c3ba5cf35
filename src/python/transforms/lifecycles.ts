/**
 * lifecycles (Python) — scope sessions and connections with `with`.
 *
 * What it does: `session = Session(engine) … session.close()` becomes `with Session(engine) as session:`
 * with the work inside; likewise factory sessions (`SessionLocal()`), scoped-registry sessions, Core
 * connections (`engine.connect()`), `AsyncSession` / `await engine.connect()` (`async with`), and DBAPI
 * connections (psycopg2, psycopg, sqlite3, PyMySQL: `with closing(connect(…)) as conn:`). Work that ends in
 * `session.commit()` with no early exit becomes `with Session(engine) as session, session.begin():`
 * (`with engine.begin() as conn:` for a Core connection that commits). A generator that yields a session
 * it never closes (a FastAPI dependency) gets `with … as db: yield db`.
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
 * result read from a closed connection). Left alone: code already in `with` or try/finally.
 */
import type { LeakTransform } from '../../model';
import { isResourceKind, resourceFact } from '../catalog';
import { ENGINE_BEGIN, SESSION_BEGIN } from '../catalog/sqlalchemy';
import { findLifecycles, type ResourceDescriptor } from '../analysis/lifecycles';
import { emitWith } from '../emit/with';
import { ensureImport } from '../emit/edits';
import { pyFinding } from '../findings';
import { PY_LIFECYCLE_REASONS } from '../reasons';
import type { Value } from '../analysis/values';
import { runPythonTransform, type Fix, type Round } from './run';

export const PY_LIFECYCLE_PREFILTER = /\b(sqlalchemy|sqlmodel|psycopg2?|sqlite3|pymysql)\b/;

const NAME = 'lifecycles';

export function catalogueResource(value: Value): ResourceDescriptor | null {
  if (value.kind === 'instance' || !isResourceKind(value.kind) || value.origin !== 'expression') return null;
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
    cm: fact.withForm === 'closing' ? fact.contextManager.says : fact.contextManager.says.replace(/\s*\([^)]*\.py[^)]*\)/, ''),
    transaction: value.kind === 'session' || value.kind === 'scoped-session' || value.kind === 'async-session' ? 'session' : value.kind === 'connection' || value.kind === 'async-connection' ? 'connection' : null,
    kind: value.kind,
  };
}

const lifecycleRound: Round = (src, model, _facts, options) => {
  const fixes: Fix[] = [];
  const findings = [];
  for (const v of findLifecycles(model, src, catalogueResource)) {
    if (v.kind === 'skip') continue;
    if (v.kind === 'report') {
      findings.push(pyFinding(src, { transform: NAME, table: PY_LIFECYCLE_REASONS, node: v.node, library: v.resource.library, resource: v.name, outcome: 'reported', style: null, reasonId: v.reasonId, values: { noun: v.resource.noun, ...v.values } }));
      continue;
    }
    const plan = v.plan;
    let closingRef: string | null = null;
    const importEdits = [];
    if (plan.resource.withForm === 'closing') {
      const imp = ensureImport(src, model.imports, 'contextlib', 'closing');
      if (!imp) {
        findings.push(pyFinding(src, { transform: NAME, table: PY_LIFECYCLE_REASONS, node: plan.acquire, library: plan.resource.library, resource: plan.name, outcome: 'reported', style: null, reasonId: 'indentation', values: { detail: 'the names closing and contextlib are both taken in this file' } }));
        continue;
      }
      closingRef = imp.ref;
      importEdits.push(...imp.edits);
    }
    const emitted = emitWith(src, plan, closingRef);
    const exits = plan.exits.filter((e) => e.kind !== 'raise').length;
    const values = {
      with: emitted.header.replace(/:$/, ''),
      cm: plan.resource.cm.replace(/\.$/, ''),
      begin: (plan.transaction?.kind === 'connection' ? ENGINE_BEGIN : SESSION_BEGIN).says.replace(/\s*\([^)]*\.py[^)]*\)/, '').replace(/\.$/, ''),
      library: plan.resource.library,
      noun: plan.resource.noun,
      exits: exits ? `, also at the ${exits === 1 ? 'early exit' : `${exits} early exits`} that left it open` : '',
    };
    const reasonId = !plan.release ? 'fixed-with-yield' : plan.transaction ? 'fixed-with-begin' : plan.resource.withForm === 'closing' ? 'fixed-closing' : 'fixed-with';
    if (options.reportOnly) {
      findings.push(pyFinding(src, { transform: NAME, table: PY_LIFECYCLE_REASONS, node: plan.acquire, library: plan.resource.library, resource: plan.name, outcome: 'reported', style: null, reasonId: 'would-fix', values: { what: `closed on the happy path only; \`${values.with}\` would close it on every path` } }));
      continue;
    }
    const last = plan.release ? src.lineOf(plan.release.end) : src.lineOf(plan.list[plan.list.length - 1].end);
    const acquire = plan.acquire;
    fixes.push({
      span: [src.lineOf(acquire.start), last],
      edits: [...emitted.edits, ...importEdits],
      finding: (lineBack) => pyFinding(src, { transform: NAME, table: PY_LIFECYCLE_REASONS, node: acquire, library: plan.resource.library, resource: plan.name, outcome: 'fixed', style: 'with-session', reasonId, values, lineBack }),
    });
  }
  return { fixes, findings };
};

export const pyLifecycles: LeakTransform = {
  meta: {
    name: NAME,
    description: 'Python: scope SQLAlchemy sessions and connections and DBAPI connections with `with`, so they close on every path.',
    reasons: PY_LIFECYCLE_REASONS,
  },
  apply: (source, path, options) => runPythonTransform(source, path, options, PY_LIFECYCLE_PREFILTER, lifecycleRound),
};
