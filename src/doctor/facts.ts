// `leakproof doctor`: the facts that decide how leakproof rewrites a package, gathered without printing.
// Everything comes from the same helpers the transforms use (packageInfo, the catalogue, the config
// loader), so the report cannot disagree with what a run would do.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LIBRARIES, type LibrarySpec } from '../catalog';
import { ConfigError, loadConfig } from '../config/load';
import { packageRootsFor } from '../config/roots';
import { installedVersion, minimumNode, nearestTsconfig, packageJson, usingSupport, type PackageJson } from '../project/packageInfo';
import { atLeast, formatVersion, rangeMinimum } from '../project/semver';

export const FALLBACK_STYLE = 'with-session (library callback) or try-finally';
const BABEL_PLUGIN = '@babel/plugin-transform-explicit-resource-management';
const DISPOSABLE_LIBS = ['esnext', 'esnext.full', 'esnext.disposable'];

export interface VersionFact {
  /** Installed version, else the lowest the declared range admits; null when neither is known. */
  version: string | null;
  source: 'installed' | 'declared' | null;
  /** The range package.json declares, if any. */
  declared: string | null;
}

export interface TsconfigFact {
  /** Relative to the package root (posix). */
  file: string;
  target: string | null;
  lib: string[] | null;
  /** `esnext.disposable` (or `esnext`, `esnext.full`) is in lib; without lib, target esnext. */
  disposableLib: boolean;
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
  /** Why `using` is possible (`TypeScript 5.9.3`), when it is. */
  via: string | null;
  /** Why it is not, when it is not. */
  reason: string | null;
  /** The one change that would enable `await using`; null when it is already enabled. */
  change: string | null;
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
  node: { engines: string | null; minimum: string | null };
  babel: { plugin: boolean; presetEnv: VersionFact; explicitResourceManagement: boolean; uses: boolean };
  libraries: LibraryFact[];
  styles: { ts: StyleFact; js: StyleFact };
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

function versionFact(root: string, json: PackageJson | null, pkg: string): VersionFact {
  const declared = declaredRange(json, pkg);
  const installed = installedVersion(root, pkg);
  if (installed) return { version: installed, source: 'installed', declared };
  const min = rangeMinimum(declared ?? undefined);
  return { version: min ? formatVersion(min) : null, source: min ? 'declared' : null, declared };
}

function tsconfigFact(root: string): TsconfigFact | null {
  const found = nearestTsconfig(root);
  if (!found) return null;
  const lib = found.options.lib ?? null;
  const target = found.options.target ?? null;
  const disposableLib = lib ? lib.some((l) => DISPOSABLE_LIBS.includes(l.toLowerCase())) : target?.toLowerCase() === 'esnext';
  return { file: posix(path.relative(root, found.file)) || 'tsconfig.json', target, lib, disposableLib };
}

function libraryFact(root: string, json: PackageJson | null, lib: LibrarySpec): LibraryFact | null {
  const isNode = lib.packageName === 'node';
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
  return { library: lib.library, package: lib.packageName, version: own.version, source: own.version ? own.source : null, declared: own.declared, resources, callbacks };
}

function usesBabel(root: string, json: PackageJson | null): boolean {
  if (json?.babel !== undefined || declaredRange(json, '@babel/core') || declaredRange(json, '@babel/preset-env') || declaredRange(json, BABEL_PLUGIN)) return true;
  return ['.babelrc', '.babelrc.json', '.babelrc.js', 'babel.config.js', 'babel.config.json', 'babel.config.cjs', 'babel.config.mjs'].some((f) => fs.existsSync(path.join(root, f)));
}

function styleFact(root: string, ext: '.ts' | '.js', facts: Pick<PackageFacts, 'typescript' | 'tsconfig' | 'node' | 'babel'>): StyleFact {
  // A file that does not exist: usingSupport only needs its directory and extension.
  const support = usingSupport(path.join(root, `__leakproof_doctor__${ext}`));
  if (support.ok) return { auto: 'using', via: support.via, reason: null, change: null };
  let change: string;
  if (ext === '.ts') {
    const ts = facts.typescript.version;
    if (!ts) change = 'install typescript >= 5.2';
    else if (!atLeast(ts, '5.2.0')) change = `upgrade typescript to >= 5.2 (${facts.typescript.source === 'installed' ? 'installed' : 'declared'}: ${ts})`;
    else change = `add "esnext.disposable" to compilerOptions.lib in ${facts.tsconfig?.file ?? 'tsconfig.json'}`;
  } else if (facts.babel.uses) {
    const preset = facts.babel.presetEnv;
    change = preset.declared && preset.version && !atLeast(preset.version, '7.28.0') ? 'upgrade @babel/preset-env to >= 7.28' : `add ${BABEL_PLUGIN}`;
  } else {
    change = `require Node >= 24 in engines (engines.node is ${facts.node.engines ? JSON.stringify(facts.node.engines) : 'not set'})`;
  }
  return { auto: FALLBACK_STYLE, via: null, reason: support.reason, change };
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

/** Every fact for the package rooted at `root`. */
export function packageFacts(root: string, cwd: string): PackageFacts {
  const json = packageJson(root);
  const presetEnv = versionFact(root, json, '@babel/preset-env');
  const plugin = !!declaredRange(json, BABEL_PLUGIN);
  const base = {
    typescript: versionFact(root, json, 'typescript'),
    tsconfig: tsconfigFact(root),
    node: { engines: json?.engines?.node ?? null, minimum: minimumNode(root) },
    babel: {
      plugin,
      presetEnv,
      explicitResourceManagement: plugin || (!!presetEnv.declared && atLeast(presetEnv.version, '7.28.0')),
      uses: usesBabel(root, json),
    },
  };
  return {
    root,
    path: posix(path.relative(cwd, root)) || '.',
    name: typeof json?.name === 'string' ? json.name : null,
    ...base,
    libraries: LIBRARIES.map((lib) => libraryFact(root, json, lib)).filter((l): l is LibraryFact => l !== null),
    styles: { ts: styleFact(root, '.ts', base), js: styleFact(root, '.js', base) },
    config: configFact(root),
  };
}

/** Facts for every package root at or under `target` (and the one it sits in); dot-directories and node_modules skipped. */
export function gatherFacts(target: string, cwd: string): DoctorFacts {
  const roots = packageRootsFor(path.resolve(cwd, target), { skipHidden: true });
  return { version: 1, packages: roots.map((root) => packageFacts(root, cwd)) };
}
