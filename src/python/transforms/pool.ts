/**
 * pool-lifecycle (Python) — stop disposing engines per call; end per-request sessions at the request's end.
 *
 * What it does:
 * 1. Removes `engine.dispose()` (also `session.get_bind().dispose()`, `db.engine.dispose()`) from functions
 *    that run per call — a query method, a request handler, a Flask teardown — when the engine outlives the
 *    call (module level, imported, a field). Where the engine belongs to an object that has close(), the
 *    dispose moves into close(). The finding says whether anything disposes it at shutdown.
 * 2. Reports `create_engine()` and `scoped_session()` made on every call (`engine-per-call`,
 *    `scoped-session-per-call`): the remedy moves the object to module level, a design change.
 * 3. Wraps the body of a function a thread, an executor or a task queue runs (`Thread(target=f)`,
 *    `pool.submit(f)`, `@app.task`) in try/finally when it uses a scoped_session registry that nothing
 *    outside the request teardowns removes; the finally calls `remove()`.
 * 4. Adds an `@app.teardown_appcontext` function that removes a module-level scoped_session registry the
 *    request handlers use and nothing removes, or that pops a session or connection parked on `g` and closes
 *    it. The app may be in another file (the project pass says which); with no module-level app, reported.
 *
 * Why is this bad: dispose() per call closes the pool's connections and builds a new pool, so every call
 * reconnects; an engine or registry per call leaves a pool or a thread-local session behind each time; a
 * request session nobody removes stays checked out, idle in transaction, after a request that raised.
 *
 * Fix safety: dispose() is kept in shutdown code (close, __exit__, __del__, atexit, shutdown events,
 * functions named like shutdown/close/cleanup/main), in tests, scripts and migrations, in except handlers
 * (a recovery) and when called with arguments (`dispose(close=False)` after a fork); reported when it runs
 * on some paths only, or the engine is passed in or bound inside the function. A teardown is added only
 * where no remove() of the registry, and no teardown touching `g.<name>`, exists in the project; a `g` value
 * closed elsewhere is not closed again when its driver's close() raises the second time (PyMySQL).
 */
import type { Finding, LeakTransform } from '../../core/model';
import type { PyNode } from '../parse/tree';
import type { PySource, TextEdit } from '../parse/text';
import { statements } from '../parse/syntax';
import { exitRefusal } from '../analysis/region';
import type { ResourceDescriptor } from '../analysis/lifecycles';
import { findDisposals, findPerCall } from '../pools/dispose';
import { emitTeardowns } from '../pools/teardown';
import { emitWorkerRemove } from '../pools/worker';
import { insertAfterLine, linesAt, removeStatement } from '../emit/edits';
import { pyFinding } from '../report/findings';
import { fillReason, PY_POOL_REASONS } from '../report/reasons';
import { runPythonTransform, type Fix, type Round } from './run';

const NAME = 'pool-lifecycle';

/** A scoped registry's session, for the checks on what a worker hands out. */
const REGISTRY_SESSION: ResourceDescriptor = {
  noun: 'session', library: 'sqlalchemy', release: 'remove', releaseAwaited: false, withForm: 'native', closeIdempotent: true,
  attachedResults: true, materialisers: [], cm: '', transaction: null, needsSession14: false, kind: 'scoped-session', maybeNone: false,
};
export const PY_POOL_PREFILTER = /\.dispose\(|create(_async)?_engine|scoped_session|\bflask\b/;

function removeDispose(src: PySource, stmt: PyNode): TextEdit[] {
  const block = stmt.parent!;
  if (statements(block).length > 1) return removeStatement(src, stmt).edits;
  // Alone in its block: `pass` keeps the block a block.
  return [{ start: stmt.start, end: stmt.end, text: 'pass' }];
}

const poolRound: Round = (src, model, facts, options, path) => {
  const fixes: Fix[] = [];
  const findings: Finding[] = [];
  const base = { transform: NAME, table: PY_POOL_REASONS };
  for (const v of findDisposals(model, path, src.text)) {
    if (v.kind === 'report') {
      findings.push(pyFinding(src, { ...base, node: v.node, library: v.library, resource: v.resource, outcome: 'reported', style: null, reasonId: v.reasonId, values: v.values }));
      continue;
    }
    const fnName = v.fn.field('name')?.text ?? '';
    const values: Record<string, string> = {
      engine: v.engine,
      fn: fnName,
      shutdown: v.shutdown ? `it is disposed at shutdown, ${v.shutdown}` : 'nothing in this file disposes it at shutdown: dispose it once when the process ends, or leave it to the process exit',
    };
    if (options.reportOnly) {
      findings.push(pyFinding(src, { ...base, node: v.stmt, library: v.library, resource: v.engine, outcome: 'reported', style: null, reasonId: 'would-fix', values: { what: `${v.engine}.dispose() throws the pool away on every call of ${fnName}(); removing it lets the pool live` } }));
      continue;
    }
    const edits = removeDispose(src, v.stmt);
    let reasonId = 'fixed-dispose-removed';
    let span: [number, number] = [src.lineOf(v.stmt.start), src.lineOf(v.stmt.end)];
    if (v.moveTo) {
      const body = v.moveTo.close.field('body')!;
      const last = statements(body).pop()!;
      const step = src.stepOf(v.moveTo.close, body);
      if (step) {
        edits.push(insertAfterLine(src, src.lineOf(last.end), linesAt(src, src.indentAt(v.moveTo.close) + step, [v.moveTo.text])));
        reasonId = 'fixed-dispose-moved';
        values.owner = v.moveTo.owner;
        values.close = 'close';
        span = [Math.min(span[0], src.lineOf(v.moveTo.close.start)), Math.max(span[1], src.lineOf(v.moveTo.close.end))];
      }
    }
    const stmt = v.stmt;
    fixes.push({ span, edits, finding: (lineBack) => pyFinding(src, { ...base, node: stmt, library: v.library, resource: v.engine, outcome: 'fixed', style: null, reasonId, values, lineBack }) });
  }
  for (const r of findPerCall(model, path)) findings.push(pyFinding(src, { ...base, node: r.node, library: r.library, resource: r.resource, outcome: 'reported', style: null, reasonId: r.reasonId, values: r.values }));

  const t = facts.teardowns;
  for (const r of t.reports)
    findings.push({
      transform: NAME, line: r.line + 1, column: r.column + 1, library: r.library, resource: r.resource, outcome: 'reported', style: null,
      reasonId: 'teardown-no-app', reason: fillReason(PY_POOL_REASONS, 'teardown-no-app', { what: r.what, detail: r.detail }),
    });
  for (const w of t.workers ?? []) {
    const fn = model.tree.root.findAll(['function_definition']).find((d) => d.line === w.line && d.field('name')?.text === w.name);
    if (!fn || w.registries.every((r) => new RegExp(`\\b${r}\\.remove\\(`).test(fn.text))) continue;
    const values = { fn: w.name, how: w.how, registry: w.registries.join(', ') };
    // What the worker hands back (a future's result, a task's return) must not be ORM objects that remove() detaches.
    const escape = w.registries.map((r) => exitRefusal(src, statements(fn.field('body')!), r, REGISTRY_SESSION, fn.field('body')!, true)).find(Boolean);
    if (escape) {
      findings.push(pyFinding(src, { ...base, node: fn, library: 'sqlalchemy', resource: values.registry, outcome: 'reported', style: null, reasonId: 'worker-remove-missing', values: { ...values, detail: `: it hands out ${escape.values.what} (line ${escape.values.line}), read from the session, which remove() would detach` } }));
      continue;
    }
    const edits = emitWorkerRemove(src, fn, w.registries);
    if (!edits) {
      findings.push(pyFinding(src, { ...base, node: fn, library: 'sqlalchemy', resource: values.registry, outcome: 'reported', style: null, reasonId: 'worker-remove-missing', values: { ...values, detail: ': its body is on one line with its header, or mixes tabs and spaces' } }));
      continue;
    }
    if (options.reportOnly) {
      findings.push(pyFinding(src, { ...base, node: fn, library: 'sqlalchemy', resource: values.registry, outcome: 'reported', style: null, reasonId: 'would-fix', values: { what: `${w.name}() runs in a worker and never removes ${values.registry}; a finally would` } }));
      continue;
    }
    fixes.push({ span: [src.lineOf(fn.start), src.lineOf(fn.end)], edits, finding: (lineBack) => pyFinding(src, { ...base, node: fn, library: 'sqlalchemy', resource: values.registry, outcome: 'fixed', style: 'try-finally', reasonId: 'fixed-worker-remove', values, lineBack }) });
  }
  if (t.app?.needs.length) {
    const emitted = emitTeardowns(src, t.app);
    if (emitted?.items.length) {
      const app = t.app.name;
      if (options.reportOnly)
        for (const e of emitted.items)
          findings.push(pyFinding(src, { ...base, node: emitted.anchor, library: e.library, resource: e.resource, outcome: 'reported', style: null, reasonId: 'would-fix', values: { what: `${e.resource} is not ended after each request; an @${app}.teardown_appcontext function would end it` } }));
      else
        fixes.push({
          span: [emitted.line, emitted.line],
          edits: emitted.edits,
          finding: (lineBack) => emitted.items.map((e) => pyFinding(src, { ...base, node: emitted.anchor, library: e.library, resource: e.resource, outcome: 'fixed', style: null, reasonId: e.reasonId, values: e.values, lineBack })),
        });
    }
  }
  return { fixes, findings };
};

export const pyPoolLifecycle: LeakTransform = {
  meta: {
    name: NAME,
    description: 'Python: stop disposing long-lived engines per call; end per-request scoped sessions and g sessions in a Flask teardown.',
    reasons: PY_POOL_REASONS,
  },
  apply: (source, path, options) => runPythonTransform(source, path, options, PY_POOL_PREFILTER, poolRound),
};
