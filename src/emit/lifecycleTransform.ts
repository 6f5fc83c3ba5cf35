// The `await-using` transform: parse, find lifecycles, decide each one's verdict for this file's toolchain,
// emit, print. Reports and rewrites come from the same lifecycle model.
import * as path from 'node:path';
import jscodeshift from 'jscodeshift';
import { defaultCatalog } from '../catalog';
import type { Finding, TransformOptions, TransformOutput } from '../model';
import { parserFor } from '../parse/parsers';
import { joinText, splitText } from '../parse/text';
import { findLifecycles, type Lifecycle } from '../analysis/lifecycles';
import { Provenance } from '../analysis/provenance';
import { LIFECYCLE_REASONS, reasonText, type ReasonId } from '../analysis/reasons';
import { atLeast } from '../project/semver';
import { knownVersion, minimumNode, usingSupport } from '../project/packageInfo';
import { declaredNames, enclosingFunction, walk, type Node, type Path } from '../analysis/ast';
import { emitUsing } from './using';

export const USING_REASONS: Record<string, string> = { ...LIFECYCLE_REASONS };

const prefilter = defaultCatalog.prefilterPattern();

interface NativeChoice {
  native: boolean;
  async: boolean;
  version: string | null;
}

/** Does the installed library dispose this resource natively, with the effect of the removed call? */
function nativeChoice(lc: Lifecycle, file: string): NativeChoice {
  const spec = lc.resource.native;
  const no = { native: false, async: false, version: null };
  if (!spec || !spec.sameAs.includes(lc.release.method)) return no;
  if (spec.decidesTransaction && lc.hasTransaction) return no;
  // An unawaited async release is fire-and-forget; a native `await using` would wait for it.
  if (lc.release.async && !lc.releaseAwaited) return no;
  if (spec.dispose === 'async' && !lc.isAsyncContext) return no;
  const dir = path.dirname(file);
  const pkg = spec.package ?? lc.kind.lib.packageName;
  const version = pkg === 'node' ? minimumNode(dir) : knownVersion(dir, pkg);
  if (!version || !atLeast(version, spec.since)) return no;
  return { native: true, async: spec.dispose === 'async', version };
}

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
    reason: reasonText(fields.reasonId, { noun: lc.resource.noun, library: lc.library, method: lc.release.method, ...values }),
  };
}

export function runUsingTransform(source: string, file: string, options: TransformOptions, transform: string): TransformOutput {
  const text = splitText(source);
  if (!prefilter.test(text.body)) return { source: null, findings: [] };
  const absolute = path.resolve(file);
  const j = jscodeshift.withParser(parserFor(file) as never);
  const root = j(text.body);
  const rootPath = root.paths()[0] as Path;
  const provenance = new Provenance(defaultCatalog, absolute);
  const lifecycles = findLifecycles(rootPath, { catalog: defaultCatalog, file: absolute, provenance });
  if (lifecycles.length === 0) return { source: null, findings: [] };

  const support = usingSupport(absolute);
  const findings: Finding[] = [];
  const toEmit: { lc: Lifecycle; choice: NativeChoice }[] = [];
  for (const lc of lifecycles) {
    if (!lc.verdict.fix) {
      findings.push(finding(transform, lc, { reasonId: lc.verdict.reasonId }, { detail: lc.verdict.detail, method: lc.verdict.method ?? lc.release.method }));
      continue;
    }
    const choice = nativeChoice(lc, absolute);
    const using = choice.native ? (choice.async ? 'await using' : 'using') : lc.release.async && lc.releaseAwaited ? 'await using' : 'using';
    if (!support.ok) {
      findings.push(finding(transform, lc, { reasonId: 'using-unsupported' }, { detail: support.reason }));
      continue;
    }
    if (options.reportOnly) {
      findings.push(finding(transform, lc, { reasonId: 'would-fix' }, { using }));
      continue;
    }
    toEmit.push({ lc, choice });
    findings.push(
      finding(
        transform,
        lc,
        { outcome: 'fixed', style: 'using', reasonId: choice.native ? 'fixed-native' : 'fixed-adapter' },
        { using, version: choice.version ?? undefined },
      ),
    );
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column);
  if (toEmit.length === 0) return { source: null, findings };

  // Generated names only need to be unique where they are visible: in the enclosing function, next to
  // the module's own declarations. Names generated earlier in the same function are remembered.
  const moduleNames = new Set<string>();
  for (const s of rootPath.node.program.body) for (const n of declaredNames(s)) moduleNames.add(n);
  const perFunction = new Map<Node, Set<string>>();
  const namesInScopeOf = (block: Path): Set<string> => {
    const fn = enclosingFunction(block).node;
    let names = perFunction.get(fn);
    if (!names) {
      names = new Set(moduleNames);
      walk(fn, (n: Node) => void (n.type === 'Identifier' && names!.add(n.name)), true);
      perFunction.set(fn, names);
    }
    return names;
  };
  // Parsed by recast, so the snippet keeps its own one-line layout when printed into the file.
  const parseStatement = (code: string): Node => (j(code).paths()[0] as Path).node.program.body[0];
  // Latest acquire first: bounding an inner region into a block never moves an outer one's statements.
  for (const { lc, choice } of toEmit.reverse()) {
    emitUsing(lc, {
      native: choice.native,
      nativeAsync: choice.async,
      adapter: options.adapter ?? 'object',
      usedNames: namesInScopeOf(lc.block),
      parseStatement,
    });
  }
  const printed = root.toSource({ lineTerminator: text.eol });
  const output = joinText(text, printed);
  return { source: output === source ? null : output, findings };
}
