import * as fs from 'node:fs';
import * as path from 'node:path';

// The tsconfig that compiles a file, read the way tsc reads it: comments and trailing commas allowed,
// `extends` as a string or an array, relative or from a package in node_modules. Only the options that
// decide whether `using` compiles, and how it is emitted, are kept.

export interface TsconfigOptions {
  target?: string;
  lib?: string[];
  types?: string[];
  importHelpers?: boolean;
  noEmitHelpers?: boolean;
  noEmit?: boolean;
  emitDeclarationOnly?: boolean;
}

export interface TsconfigInfo {
  /** Absolute path of the tsconfig file. */
  file: string;
  options: TsconfigOptions;
  /** ts-node's block: `swc: true` or a `transpiler` hands the compile to another tool. */
  tsNode: { swc?: boolean; transpiler?: unknown; compiler?: string } | null;
  /** `extends` entries that could not be read (a package not installed): options they set are unknown. */
  unresolved: string[];
}

interface RawTsconfig {
  extends?: string | string[];
  compilerOptions?: Record<string, unknown>;
  'ts-node'?: Record<string, unknown>;
}

/** Strip comments and trailing commas from tsconfig-style JSON, leaving strings intact. */
export function parseJsonc(text: string): unknown {
  const noComments = text.replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (m, str) => str ?? '');
  return JSON.parse(noComments.replace(/,(\s*[}\]])/g, '$1'));
}

function pick(raw: Record<string, unknown> | undefined): TsconfigOptions {
  const o: TsconfigOptions = {};
  if (!raw) return o;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
  const bool = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
  const set = <K extends keyof TsconfigOptions>(k: K, v: TsconfigOptions[K] | undefined) => {
    if (v !== undefined) o[k] = v;
  };
  set('target', str(raw.target));
  set('lib', list(raw.lib));
  set('types', list(raw.types));
  set('importHelpers', bool(raw.importHelpers));
  set('noEmitHelpers', bool(raw.noEmitHelpers));
  set('noEmit', bool(raw.noEmit));
  set('emitDeclarationOnly', bool(raw.emitDeclarationOnly));
  return o;
}

/** Where `extends: spec` points from `fromDir`, or null when the file is not there. */
function resolveExtends(spec: string, fromDir: string): string | null {
  const withJson = (p: string) => [p, `${p}.json`, path.join(p, 'tsconfig.json')].find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? null;
  if (spec.startsWith('.') || path.isAbsolute(spec)) return withJson(path.resolve(fromDir, spec));
  // A package: node_modules/<spec>, or the package's "tsconfig" field, looked up like Node does.
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const base = path.join(dir, 'node_modules', spec);
    const direct = withJson(base);
    if (direct) return direct;
    try {
      const field = (JSON.parse(fs.readFileSync(path.join(base, 'package.json'), 'utf8')) as { tsconfig?: string }).tsconfig;
      if (field && fs.existsSync(path.join(base, field))) return path.join(base, field);
    } catch {
      // not installed here
    }
    if (path.dirname(dir) === dir) return null;
  }
}

function readTsconfig(file: string, depth: number): Omit<TsconfigInfo, 'file'> {
  let raw: RawTsconfig;
  try {
    raw = parseJsonc(fs.readFileSync(file, 'utf8')) as RawTsconfig;
  } catch {
    return { options: {}, tsNode: null, unresolved: [path.basename(file)] };
  }
  let options: TsconfigOptions = {};
  let tsNode: TsconfigInfo['tsNode'] = null;
  const unresolved: string[] = [];
  const bases = typeof raw.extends === 'string' ? [raw.extends] : Array.isArray(raw.extends) ? raw.extends.filter((e) => typeof e === 'string') : [];
  // Later entries of an `extends` array override earlier ones; the file's own options override them all.
  for (const spec of bases) {
    const target = depth < 8 ? resolveExtends(spec, path.dirname(file)) : null;
    if (!target) {
      unresolved.push(spec);
      continue;
    }
    const base = readTsconfig(target, depth + 1);
    options = { ...options, ...base.options };
    tsNode = base.tsNode ? { ...(tsNode ?? {}), ...base.tsNode } : tsNode;
    unresolved.push(...base.unresolved);
  }
  options = { ...options, ...pick(raw.compilerOptions) };
  const own = raw['ts-node'];
  if (own && typeof own === 'object') tsNode = { ...(tsNode ?? {}), ...(own as NonNullable<TsconfigInfo['tsNode']>) };
  return { options, tsNode, unresolved };
}

const infoCache = new Map<string, TsconfigInfo>();
const nearestCache = new Map<string, string | null>();

/** The options of one tsconfig file (following `extends`). */
export function tsconfigAt(file: string): TsconfigInfo {
  let info = infoCache.get(file);
  if (!info) {
    info = { file, ...readTsconfig(file, 0) };
    infoCache.set(file, info);
  }
  return info;
}

/**
 * The tsconfig.json tsc uses for a file in `dir`: the nearest one at or above it, up to `packageRoot`; a
 * package without one of its own is compiled by one above it (a workspace's), up to `top`, the repository
 * root, unless that one is a solution file (`files: []` or `include: []`, only `references`) that compiles
 * nothing itself.
 */
export function nearestTsconfigFile(dir: string, packageRoot: string, top: string): string | null {
  const key = `${dir}\0${packageRoot}\0${top}`;
  if (nearestCache.has(key)) return nearestCache.get(key) ?? null;
  let found: string | null = null;
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, 'tsconfig.json');
    const above = !isInside(d, packageRoot);
    if (fs.existsSync(candidate) && !(above && isSolution(candidate))) {
      found = candidate;
      break;
    }
    if (d === top || path.dirname(d) === d || !isInside(d, top)) break;
  }
  nearestCache.set(key, found);
  return found;
}

/** A tsconfig that only lists `references`: `files: []` or `include: []`. */
function isSolution(file: string): boolean {
  try {
    const raw = parseJsonc(fs.readFileSync(file, 'utf8')) as { files?: unknown[]; include?: unknown[] };
    return (Array.isArray(raw.files) && raw.files.length === 0 && !raw.include?.length) || (Array.isArray(raw.include) && raw.include.length === 0);
  } catch {
    return true;
  }
}

/** Other `tsconfig.*.json` files beside `file` (tsconfig.build.json, tsconfig.esm.json, …). */
export function siblingTsconfigs(file: string): string[] {
  const dir = path.dirname(file);
  try {
    return fs
      .readdirSync(dir)
      .filter((n) => /^tsconfig\..+\.json$/.test(n))
      .sort()
      .map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

function isInside(dir: string, top: string): boolean {
  const rel = path.relative(top, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Does this tsconfig make tsc write JavaScript? */
export function emitsJavaScript(info: TsconfigInfo): boolean {
  return info.options.noEmit !== true && info.options.emitDeclarationOnly !== true;
}

export function clearTsconfigCaches(): void {
  infoCache.clear();
  nearestCache.clear();
}
