// `leakproof doctor`: the facts that decide how leakproof rewrites a package, gathered without printing.
// Everything comes from the same helpers the transforms use (packageInfo, the catalogue, the config
// loader), so the report cannot disagree with what a run would do.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LIBRARIES, type LibrarySpec } from '../catalog/js';
import { ConfigError, loadConfig } from '../config/load';
import { packageRootsFor } from '../config/roots';
import type { CompilerFact } from '../js/project/compilers';
import { installedVersion, minimumNode, packageJson, type PackageJson } from '../js/project/packageInfo';
import { declaredInScope } from '../js/project/scope';
import { describeEvidence, evidenceMinimum, type RuntimeCheck } from '../js/project/runtime';
import { atLeast, formatVersion, rangeMinimum } from '../core/semver';
import { decideUsing, type UsingDecision } from '../js/project/usingDecision';

export const FALLBACK_STYLE = 'with-session (library callback) or try-finally';

export interface VersionFact {
  /** Installed version, else the lowest the declared range admits; null when neither is known. */
  version: string | null;
  source: 'installed' | 'declared' | null;
  /** The range package.json declares, if any. */
  declared: string | null;
}

export interface TsconfigFact {
  /** Relative to the package root (posix); `../tsconfig.json` when the workspace's compiles the package. */
  file: string;
  target: string | null;
  lib: string[] | null;
  types: string[] | null;
  /** `extends` entries that could not be read: options they set are unknown. */
  unresolved: string[];
  /** Whether `using` type-checks and why (lib or @types/node); null when the TypeScript version predates it or is unknown. */
  disposableTypes: { ok: boolean; by: string } | null;
}

export interface ResourceFact {
  kind: string;
  noun: string;
  /** Does the version in use dispose this resource natively? null: the deciding version is unknown. */
  native: boolean | null;
  /** First version with the native disposer; null when no version has one. */
  since: string | null;
  /** Package whose version decides (`node`: the engines lower bound). */
  decidedBy: string;
  dispose: 'async' | 'sync' | null;
}

export interface LibraryFact {
  library: string;
  package: string;
  version: string | null;
  /** `engines`: the `node` pseudo-package, read from engines.node. */
  source: 'installed' | 'declared' | 'engines' | null;
  /** The range package.json declares (null: not declared, e.g. installed as a dependency of a dependency). */
  declared: string | null;
  resources: ResourceFact[];
  /** Callbacks the with-session style maps manual handles onto (`knex.transaction(cb)`). */
  callbacks: string[];
}

export interface StyleFact {
  /** What `--style auto` uses for this kind of file. */
  auto: 'using' | typeof FALLBACK_STYLE;
  /** Why `using` runs there, when it does. */
  via: string | null;
  /** Why it does not, when it does not. */
  reason: string | null;
  /** The first change `await using` needs (it clears the first obstacle); null when it is already enabled. */
  change: string | null;
  /** What compiles these files, and whether each compiles `using` down. */
  compilers: CompilerFact[];
}

export interface NodeEvidenceFact {
  source: string;
  /** Relative to the package root (posix). */
  file: string;
  text: string;
  /** In words, as reasons cite it: `engines.node ">=20" (package.json)`, `.nvmrc "26"`. */
  said: string;
  /** Lowest version it admits; null when it names none (`lts/*`). */
  minimum: string | null;
}

export interface RuntimeCheckFact {
  ok: boolean;
  /** The evidence that decided, in words; null when nothing says. */
  by: string | null;
}

export interface ConfigFact {
  /** Relative to the package root. */
  file: string | null;
  error: string | null;
  resources: { library: string; module: string; acquire: string; release: string; async: boolean }[];
  ignore: string[];
  style: string | null;
}

export interface PackageFacts {
  /** Absolute. */
  root: string;
  /** Relative to the current directory (posix; `.` for itself). */
  path: string;
  name: string | null;
  typescript: VersionFact;
  tsconfig: TsconfigFact | null;
  node: {
    engines: string | null;
    /** Lowest Node the engines range admits. */
    minimum: string | null;
    /** Everything that says which Node runs the package (runtime.ts weighs it). */
    evidence: NodeEvidenceFact[];
    /** Proven to run on Node >= 24, which parses `using` as written. */
    runsUsingAsWritten: RuntimeCheckFact;
    /** Proven to have Symbol.dispose/asyncDispose (>= 20.4, 18.18), which compiled-down `using` calls. */
    hasDisposeSymbols: RuntimeCheckFact;
  };
  libraries: LibraryFact[];
  styles: { ts: StyleFact; js: StyleFact };
  /** tsconfig.json files in the package's sub-folders under which `auto` decides otherwise for `.ts` files. */
  subfolders: { tsconfig: string; ts: StyleFact }[];
  config: ConfigFact | null;
}

export interface DoctorFacts {
  version: 1;
  packages: PackageFacts[];
}

const posix = (p: string) => p.split(path.sep).join('/');

function declaredRange(json: PackageJson | null, pkg: string): string | null {
  return json?.dependencies?.[pkg] ?? json?.devDependencies?.[pkg] ?? json?.peerDependencies?.[pkg] ?? null;
}

function versionFact(root: string, json: PackageJson | null, pkg: string, inScope = false): VersionFact {
  // TypeScript is often declared once, at the workspace root: the decision reads it from there too.
  const declared = declaredRange(json, pkg) ?? (inScope ? (declaredInScope(root, pkg)?.range ?? null) : null);
  const installed = installedVersion(root, pkg);
  if (installed) return { version: installed, source: 'installed', declared };
  const min = rangeMinimum(declared ?? undefined);
  return { version: min ? formatVersion(min) : null, source: min ? 'declared' : null, declared };
}

function tsconfigFact(root: string, d: UsingDecision): TsconfigFact | null {
  if (!d.tsconfig) return null;
  const o = d.tsconfig.options;
  return { file: posix(path.relative(root, d.tsconfig.file)), target: o.target ?? null, lib: o.lib ?? null, types: o.types ?? null, unresolved: d.tsconfig.unresolved, disposableTypes: d.disposableTypes };
}

function libraryFact(root: string, json: PackageJson | null, lib: LibrarySpec): LibraryFact | null {
  const isNode = lib.packageName === 'node';
  // The runtime's version is the engines lower bound, as the transforms read it for native disposers.
  const own = isNode ? { version: minimumNode(root), source: 'engines' as const, declared: null } : versionFact(root, json, lib.packageName);
  // Libraries the package cannot reach are left out; the runtime always counts.
  if (!own.version && !isNode) return null;
  const resources = lib.resources.map((r): ResourceFact => {
    const decidedBy = r.native?.package ?? lib.packageName;
    if (!r.native) return { kind: r.kind, noun: r.noun, native: false, since: null, decidedBy, dispose: null };
    const version = decidedBy === lib.packageName ? own.version : decidedBy === 'node' ? minimumNode(root) : versionFact(root, json, decidedBy).version;
    return { kind: r.kind, noun: r.noun, native: version ? atLeast(version, r.native.since) : null, since: r.native.since, decidedBy, dispose: r.native.dispose };
  });
  const callbacks = (lib.callbacks ?? []).map((c) => `${c.owner}.${c.callback}(${c.chain ? `)….${c.chain}(` : ''}cb) for a manual ${c.noun}`);
  return { library: lib.library, package: lib.packageName, version: own.version, source: own.version || isNode ? own.source : null, declared: own.declared, resources, callbacks };
}

function styleFact(d: UsingDecision): StyleFact {
  if (d.ok) return { auto: 'using', via: d.via, reason: null, change: null, compilers: d.compilers };
  return { auto: FALLBACK_STYLE, via: null, reason: d.reason, change: d.change, compilers: d.compilers };
}

function checkFact(check: RuntimeCheck, root: string): RuntimeCheckFact {
  return { ok: check.ok, by: check.evidence ? `${describeEvidence(check.evidence, root)}: ${check.ok ? 'from' : 'admits'} Node ${evidenceMinimum(check.evidence)}` : null };
}

function configFact(root: string): ConfigFact | null {
  try {
    const c = loadConfig(root);
    if (!c) return null;
    return {
      file: posix(path.relative(root, c.file)),
      error: null,
      resources: c.resources.map((r) => ({ library: r.library, module: r.module, acquire: r.acquire, release: r.release, async: r.async })),
      ignore: c.ignore,
      style: c.style ?? null,
    };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { file: posix(path.relative(root, e.file)), error: e.message, resources: [], ignore: [], style: null };
  }
}

const SKIPPED = new Set(['node_modules', 'dist', 'build', 'out', 'coverage']);

/** tsconfig.json files below the package root (not in nested packages, build output or dot-directories). */
function tsconfigsBelow(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (dir !== root && entries.some((e) => e.name === 'package.json')) return; // its own package
    if (dir !== root && entries.some((e) => e.name === 'tsconfig.json' && e.isFile())) found.push(path.join(dir, 'tsconfig.json'));
    if (depth === 0) return;
    for (const e of entries) if (e.isDirectory() && !SKIPPED.has(e.name) && !e.name.startsWith('.')) walk(path.join(dir, e.name), depth - 1);
  };
  walk(root, 5);
  return found.sort();
}

/** Every fact for the package rooted at `root`. */
export function packageFacts(root: string, cwd: string): PackageFacts {
  const json = packageJson(root);
  // The same decisions a run makes, for a file at the package root (it need not exist).
  const ts = decideUsing(path.join(root, '__leakproof_doctor__.ts'));
  const js = decideUsing(path.join(root, '__leakproof_doctor__.js'));
  return {
    root,
    path: posix(path.relative(cwd, root)) || '.',
    name: typeof json?.name === 'string' ? json.name : null,
    typescript: versionFact(root, json, 'typescript', true),
    tsconfig: tsconfigFact(root, ts),
    node: {
      engines: json?.engines?.node ?? null,
      minimum: minimumNode(root),
      evidence: ts.runtime.evidence.map((e) => ({ source: e.source, file: posix(path.relative(root, e.file)) || 'package.json', text: e.text, said: describeEvidence(e, root), minimum: evidenceMinimum(e) })),
      runsUsingAsWritten: checkFact(ts.nativeUsing, root),
      hasDisposeSymbols: checkFact(ts.disposeSymbols, root),
    },
    libraries: LIBRARIES.map((lib) => libraryFact(root, json, lib)).filter((l): l is LibraryFact => l !== null),
    styles: { ts: styleFact(ts), js: styleFact(js) },
    // A file under a sub-folder's own tsconfig.json is decided by that one: the doctor shows where it differs.
    subfolders: tsconfigsBelow(root)
      .map((file) => ({ tsconfig: posix(path.relative(root, file)), ts: styleFact(decideUsing(path.join(path.dirname(file), '__leakproof_doctor__.ts'))) }))
      .filter((s) => (s.ts.auto === 'using') !== ts.ok),
    config: configFact(root),
  };
}

/** Facts for every package root at or under `target` (and the one it sits in); dot-directories and node_modules skipped. */
export function gatherFacts(target: string, cwd: string): DoctorFacts {
  const roots = packageRootsFor(path.resolve(cwd, target), { skipHidden: true });
  return { version: 1, packages: roots.map((root) => packageFacts(root, cwd)) };
}
