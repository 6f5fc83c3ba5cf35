// The lifecycle transforms (`await-using`, `with-session`, `try-finally`, and `leaks`, which picks a style
// per lifecycle): parse, find lifecycles, decide each one's verdict and style, emit, print. Reports and
// rewrites come from the same lifecycle model.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalogForText, withConfigDefaults } from '../../config/toCatalog';
import { configuredCallsWin } from '../analysis/configured';
import { typeFactsOf } from '../checker/pass';
import type { ExtraFile, Finding, Style, StyleChoice, TransformOptions, TransformOutput } from '../../core/model';
import { isTypeScriptFile, jFor } from '../syntax/parse';
import { detectIndent, joinText, keepOriginalLayout, retabNewLines, splitText } from '../../core/text';
import { analysingText, findLifecycles, type Lifecycle } from '../analysis/lifecycles';
import { Provenance } from '../provenance/values';
import { importsResource, indexFactsOf, withoutMockedModules } from '../provenance/pass';
import { missingImports } from '../provenance/missing';
import { indexView } from '../provenance/serial';
import { projectFileCache } from '../syntax/projectFiles';
import { analysisTree } from '../syntax/analysisTree';
import type { ReasonTable } from '../../core/reasons';
import { HANDLE_FATE, LIFECYCLE_REASONS, lifecycleProblem, lifecycleReasonText, problemText, reasonText, type ReasonId } from '../analysis/reasons';
import { fill } from '../../core/reasons';
import { findHelperHandles, importsHandles } from '../callbacks/helperHandles';
import { atLeast } from '../../core/semver';
import { knownVersion, minimumNode, packageJson, packageRoot, usingSupport, type UsingSupport } from '../project/packageInfo';
import { pathOf, walk, type Node, type Path } from '../analysis/ast';
import { emitInOrder, scopeNames, withdrawClaim } from '../emit/order';
import { emitUsing, usingNeedsRefusal } from '../emit/using';
import { apply as moveReleaseFirst, type ReleaseFirst } from '../analysis/lifecycles/releaseFirst';
import { emitTryFinally, planTryFinally } from '../emit/tryFinally';
import { emitWithSession, helperSource, nativeCallbackFor, planWithSession } from '../emit/withSession';
import { lockTemplateLines, type RegionPlan } from '../emit/region';
import { endLabel, type CallbackSite } from '../callbacks/find';
import { findSitesFor } from '../callbacks/forStyle';
import type { Catalog } from '../../catalog/js';
import { emitCallback, emitTryCatch } from '../callbacks/emit';
import { findPooledBegins } from '../analysis/lifecycles/pooledBegin';
import { findReleasedTwice, releasedTwiceFindings } from '../analysis/lifecycles/releasedTwice';
import { parameterLifecycles } from '../analysis/lifecycles/parameters';

export const LIFECYCLE_TRANSFORM_REASONS: ReasonTable = { ...LIFECYCLE_REASONS };

interface NativeChoice {
  native: boolean;
  async: boolean;
  version: string | null;
}

/** Does the installed library dispose this resource natively, with the effect of the removed call? */
function nativeChoice(lc: Lifecycle, file: string): NativeChoice {
  const spec = lc.resource.native;
  const no = { native: false, async: false, version: null };
  // The native disposer makes the bare call: `release(true)` needs an adapter that passes the argument.
  if (!spec || !spec.sameAs.includes(lc.release.method) || lc.releaseArgs !== '') return no;
  // A disposer that commits an open transaction (typeorm >= 1.0) may only stand where no transaction can be
  // open: none begun here, and the runner never handed to code that could begin one.
  if (spec.decidesTransaction && (lc.hasTransaction || lc.handedOut)) return no;
  // An unawaited async release is fire-and-forget; a native `await using` would wait for it.
  if (lc.release.async && !lc.releaseAwaited) return no;
  if (spec.dispose === 'async' && !lc.isAsyncContext) return no;
  // A native declaration would dispose a client whose connect step failed.
  if (lc.connectStatement) return no;
  // With types, the type itself decides: no disposer declared means `using` would not compile.
  if (lc.typeDispose !== undefined) {
    if (lc.typeDispose === null) return no;
    if (lc.typeDispose === 'async' && !lc.isAsyncContext) return no;
    return { native: true, async: lc.typeDispose === 'async', version: 'its type declares a disposer' };
  }
  const dir = path.dirname(file);
  const pkg = spec.package ?? lc.kind.lib.packageName;
  const version = pkg === 'node' ? minimumNode(dir) : knownVersion(dir, pkg);
  if (!version || !atLeast(version, spec.since)) return no;
  return { native: true, async: spec.dispose === 'async', version };
}

/** A reason in a lifecycle's words (its noun, library and release method filled in). */
const lifecycleReason = lifecycleReasonText;

function finding(transform: string, lc: Lifecycle, fields: Partial<Finding> & { reasonId: ReasonId }, values: Record<string, string | undefined>): Finding {
  return {
    transform,
    line: lc.line,
    column: lc.column,
    library: lc.library,
    resource: lc.name,
    outcome: fields.outcome ?? 'reported',
    style: fields.style ?? null,
    reasonId: fields.reasonId,
    reason: lifecycleReason(lc, fields.reasonId, values),
  };
}

function siteProblem(site: CallbackSite, modernized: boolean): string {
  if (modernized) return problemText('modernized', {});
  const andHeld = site.spec.begin ? ` and its ${site.spec.begin.release}() is skipped` : '';
  return problemText('ended-on-success-only', { success: endLabel(site.spec.success), noun: site.spec.noun, andHeld });
}

/** Does the file write its relative imports with a `.js` extension (node16/nodenext resolution)? */
function importsWithJsExtension(program: Node): boolean {
  return program.body.some((s: Node) => s.type === 'ImportDeclaration' && /^\.{1,2}\/.*\.js$/.test(s.source.value));
}

function helperLocation(file: string, options: TransformOptions, jsExtension: boolean): { path: string; specifier: string; language: 'ts' | 'cjs' } | { external: string } {
  if (options.helperImport) return { external: options.helperImport };
  const dir = path.dirname(file);
  const root = packageRoot(dir) ?? dir;
  const language = isTypeScriptFile(file) ? 'ts' : 'cjs';
  const relative = options.helperPath ?? (fs.existsSync(path.join(root, 'src')) ? 'src/leakproof/with-session' : 'leakproof/with-session');
  const base = path.resolve(root, relative.replace(/\.(ts|cjs|js|mjs)$/, ''));
  const helperPath = `${base}.${language}`;
  let specifier = path.relative(dir, base).split(path.sep).join('/');
  if (!specifier.startsWith('.')) specifier = `./${specifier}`;
  return { path: helperPath, specifier: language === 'cjs' ? `${specifier}.cjs` : jsExtension ? `${specifier}.js` : specifier, language };
}

type Plan =
  | { style: 'callback-api'; site: CallbackSite }
  | { style: 'using'; native: NativeChoice }
  | { style: 'try-finally'; plan: RegionPlan | null }
  | { style: 'with-session'; plan: RegionPlan; native: ReturnType<typeof nativeCallbackFor> };

/** Pick a style for one lifecycle, or the reason none fits. */
function choose(lc: Lifecycle, style: StyleChoice, support: UsingSupport, file: string, site?: CallbackSite): { plan: Plan; why: string } | { reasonId: ReasonId; detail?: string } {
  // A manual transaction the library's own callback runs exactly (typeorm's dataSource.transaction()).
  const siteFits = !!site && site.verdict.fix;
  const manual = transactionNote(lc, site);
  const tryUsing = () => {
    const refusal = usingNeedsRefusal(lc);
    return refusal ?? { plan: { style: 'using' as const, native: nativeChoice(lc, file) }, why: '' };
  };
  const tryCallback = (why: string) => {
    if (siteFits) return { plan: { style: 'callback-api' as const, site: site! }, why };
    why += manual;
    const p = planWithSession(lc);
    return p.ok ? { plan: { style: 'with-session' as const, plan: p.plan, native: p.native }, why } : { reasonId: p.reasonId, detail: p.detail };
  };
  const tryFinally = (why: string) => {
    const p = planTryFinally(lc);
    return p.ok ? { plan: { style: 'try-finally' as const, plan: p.plan }, why } : { reasonId: p.reasonId, detail: p.detail };
  };
  switch (style) {
    case 'using':
      return support.ok ? tryUsing() : { reasonId: 'using-unsupported', detail: support.reason };
    case 'with-session':
      return tryCallback('');
    case 'try-finally':
      return tryFinally('');
    case 'auto': {
      // A file descriptor: no disposer, and nothing an adapter would say that a finally does not.
      if (lc.resource.autoTryFinally) return tryFinally(` (auto: ${lc.resource.autoTryFinally})`);
      if (support.ok) {
        const u = tryUsing();
        if ('plan' in u) return { ...u, why: ` (auto: ${support.via} takes \`using\`)` };
        const cannot = ` (auto: \`using\` cannot — ${lifecycleReason(lc, u.reasonId, { detail: u.detail })}`;
        // `using` cannot end a transaction by outcome; the library's callback can.
        if (siteFits) return { plan: { style: 'callback-api', site: site! }, why: `${cannot})` };
        // Values the rest of the function reads can leave a callback as its result.
        if (u.reasonId === 'values-used-after-release') {
          const cb = tryCallback(`${cannot}; a callback returns them)`);
          if ('plan' in cb) return cb;
        }
        // Work that must stay after an awaited release: try/finally declares its values before the try.
        if (u.reasonId === 'effects-after-release' || u.reasonId === 'values-used-after-release' || u.reasonId === 'used-after-release') {
          const tf = tryFinally(`${cannot}; try/finally keeps the release where it was)`);
          if ('plan' in tf) return tf;
        }
        return u;
      }
      const because = ` (auto: no \`using\` here — ${support.reason}`;
      if (siteFits || nativeCallbackFor(lc)) {
        const cb = tryCallback(`${because}; ${lc.library} has a callback API)`);
        if ('plan' in cb) return cb;
      }
      return tryFinally(`${because})`);
    }
  }
}

const acquireTextCache = new WeakMap<Catalog, RegExp>();

/** `.transaction(`, `.acquire(`, …: the text of a call that may start a handle a library callback ends. */
function callbackAcquireText(catalog: Catalog): RegExp {
  let re = acquireTextCache.get(catalog);
  if (!re) {
    const names = catalog.libraries.flatMap((l) => (l.callbacks ?? []).map((c) => c.acquire));
    re = names.length ? new RegExp(`\\.\\s*(?:${[...new Set(names)].join('|')})\\s*\\(`) : /$^/;
    acquireTextCache.set(catalog, re);
  }
  return re;
}

/** Why a callback rewrite leaves this lifecycle's transaction to its own commit and rollback, if it has one. */
function transactionNote(lc: Lifecycle, site?: CallbackSite): string {
  if (!lc.hasTransaction) return '';
  if (site && !site.verdict.fix) {
    const text = reasonText(site.verdict.reasonId, siteValues(site, site.verdict.detail));
    return `; its transaction stays manual: ${text}`;
  }
  const why = lc.resource.transactions?.staysManual;
  return why ? `; its transaction stays manual: ${why}` : '';
}

/** Placeholder values for a callback site's findings. */
function siteValues(site: CallbackSite, detail?: string): Record<string, string | undefined> {
  return { helper: site.helper, success: endLabel(site.spec.success), failure: endLabel(site.spec.failure), noun: site.spec.noun, detail: detail ?? '', why: '' };
}

function siteFinding(transform: string, site: CallbackSite, outcome: Finding['outcome'], style: Style | null, reasonId: ReasonId, values: Record<string, string | undefined>): Finding {
  const f: Finding = { transform, line: site.line, column: site.column, library: site.lib.library, resource: site.name, outcome, style, reasonId, reason: reasonText(reasonId, values) };
  if (outcome !== 'reported') f.problem = siteProblem(site, outcome === 'modernized');
  return f;
}

export interface LifecycleTransformConfig {
  transform: string;
  /** The style this transform always uses, or `undefined` to take `options.style` (default auto). */
  style?: Style;
}

export function runLifecycleTransform(source: string, file: string, options: TransformOptions, config: LifecycleTransformConfig): TransformOutput {
  // Analysed on a tree made for reading; only a file with something to rewrite is parsed again, with
  // recast, and analysed again on that tree, which the rewrite edits and prints.
  return lifecycleTransform(source, file, options, config, false) ?? lifecycleTransform(source, file, options, config, true)!;
}

/** The transform's output; `null` when analysing found something to rewrite (`rewrite` false). */
function lifecycleTransform(source: string, file: string, options: TransformOptions, config: LifecycleTransformConfig, rewrite: boolean): TransformOutput | null {
  const text = splitText(source);
  const absolute = path.resolve(file);
  // leakproof.config.json: the package's own resources join the catalogue (and the prefilter); its style
  // and helper settings are defaults that the options given (the CLI's flags) override.
  const { catalog, prefilter, config: projectConfig, custom, mocked } = catalogForText(absolute, text.body);
  // With type facts the checker already looked: a wrapper's client may hide behind no library name at all.
  const givenFacts = typeFactsOf(options);
  // So has the project index, for a module of the project that hands out a resource.
  const index = withoutMockedModules(indexFactsOf(options), absolute, mocked);
  // (Without the index, a file's own missing project modules are looked up here.)
  if (!givenFacts && !importsResource(index) && options.prefilter !== false && !prefilter.test(text.body) && (index || !missingImports(text.body, absolute).length)) return { source: null, findings: [] };
  if (projectConfig) options = withConfigDefaults(options, projectConfig);
  const transform = config.transform;
  const style: StyleChoice = config.style ?? options.style ?? 'auto';
  const j = jFor(file);
  const root = rewrite ? j(text.body) : null;
  const rootPath = (root ? root.paths()[0] : analysisTree(file, text.body)) as Path;
  analysingText(root ? null : text.body);
  const provenance = new Provenance(catalog, absolute, { shared: { files: projectFileCache(), exports: new Map() }, index: indexView(index, catalog) });
  const typeFacts = givenFacts && configuredCallsWin(givenFacts, rootPath, provenance, catalog, custom);
  // (With the functions that release what their callers hand them: reported, never rewritten.)
  const finder = { catalog, file: absolute, provenance, typeFacts };
  const lifecycles = [...findLifecycles(rootPath, finder), ...parameterLifecycles(rootPath, finder, text.body)];
  // Manual handles a library callback ends by outcome (knex, sequelize, kysely, generic-pool, typeorm).
  // (Each search walks the whole tree: a look at the text first spares files that cannot hold one.)
  const sites = callbackAcquireText(catalog).test(text.body) ? findSitesFor(rootPath, { catalog, provenance, file: absolute }, style) : [];
  const pooledBegins = /\b(BEGIN|START\s+TRANSACTION)\b/i.test(text.body) ? findPooledBegins(rootPath, provenance) : [];
  const releasedTwice = /\bfinally\b/.test(text.body) ? findReleasedTwice(rootPath, { catalog, provenance }) : [];
  // Handles a project helper hands out (only reported): where this file may call such a helper.
  const handles = callbackAcquireText(catalog).test(text.body) || importsHandles(index, catalog) ? findHelperHandles(rootPath, { catalog, provenance }) : [];
  if (lifecycles.length === 0 && sites.length === 0 && pooledBegins.length === 0 && releasedTwice.length === 0 && handles.length === 0) return { source: null, findings: [] };

  const support = usingSupport(absolute);
  const findings: Finding[] = pooledBegins.map((b) => ({
    transform,
    line: b.line,
    column: b.column,
    library: b.library,
    resource: b.receiver,
    outcome: 'reported',
    style: null,
    reasonId: 'begin-on-pool',
    reason: reasonText('begin-on-pool', { noun: b.pool.noun, detail: `\`${b.receiver}\``, helper: b.pool.transaction }),
  }));
  for (const h of handles) {
    const values = { noun: h.noun, detail: h.helper, failure: h.failure, fate: fill(HANDLE_FATE, { failure: h.failure }) };
    findings.push({ transform, line: h.line, column: h.column, library: h.library, resource: h.name, outcome: 'reported', style: null, reasonId: h.reasonId, reason: reasonText(h.reasonId, values) });
  }
  // (Callback-API plans are emitted with the other callback sites, before these.)
  const toEmit: { lc: Lifecycle; plan: Exclude<Plan, { style: 'callback-api' }> }[] = [];
  const sitesToEmit: { site: CallbackSite; style: 'callback-api' | 'try-catch' }[] = [];
  const movesToEmit: ReleaseFirst[] = [];
  /** A callback site's fix (with --report-only, its would-fix finding). */
  const takeSite = (site: CallbackSite, siteStyle: 'callback-api' | 'try-catch', why: string, safe = site.safe, lc?: Lifecycle) => {
    const values = { ...siteValues(site), why };
    if (options.reportOnly) {
      findings.push(siteFinding(transform, site, 'reported', null, 'would-fix', { ...values, using: site.helper }));
      return;
    }
    sitesToEmit.push({ site, style: siteStyle });
    const outcome = safe ? 'modernized' : 'fixed';
    const fix = siteFinding(transform, site, outcome, siteStyle === 'callback-api' ? 'with-session' : 'try-finally', siteStyle === 'callback-api' ? 'fixed-callback-api' : 'fixed-try-catch', values);
    // A runner begun before its try (typeorm, postgres.js) leaks through its own lifecycle.
    if (lc && !safe && site.safe) fix.problem = lifecycleProblem(lc, false);
    findings.push(fix);
  };
  for (const site of sites) {
    if (site.spec.begin) continue; // decided with its lifecycle below
    // Leaks first: a handle already ended on every path stays as written unless --modernize asks.
    if (site.safe && site.verdict.fix && !options.modernize) continue;
    const values = siteValues(site, site.verdict.fix ? undefined : site.verdict.detail);
    if (style === 'using') {
      if (site.safe && site.verdict.fix) continue;
      const id = !site.verdict.fix && site.verdict.reasonId !== 'values-used-after-end' ? site.verdict.reasonId : site.callbackChangesMeaning ? 'callback-changes-meaning' : 'transaction-needs-callback';
      findings.push(siteFinding(transform, site, 'reported', null, id, id === 'callback-changes-meaning' && site.verdict.fix ? siteValues(site, site.callbackChangesMeaning) : values));
      continue;
    }
    if (!site.verdict.fix) {
      findings.push(siteFinding(transform, site, 'reported', null, site.verdict.reasonId, values));
      continue;
    }
    // The classic try/catch already ends the handle on every path. (Auto's, where the callback could change the work.)
    if (style === 'try-finally' || site.callbackChangesMeaning) {
      if (!site.safe) takeSite(site, 'try-catch', site.callbackChangesMeaning ? ` (auto: ${site.helper} could change what the work does: ${site.callbackChangesMeaning})` : '');
      continue;
    }
    takeSite(site, 'callback-api', style === 'auto' ? ` (auto: a \`using\` declaration cannot choose between ${values.success} and ${values.failure})` : '');
  }
  const beginSites = new Map(sites.filter((s) => s.spec.begin).map((s) => [s.acquire, s]));
  for (const lc of lifecycles) {
    const site = style === 'using' || style === 'try-finally' ? undefined : beginSites.get(lc.acquire.node);
    if (!lc.verdict.fix && !site?.verdict.fix) {
      findings.push(finding(transform, lc, { reasonId: lc.verdict.reasonId }, { detail: lc.verdict.detail, method: lc.verdict.method ?? lc.release.method }));
      continue;
    }
    // A release moved to the start of the callback it ends: the same edit in every style.
    if (lc.verdict.fix && lc.releaseFirst) {
      if (options.reportOnly) findings.push(finding(transform, lc, { reasonId: 'would-release-first' }, {}));
      else {
        movesToEmit.push(...lc.releaseFirst);
        const fixed = finding(transform, lc, { outcome: 'fixed', style: null, reasonId: 'fixed-release-first' }, {});
        fixed.problem = lifecycleProblem(lc, false);
        findings.push(fixed);
      }
      continue;
    }
    // Leaks first: code that already releases on every path stays byte-identical unless --modernize asks;
    // its one real bug, a `return` that hands back a promise the finally does not wait for, gets the await.
    const safe = lc.verdict.fix && lc.alreadySafe && (!site || site.safe);
    if (safe && !options.modernize && lc.returnsToAwait.length === 0) continue;
    // A lifecycle no release-only rewrite may touch (a transaction open where the release would go) the
    // library's transaction callback fixes whole.
    const because = !lc.verdict.fix && style === 'auto' ? ` (auto: a release alone cannot — ${lifecycleReason(lc, lc.verdict.reasonId, { detail: lc.verdict.detail })})` : '';
    const chosen =
      safe && !options.modernize
        ? { plan: { style: 'try-finally' as const, plan: null }, why: '' }
        : lc.verdict.fix
          ? choose(lc, style, support, absolute, site)
          : { plan: { style: 'callback-api' as const, site: site! }, why: because };
    if (!('plan' in chosen)) {
      findings.push(finding(transform, lc, { reasonId: chosen.reasonId }, { detail: chosen.detail }));
      continue;
    }
    const { plan, why } = chosen;
    if (plan.style === 'callback-api') {
      takeSite(plan.site, 'callback-api', why, safe, lc);
      continue;
    }
    // The classic try/finally is already safe: nothing to report unless a `return` needed an await.
    if (plan.style === 'try-finally' && !plan.plan && lc.returnsToAwait.length === 0) continue;
    const using = plan.style === 'using' && plan.native.native ? (plan.native.async ? 'await using' : 'using') : lc.release.async && lc.releaseAwaited ? 'await using' : 'using';
    if (options.reportOnly) {
      findings.push(finding(transform, lc, { reasonId: 'would-fix' }, { using }));
      continue;
    }
    toEmit.push({ lc, plan });
    let reasonId: ReasonId;
    const values: Record<string, string | undefined> = { using, why };
    if (plan.style === 'using') {
      reasonId = plan.native.native ? 'fixed-native' : 'fixed-adapter';
      values.version = plan.native.version ?? undefined;
    } else if (plan.style === 'try-finally') {
      reasonId = plan.plan ? 'fixed-try-finally' : 'fixed-return-await';
    } else {
      reasonId = plan.native ? 'fixed-native-callback' : 'fixed-with-session';
      values.helper = plan.native ? `${plan.native.method}()` : 'withSession()';
    }
    const modernized = safe && lc.returnsToAwait.length === 0;
    const fixed = finding(transform, lc, { outcome: modernized ? 'modernized' : 'fixed', style: plan.style, reasonId }, values);
    fixed.problem = lifecycleProblem(lc, modernized);
    findings.push(fixed);
  }
  findings.push(...releasedTwiceFindings(releasedTwice, lifecycles, findings, transform));
  findings.sort((a, b) => a.line - b.line || a.column - b.column);
  if (toEmit.length === 0 && sitesToEmit.length === 0 && movesToEmit.length === 0) return { source: null, findings };
  if (!root) return null;

  const program = rootPath.node.program;
  // New string literals (a transaction's options) take the file's quotes, judged by its imports.
  const quote = (text.body.match(/(?:from |require\()"/g) ?? []).length > (text.body.match(/(?:from |require\()'/g) ?? []).length ? '"' : "'";
  const namesInScopeOf = scopeNames(program);
  // Parsed by recast, so the snippet keeps its own one-line layout when printed into the file.
  const parseStatement = (code: string): Node => (j(code).paths()[0] as Path).node.program.body[0];

  const extraFiles: ExtraFile[] = [];
  let importLine: { text: string; at: number } | null = null;
  const needsHelper = toEmit.some((e) => e.plan.style === 'with-session' && !e.plan.native);
  let helperName = 'withSession';
  if (needsHelper) {
    const allNames = new Set<string>();
    walk(program, (n: Node) => void (n.type === 'Identifier' && allNames.add(n.name)), true);
    if (allNames.has(helperName)) helperName = ['_withSession', 'leakproofWithSession'].find((n) => !allNames.has(n)) ?? '_withSession2';
    const location = helperLocation(absolute, options, importsWithJsExtension(program));
    const specifier = 'external' in location ? location.external : location.specifier;
    if (!('external' in location) && !fs.existsSync(location.path)) extraFiles.push({ path: location.path, source: helperSource(location.language) });
    importLine = importStatement(program, text.body, absolute, helperName, specifier, quote);
  }

  const demote = (lc: Lifecycle, reasonId: ReasonId, values: Record<string, string> = {}) => withdrawClaim(findings, lc, finding(transform, lc, { reasonId }, values));
  for (const { site, style: siteStyle } of sitesToEmit) {
    // Found again on the live tree: an earlier rewrite may have moved these statements into its callback.
    const live = pathOf(rootPath, site.replaced[0]);
    const list: Node[] | undefined = live?.parentPath?.value;
    if (!Array.isArray(list) || !site.replaced.every((st) => list.includes(st))) {
      const i = findings.findIndex((f) => f.line === site.line && f.column === site.column && f.outcome !== 'reported');
      if (i >= 0) findings[i] = siteFinding(transform, site, 'reported', null, 'ends-not-understood', siteValues(site, 'it overlaps another rewrite'));
      continue;
    }
    site.list = list;
    if (siteStyle === 'callback-api') emitCallback(site, parseStatement);
    else emitTryCatch(site, parseStatement);
  }
  for (const move of movesToEmit) moveReleaseFirst(move);
  emitInOrder(rootPath, toEmit, ({ lc, plan }) => {
    if (plan.style === 'using') {
      emitUsing(lc, {
        native: plan.native.native,
        nativeAsync: plan.native.async,
        adapter: options.adapter ?? 'object',
        usedNames: namesInScopeOf(lc.block),
        parseStatement,
      });
    } else if (plan.style === 'try-finally') {
      // Plans are made again on the live tree: an emit just before may have moved this region's statements.
      const again = planTryFinally(lc);
      if (again.ok) emitTryFinally(lc, again.plan);
      else demote(lc, again.reasonId);
    } else {
      const again = planWithSession(lc);
      if (again.ok) emitWithSession(lc, again, { helperName, parseStatement });
      else demote(lc, again.reasonId);
    }
  }, ({ lc }, holder) => demote(lc, 'crosses-rewrite', { detail: holder }));
  const indent = detectIndent(text.body, lockTemplateLines(program));
  let printed = root.toSource({ lineTerminator: text.eol, arrowParensAlways: true, quote: quote === '"' ? 'double' : 'single', ...indent });
  if (indent.useTabs) printed = retabNewLines(printed, text.body, text.eol, indent.tabWidth);
  printed = keepOriginalLayout(text.body, printed, text.eol);
  if (importLine) printed = insertImport(printed, text.body, importLine, text.eol);
  const output = joinText(text, printed);
  return { source: output === source ? null : output, findings, ...(extraFiles.length ? { extraFiles } : {}) };
}

/** Does this top-level statement call `require(…)` anywhere (`const Pool = require('pg').Pool`)? */
function requiresSomething(s: Node): boolean {
  let found = false;
  walk(s, (n: Node) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require') found = true;
    return !found;
  });
  return found;
}

/** Will the file's own module system read an `import`? (Else the helper is `require`d.) */
function usesEsmSyntax(program: Node, file: string): boolean {
  if (program.body.some((s: Node) => /^(Import|Export)/.test(s.type))) return true;
  const ext = path.extname(file).toLowerCase();
  if (ext === '.mjs' || ext === '.mts') return true;
  if (ext === '.cjs' || ext === '.cts') return false;
  if (isTypeScriptFile(file)) return true;
  const root = packageRoot(path.dirname(file));
  const type = root ? packageJson(root)?.type : undefined;
  return type === 'module';
}

/**
 * The helper's import, placed as text on its own line right after the line of the file's last import (or
 * require), so neither recast's reprinting nor a trailing comment on that line is disturbed. Without one,
 * it goes after a shebang, leading comments and a 'use strict' directive.
 */
function importStatement(program: Node, source: string, file: string, name: string, specifier: string, quote: string): { text: string; at: number } {
  const body: Node[] = program.body;
  const esm = usesEsmSyntax(program, file);
  const q = `${quote}${specifier}${quote}`;
  const text = esm
    ? `import { ${name === 'withSession' ? 'withSession' : `withSession as ${name}`} } from ${q};`
    : `const { ${name === 'withSession' ? 'withSession' : `withSession: ${name}`} } = require(${q});`;
  let last: Node | null = null;
  for (const s of body) if (s.type === 'ImportDeclaration' || (!esm && requiresSomething(s))) last = s;
  if (last && typeof last.end === 'number') {
    const newline = source.indexOf('\n', last.end);
    return { text, at: newline < 0 ? source.length : newline + 1 };
  }
  const lead = /^(?:#![^\n]*\n)?(?:(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/|(['"])use strict\1;?|[ \t]*)[ \t]*\r?\n)*/.exec(source);
  return { text, at: lead ? lead[0].length : 0 };
}

/** Insert the import line at its offset in the original text, which the printed text shares up to there. */
function insertImport(printed: string, original: string, line: { text: string; at: number }, eol: string): string {
  const at = printed.slice(0, line.at) === original.slice(0, line.at) ? line.at : 0;
  const needsBreak = at > 0 && !printed.slice(0, at).endsWith('\n');
  return printed.slice(0, at) + (needsBreak ? eol : '') + line.text + eol + printed.slice(at);
}
