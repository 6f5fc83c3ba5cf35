import * as path from 'node:path';
import { compilersFor, type CompilerFact } from './compilers';
import { installedVersion, knownVersion, packageRoot } from './packageInfo';
import { describeEvidence, evidenceMinimum, hasDisposeSymbols, runsUsingNatively, runtimeFacts, type RuntimeCheck, type RuntimeFacts } from './runtime';
import { declaredInScope, repositoryRoot } from './scope';
import { atLeast, formatVersion, rangeMinimum } from '../../core/semver';
import { nearestTsconfigFile, tsconfigAt, type TsconfigInfo } from './tsconfig';

// May a file hold `using` declarations? The one place that decides, for the transforms (through
// usingSupport) and for `leakproof doctor`. Yes only when the code that will run accepts it:
//  1. TypeScript: the package's TypeScript is >= 5.2 and the file's tsconfig gives it the disposable types
//     (lib esnext / esnext.full / esnext.disposable, or @types/node >= 20.4 in reach), so it type-checks;
//  2. then either every compiler in reach compiles `using` down (compilers.ts) and every Node that may run
//     the result has Symbol.dispose/asyncDispose (>= 20.4, or 18.18 on the 18 line), or the package is
//     proven to run on Node >= 24, which parses `using` as written (runtime.ts weighs the evidence).
// Anything unproven is a no, with the reason and the first change it needs (the smallest that clears the
// first obstacle found).

const DISPOSABLE_LIBS = new Set(['esnext', 'esnext.full', 'esnext.disposable']);

export interface DisposableTypes {
  ok: boolean;
  /** `lib esnext.disposable`, `@types/node 20.19.43`, or why neither applies. */
  by: string;
}

export interface UsingDecision {
  ok: boolean;
  language: 'ts' | 'js';
  /** Why `using` runs there (short), when ok. */
  via: string | null;
  /** Why not, when not ok. */
  reason: string | null;
  /** The first change `using` needs; null when it is a yes. */
  change: string | null;
  /** Package root (absolute) the facts were read for. */
  root: string;
  typescript: string | null;
  tsconfig: TsconfigInfo | null;
  disposableTypes: DisposableTypes | null;
  compilers: CompilerFact[];
  runtime: RuntimeFacts;
  /** Node >= 24 proven (runs `using` as written). */
  nativeUsing: RuntimeCheck;
  /** Symbol.dispose/asyncDispose proven (runs compiled-down `using`). */
  disposeSymbols: RuntimeCheck;
}

function disposableTypes(tsconfig: TsconfigInfo | null, typescript: string, root: string, rel: string): DisposableTypes {
  const lib = tsconfig?.options.lib;
  const named = lib?.find((l) => DISPOSABLE_LIBS.has(l.toLowerCase()));
  if (named) return { ok: true, by: `lib ${named}` };
  if (!lib && tsconfig?.options.target?.toLowerCase() === 'esnext') return { ok: true, by: `the default lib of target ${tsconfig.options.target}` };
  // @types/node declares Symbol.dispose/asyncDispose and Disposable from 20.4. TypeScript before 6 includes
  // every @types package unless `types` lists others; from 6 only those `types` lists.
  const nodeTypes = installedVersion(root, '@types/node') ?? ((r) => (r ? formatVersion(r) : null))(rangeMinimum(declaredInScope(root, '@types/node')?.range));
  const types = tsconfig?.options.types;
  const included = types ? types.includes('node') : !atLeast(typescript, '6.0.0');
  if (nodeTypes && atLeast(nodeTypes, '20.4.0') && included) return { ok: true, by: `@types/node ${nodeTypes}` };
  const libText = lib ? `compilerOptions.lib (${lib.join(', ')}) has no esnext.disposable` : tsconfig?.unresolved.length && !lib ? `its lib comes from ${tsconfig.unresolved.join(', ')}, which could not be read` : 'the default lib has no esnext.disposable';
  const typesText = !nodeTypes
    ? 'no @types/node'
    : !atLeast(nodeTypes, '20.4.0')
      ? `@types/node ${nodeTypes} is older than 20.4`
      : `@types/node is not in compilerOptions.types${types ? '' : ` (TypeScript ${typescript} includes only what it lists)`}`;
  return { ok: false, by: `${rel}: ${libText}, and ${typesText}` };
}

const names = (cs: CompilerFact[]) => cs.map((c) => c.name).join(', ');

/** What the evidence says is wrong with the runtime, for a reason. */
function runtimeProblem(check: RuntimeCheck, root: string, needs: 'using' | 'symbols'): string {
  if (check.evidence) {
    const min = evidenceMinimum(check.evidence);
    const lacks = needs === 'using' ? 'which cannot parse `using` (Node parses it from 24)' : 'which lacks Symbol.asyncDispose (Node has it from 20.4, and 18.18)';
    return `${describeEvidence(check.evidence, root)} admits Node ${min}, ${lacks}`;
  }
  // (What names Node without a version, `FROM node:lts`, is no proof: said as it is, not as nothing.)
  const vague = check.vague?.length ? `${check.vague.map((e) => describeEvidence(e, root)).join(', ')} ${check.vague.length === 1 ? 'names' : 'name'} no version` : null;
  return needs === 'using'
    ? `nothing proves the code runs on Node >= 24, the first that parses \`using\` (${vague ?? 'no engines.node, .nvmrc, .node-version or Dockerfile FROM node in the package\'s folder or above it'})`
    : `nothing says the code runs on a Node with Symbol.asyncDispose (>= 20.4)${vague ? ` (${vague})` : ''}`;
}

function runtimeChange(check: RuntimeCheck, root: string, version: string): string {
  const e = check.evidence;
  if (!e) return `require Node >= ${version} in engines.node`;
  const where = path.relative(root, e.file).split(path.sep).join('/') || path.basename(e.file);
  switch (e.source) {
    case 'engines.node':
    case 'volta.node':
      return `require Node >= ${version} in ${e.source} of ${where} (now ${JSON.stringify(e.text)})`;
    case '@types/node':
      return `upgrade @types/node to >= ${version} (now ${e.text}), matching the Node that runs the code`;
    case 'Dockerfile':
      return `run Node >= ${version} in ${where} (now ${e.text})`;
    default:
      return `set ${where} to Node >= ${version} (now ${JSON.stringify(e.text)})`;
  }
}

const cache = new Map<string, UsingDecision>();

/** The decision for a file (it need not exist: its directory and extension decide). */
export function decideUsing(file: string): UsingDecision {
  const absolute = path.resolve(file);
  const dir = path.dirname(absolute);
  const ext = path.extname(absolute).toLowerCase();
  const language = ext === '.ts' || ext === '.tsx' || ext === '.mts' || ext === '.cts' ? 'ts' : 'js';
  const key = `${dir}\0${language}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const decision = decide(dir, language);
  cache.set(key, decision);
  return decision;
}

function decide(dir: string, language: 'ts' | 'js'): UsingDecision {
  const root = packageRoot(dir) ?? dir;
  const runtime = runtimeFacts(root);
  const base = {
    language,
    root,
    runtime,
    nativeUsing: runsUsingNatively(runtime),
    disposeSymbols: hasDisposeSymbols(runtime),
    typescript: null as string | null,
    tsconfig: null as TsconfigInfo | null,
    disposableTypes: null as DisposableTypes | null,
    compilers: [] as CompilerFact[],
  };
  const no = (reason: string, change: string): UsingDecision => ({ ...base, ok: false, via: null, reason, change });
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/') || path.basename(f);

  if (language === 'ts') {
    const declared = declaredInScope(root, 'typescript');
    const ts = knownVersion(dir, 'typescript') ?? ((r) => (r ? formatVersion(r) : null))(rangeMinimum(declared?.range));
    base.typescript = ts;
    const tsconfigFile = nearestTsconfigFile(dir, root, repositoryRoot(root));
    base.tsconfig = tsconfigFile ? tsconfigAt(tsconfigFile) : null;
    if (!ts) return no('no TypeScript version could be found for this file (not installed, not declared)', 'install typescript >= 5.2');
    if (!atLeast(ts, '5.2.0')) return no(`TypeScript ${ts} is older than 5.2, the first with \`using\``, `upgrade typescript to >= 5.2 (${installedVersion(dir, 'typescript') ? 'installed' : 'declared'}: ${ts})`);
    const where = tsconfigFile ? rel(tsconfigFile) : 'tsconfig.json';
    base.compilers = compilersFor(root, language, base.tsconfig, ts);
    base.disposableTypes = disposableTypes(base.tsconfig, ts, root, tsconfigFile ? where : 'no tsconfig.json');
    if (!base.disposableTypes.ok) {
      const unread = base.tsconfig && !base.tsconfig.options.lib && base.tsconfig.unresolved.length ? base.tsconfig.unresolved : null;
      const change = unread
        ? `install the package's dependencies, so that ${unread.join(', ')} can be read`
        : tsconfigFile
          ? `add "esnext.disposable" to compilerOptions.lib in ${where}`
          : 'add a tsconfig.json with "esnext.disposable" in compilerOptions.lib';
      return no(`\`using\` would not type-check: ${base.disposableTypes.by}`, change);
    }
  }

  if (language === 'js') base.compilers = compilersFor(root, language, null, null);
  const compilers = base.compilers;
  const other = compilers.find((c) => c.notNode);
  if (other) return no(`${other.detail}: leakproof knows which Node versions run \`using\`, not which ${other.name} versions do`, `none leakproof can check (it knows Node's support for \`using\`, not ${other.name}'s)`);

  const lowering = compilers.length > 0 && compilers.every((c) => c.lowering === 'lowers');
  if (lowering) {
    const symbols = base.disposeSymbols;
    const what = `${names(compilers)} compile${compilers.length === 1 ? 's' : ''} \`using\` down`;
    if (symbols.ok) {
      const node = symbols.evidence ? `Node ${evidenceMinimum(symbols.evidence)}+ (${symbols.evidence.source})` : 'Node';
      return { ...base, ok: true, via: `${what}; ${node} has Symbol.asyncDispose`, reason: null, change: null };
    }
    return no(`${what}, but the compiled code calls Symbol.asyncDispose: ${runtimeProblem(symbols, root, 'symbols')}`, runtimeChange(symbols, root, '20.4'));
  }

  const native = base.nativeUsing;
  if (native.ok && native.evidence) {
    // (What another of its compilers compiles down calls Symbol.asyncDispose, which that Node has: said too.)
    const lowers = compilers.filter((c) => c.lowering === 'lowers');
    const also = lowers.length ? `; it also has Symbol.dispose and Symbol.asyncDispose, which the code ${names(lowers)} make${lowers.length === 1 ? 's' : ''} of \`using\` calls` : '';
    return { ...base, ok: true, via: `Node ${evidenceMinimum(native.evidence)}+ runs \`using\` as written (${describeEvidence(native.evidence, root)}${also})`, reason: null, change: null };
  }
  const blockers = compilers.filter((c) => c.lowering !== 'lowers');
  const blocker = blockers.find((c) => c.lowering === 'keeps') ?? blockers[0];
  const emitted =
    language === 'ts' && !blocker
      ? `nothing found compiles this TypeScript (${base.tsconfig ? `${rel(base.tsconfig.file)} has noEmit` : 'no tsconfig.json'}, and no build tool is declared)`
      : blocker!.summary;
  const reason = `${emitted}; ${runtimeProblem(native, root, 'using')}`;
  // The smallest change: tsc's target below ESNext when tsc alone keeps `using` and the runtime has the
  // symbols; the Babel plugin when Babel alone does; else a Node >= 24 requirement.
  const esnext = blockers.length > 0 && blockers.every((c) => c.esnextTsconfig) ? blockers[0].esnextTsconfig : null;
  if (esnext && base.disposeSymbols.ok) return no(reason, `set compilerOptions.target below ESNext (e.g. ES2022) in ${esnext}: tsc then compiles \`using\` down`);
  // A target leakproof could not read (an `extends` from a package not installed) may well lower `using`.
  if (blockers.length > 0 && blockers.every((c) => c.unreadExtends) && base.disposeSymbols.ok) {
    return no(reason, `install the package's dependencies, so that ${[...new Set(blockers.flatMap((c) => c.unreadExtends!))].join(', ')} can be read`);
  }
  if (blockers.length === 1 && blocker?.name === 'Babel' && base.disposeSymbols.ok) {
    const old = /older than 7\.28/.test(blocker.detail);
    return no(reason, old ? 'upgrade @babel/preset-env to >= 7.28' : 'add @babel/plugin-transform-explicit-resource-management to the Babel config');
  }
  return no(reason, runtimeChange(native, root, '24'));
}

export function clearDecisionCache(): void {
  cache.clear();
}
