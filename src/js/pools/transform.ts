// pool-lifecycle, end to end: parse, find per-call teardowns of shared pools and request-scoped sessions,
// decide, emit, print. Reports and rewrites come from the same two models (teardowns, sessions).
import * as path from 'node:path';
import { catalogForText } from '../../config/toCatalog';
import type { Finding, TransformOptions, TransformOutput } from '../../core/model';
import { jFor } from '../syntax/parse';
import { joinText, keepOriginalLayout, splitText } from '../../core/text';
import { Provenance } from '../provenance/values';
import { importsResource, indexFactsOf, withoutMockedModules } from '../provenance/pass';
import { indexView } from '../provenance/serial';
import { projectFileCache } from '../syntax/projectFiles';
import { analysisTree } from '../syntax/analysisTree';
import type { Node, Path } from '../analysis/ast';
import { findTeardowns, hookKeys, TEARDOWN_METHODS, type Teardown } from './teardowns';
import { findRequestSessions, type RequestSession } from './requestScope';
// …or parks an awaited value on an object (`req.db = await pool.connect()`): middleware a module exports.
import { PARKS_AWAITED } from '../provenance/requestSlots';
import { findProjectHook } from './hooks';
import { entryImporter } from './callers';
import { describeFunction } from './context';
import { emitRequestScope, removeStatement } from './emit';
import { findUnclosedPools, NAMES_POOL_LIBRARY } from './unclosed';
import { poolProblemText, poolReasonText, type PoolReasonId } from './reasons';
import { escapeRegExp } from '../../core/regex';

// A file is parsed only if it calls a teardown method or names a web framework.
const PREFILTER = new RegExp(
  `\\.\\s*(?:${[...TEARDOWN_METHODS].map(escapeRegExp).join('|')})\\s*\\(|['"\`](?:express|koa|@koa/router|koa-router|fastify|fastify-plugin)['"\`]`,
);

const HOW: Record<RequestSession['framework'], string> = {
  express: "Express: `res.on('close')`, which fires after 'finish' and when the client aborts",
  koa: 'Koa: a finally around `await next()`',
  fastify: 'Fastify: onResponse and onRequestAbort hooks',
};

function at(node: Node): { line: number; column: number } {
  const start = node?.loc?.start;
  return start ? { line: start.line, column: start.column + 1 } : { line: 1, column: 1 };
}

export function runPoolLifecycle(source: string, file: string, options: TransformOptions, transform: string): TransformOutput {
  // Analysed on a tree made for reading; a file with something to rewrite is parsed again with recast.
  return poolLifecycle(source, file, options, transform, false) ?? poolLifecycle(source, file, options, transform, true)!;
}

/** The transform's output; `null` when analysing found something to rewrite (`rewrite` false). */
function poolLifecycle(source: string, file: string, options: TransformOptions, transform: string, rewrite: boolean): TransformOutput | null {
  const text = splitText(source);
  const mayMakePool = NAMES_POOL_LIBRARY.test(text.body) || importsResource(indexFactsOf(options));
  if (options.prefilter !== false && !PREFILTER.test(text.body) && !PARKS_AWAITED.test(text.body) && !mayMakePool) return { source: null, findings: [] };
  const absolute = path.resolve(file);
  const j = jFor(file);
  const root = rewrite ? j(text.body) : null;
  const rootPath = (root ? root.paths()[0] : analysisTree(file, text.body)) as Path;
  const program = rootPath.node.program;
  const { catalog, mocked } = catalogForText(absolute, text.body);
  const provenance = new Provenance(catalog, absolute, { shared: { files: projectFileCache(), exports: new Map() }, index: indexView(withoutMockedModules(indexFactsOf(options), absolute, mocked), catalog) });
  const teardowns = findTeardowns(rootPath, { catalog, file: absolute, provenance });
  const sessions = findRequestSessions(rootPath, { catalog, file: absolute, provenance }).filter((s) => !s.alreadyScoped);
  const unclosed = mayMakePool || options.prefilter === false ? findUnclosedPools(rootPath, { catalog, file: absolute, provenance }) : [];
  if (teardowns.length === 0 && sessions.length === 0 && unclosed.length === 0) return { source: null, findings: [] };

  const findings: Finding[] = [];
  const push = (node: Node, library: string, resource: string, outcome: Finding['outcome'], reasonId: PoolReasonId, values: Record<string, string | undefined>) => {
    const problem = outcome === 'fixed' ? poolProblemText(reasonId, { held: 'checked out', ...values }) : undefined;
    findings.push({ transform, ...at(node), library, resource, outcome, style: null, reasonId, reason: poolReasonText(reasonId, values), ...(problem ? { problem } : {}) });
  };

  // Per-call teardowns.
  const hooksHere = hookKeys(teardowns);
  const hookReported = new Set<string>();
  const toRemove: Teardown[] = [];
  for (const t of teardowns) {
    const evidence = t.context.kind === 'per-call' || t.context.kind === 'nested' ? t.context.evidence : undefined;
    const values = { noun: t.spec.noun, method: t.method, receiver: t.receiver, evidence };
    const library = t.spec.library;
    if (t.verdict.action === 'leave') continue;
    if (t.verdict.action === 'report') {
      if (t.verdict.reasonId === 'pool-per-call' && 'at' in t.origin) {
        if (hookReported.has(t.origin.key)) continue;
        hookReported.add(t.origin.key);
        push(t.origin.at, library, t.origin.name, 'reported', 'pool-per-call', { ...values, teardownLine: String(at(t.call.node).line) });
      } else {
        push(t.call.node, library, t.receiver, 'reported', t.verdict.reasonId, { ...values, ...t.verdict.values });
      }
      continue;
    }
    // An exported function that a script or entry module imports may be that process's one call.
    if (t.context.kind === 'per-call' && t.context.exportedName) {
      const importer = entryImporter(absolute, t.context.exportedName);
      if (importer) {
        const where = `${describeFunction(t.context.fn)}, exported by its module and imported by ${importer}, which runs once`;
        push(t.call.node, library, t.receiver, 'reported', 'context-unknown', { ...values, where });
        continue;
      }
    }
    const origin = t.origin;
    let hook = '';
    if ('key' in origin) {
      const here = hooksHere.get(origin.key);
      const closer = (h: Teardown) => (h.verdict.action === 'leave' && h.verdict.what ? h.verdict.what : 'other code');
      let search = here ? { hook: `${closer(here)} closes it (line ${at(here.call.node).line})`, searched: '' } : { hook: null as string | null, searched: 'searched this file' };
      if (!here && origin.scope === 'module' && (origin.exported || origin.imported)) {
        search = findProjectHook(origin.key, origin.name, t.method, origin.file, absolute);
      }
      if (search.hook) hook = `; ${search.hook}`;
      else if (!hookReported.has(origin.key)) {
        hookReported.add(origin.key);
        const where = origin.scope === 'module' && origin.imported ? origin.imported : origin.at;
        const resource = origin.scope === 'field' ? `this.${origin.name}` : origin.name;
        push(where, library, resource, 'reported', 'no-shutdown-hook', { ...values, searched: search.searched, call: `${t.receiver}.${t.method}()` });
      }
    }
    if (options.reportOnly) {
      push(t.call.node, library, t.receiver, 'reported', 'would-fix', {
        what: `${t.method}() closes the shared ${t.spec.noun} at the end of every call; removing it lets the ${t.spec.noun} live for the process`,
      });
      continue;
    }
    toRemove.push(t);
    push(t.call.node, library, t.receiver, 'fixed', 'fixed-teardown-removed', { ...values, hook });
  }

  for (const u of unclosed) push(u.at, u.spec.library, u.name, 'reported', 'pool-never-closed', { noun: u.spec.noun, where: u.where });

  // Request-scoped sessions.
  const toScope: RequestSession[] = [];
  for (const s of sessions) {
    const values = { noun: s.noun, method: s.release.method };
    if (!s.verdict.fix) {
      push(s.acquire.node, s.library, s.slotText, 'reported', s.verdict.reasonId, { ...values, where: s.verdict.where });
      continue;
    }
    if (options.reportOnly) {
      push(s.acquire.node, s.library, s.slotText, 'reported', 'would-fix', {
        what: `the request's ${s.noun} is released only where handlers release it; ${HOW[s.framework]} would release it on every path`,
      });
      continue;
    }
    toScope.push(s);
    const n = s.releases.length;
    push(s.acquire.node, s.library, s.slotText, 'fixed', 'fixed-request-scope', {
      ...values,
      how: HOW[s.framework],
      removed: n === 0 ? '' : `; ${n} release${n === 1 ? '' : 's'} in handlers removed`,
    });
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column);
  if (toRemove.length === 0 && toScope.length === 0) return { source: null, findings };
  if (!root) return null;

  // Statements go out through their paths first (last first, so earlier paths stay valid); then the
  // middleware bodies are rebuilt.
  const removals = [...toRemove.map((t) => t.statement!), ...toScope.flatMap((s) => s.releases)];
  removals.sort((a, b) => (b.node.start ?? 0) - (a.node.start ?? 0));
  for (const r of removals) removeStatement(r);
  for (const s of toScope) emitRequestScope(s, program);

  const printed = keepOriginalLayout(text.body, root.toSource({ lineTerminator: text.eol, arrowParensAlways: true }), text.eol, true);
  const output = joinText(text, printed);
  return { source: output === source ? null : output, findings };
}
