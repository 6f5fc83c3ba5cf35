/**
 * remove-redundant-close (Python) — classes whose close() callers must remember become context managers;
 * their callers, and close() calls a with block already makes, follow.
 *
 * What it does:
 * 1. A class that holds a session, connection or engine in a field and releases it in close() gets
 *    `__enter__`/`__exit__` (or `__aenter__`/`__aexit__` for an async close) calling close() — when some
 *    caller in the project holds an instance for one unit of work, so the change fixes something.
 * 2. Those callers, `db = Database(url)` … `db.close()`, become `with Database(url) as db:` (the lifecycle
 *    rules of the lifecycles transform apply; their refusals are reported with the same reasons).
 * 3. A `close()` left at the end of a with block on the same object (or right before a bare return or a
 *    raise) is removed when a second close() is a no-op for it — a Session, a Core connection, a
 *    `closing()` of psycopg2/psycopg/sqlite3, or a class whose close() only releases such things.
 *
 * Why is this bad: a close() callers must remember is forgotten on error paths; a second close() reads
 * like the first one was not enough.
 *
 * Fix safety: no class gets `__enter__`/`__exit__` when it defines only one of them, or inherits from a
 * class this run cannot see (it may define them), or no caller could use them. close() is never removed
 * from a class: Python calls are untyped, so any `x.close()` in or outside the project may be this one.
 * A close() whose second call raises (PyMySQL) is kept.
 */
import type { Finding, LeakTransform } from '../../core/model';
import * as nodePath from 'node:path';
import { findLifecycles } from '../analysis/lifecycles';
import { emitWith } from '../emit/with';
import { removeStatement } from '../emit/edits';
import { emitContextManager } from '../close/classFix';
import { findRedundantCloses } from '../close/redundant';
import { instanceResource } from '../analysis/classFacts';
import { pyFinding } from '../report/findings';
import { PY_CLOSE_REASONS, PY_LIFECYCLE_REASONS } from '../report/reasons';
import { runPythonTransform, type Fix, type Round } from './run';

const NAME = 'remove-redundant-close';
const REASONS = { ...PY_LIFECYCLE_REASONS, ...PY_CLOSE_REASONS };
export const PY_CLOSE_PREFILTER = /\.close\(\)/;

const closeRound: Round = (src, model, facts, options, path) => {
  const fixes: Fix[] = [];
  const findings: Finding[] = [];
  const base = { transform: NAME, table: REASONS };
  const file = nodePath.resolve(path);

  for (const [name, c] of facts.resourceClasses) {
    if (c.file !== file || c.contextManager !== 'added') continue;
    const cls = model.classes.get(name);
    const edit = cls ? emitContextManager(src, cls, c) : null;
    if (!cls || !edit) continue;
    const [enter, exit] = c.closeAsync ? ['__aenter__', '__aexit__'] : ['__enter__', '__exit__'];
    const values = { owner: name, noun: c.noun, field: c.field, close: `${c.close}`, enter, exit, with: `${c.closeAsync ? 'async ' : ''}with ${name}(…) as …` };
    if (options.reportOnly) {
      findings.push(pyFinding(src, { ...base, node: cls, library: c.library, resource: name, outcome: 'reported', style: null, reasonId: 'would-fix', values: { what: `${name} holds a ${c.noun} released by close(); ${enter}/${exit} would let callers scope it with \`with\`` } }));
      continue;
    }
    fixes.push({ span: [src.lineOf(cls.end), src.lineOf(cls.end)], edits: [edit], finding: (lineBack) => pyFinding(src, { ...base, node: cls, library: c.library, resource: name, outcome: 'fixed', style: null, reasonId: 'fixed-context-manager', values, lineBack }) });
  }

  for (const v of findLifecycles(model, src, instanceResource(facts.resourceClasses), { session14: true })) {
    if (v.kind === 'skip') continue;
    if (v.kind === 'report') {
      findings.push(pyFinding(src, { ...base, node: v.node, library: v.resource.library, resource: v.name, outcome: 'reported', style: null, reasonId: v.reasonId, values: { noun: v.resource.noun, ...v.values } }));
      continue;
    }
    const plan = v.plan;
    if (plan.shape !== 'assign') continue;
    const emitted = emitWith(src, plan, null);
    const owner = plan.resource.kind.replace(/^instance:/, '');
    const exits = plan.exits.filter((e) => e.kind !== 'raise').length;
    const values = { with: emitted.header.replace(/:$/, '').replace(/\s*\n\s*/g, ' '), owner, exit: plan.resource.releaseAwaited ? '__aexit__' : '__exit__', close: plan.resource.release, exits: exits ? `, also at the ${exits === 1 ? 'early exit' : `${exits} early exits`} that left it open` : '' };
    if (options.reportOnly) {
      findings.push(pyFinding(src, { ...base, node: plan.acquire, library: 'project', resource: plan.name, outcome: 'reported', style: null, reasonId: 'would-fix', values: { what: `closed on the happy path only; \`${values.with}\` would close it on every path` } }));
      continue;
    }
    const last = plan.release ? src.lineOf(plan.release.end) : src.lineOf(plan.list[plan.list.length - 1].end);
    fixes.push({ span: [src.lineOf(plan.acquire.start), last], edits: emitted.edits, finding: (lineBack) => pyFinding(src, { ...base, node: plan.acquire, library: 'project', resource: plan.name, outcome: 'fixed', style: 'with-session', reasonId: plan.neverClosed ? 'fixed-caller-never-closed' : 'fixed-caller-with', values, lineBack }) });
  }

  for (const r of findRedundantCloses(model, facts.resourceClasses)) {
    const values = { name: r.name, with: r.withHeader.replace(/\s*\n\s*/g, ' ') };
    if (options.reportOnly) {
      findings.push(pyFinding(src, { ...base, node: r.stmt, library: r.library, resource: r.name, outcome: 'reported', style: null, reasonId: 'would-fix', values: { what: `${r.name}.close() runs again at the end of \`${values.with}\`, which already closes it` } }));
      continue;
    }
    const line = src.lineOf(r.stmt.start);
    fixes.push({ span: [line, src.lineOf(r.stmt.end)], edits: removeStatement(src, r.stmt).edits, finding: (lineBack) => pyFinding(src, { ...base, node: r.stmt, library: r.library, resource: r.name, outcome: 'fixed', style: null, reasonId: 'fixed-redundant-close', values, lineBack }) });
  }
  return { fixes, findings };
};

export const pyRemoveRedundantClose: LeakTransform = {
  meta: {
    name: NAME,
    description: 'Python: classes that hold a session or connection and have close() become context managers; their callers use `with`; a close() a with block already makes is removed.',
    reasons: REASONS,
  },
  apply: (source, path, options) => runPythonTransform(source, path, options, PY_CLOSE_PREFILTER, closeRound),
};
