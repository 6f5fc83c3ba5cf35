// The package entry points, as source files: what code outside the project can reach. package.json names
// built files (`dist/index.js`, `dist/index.d.ts`); the source behind one is found through the tsconfig's
// outDir → rootDir mapping, the usual `dist|lib|build|out` → `src` layout, or the same path in TypeScript.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageJson, packageRoot } from './packageInfo';

export interface EntryPoints {
  /** package.json of the package (absolute), or null when there is none. */
  packageJson: string | null;
  /** Source files the package exposes. */
  files: string[];
  /** A subpath pattern (`"./*": "./dist/*.js"`) exposes every module: any exported class is public. */
  everything: boolean;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'];

export function entryTargets(json: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ['main', 'module', 'types', 'typings']) if (typeof json[key] === 'string') out.push(json[key] as string);
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(json.exports);
  // Node's default when nothing is declared.
  if (out.length === 0) out.push('./index.js');
  return out;
}

function isFile(f: string): boolean {
  try {
    return fs.statSync(f).isFile();
  } catch {
    return false;
  }
}

function sourceFor(base: string): string | null {
  if (SOURCE_EXTENSIONS.some((e) => base.endsWith(e)) && !base.endsWith('.d.ts') && isFile(base)) return base;
  const stem = base.replace(/\.d\.[cm]?ts$|\.[cm]?[jt]sx?$/, '');
  for (const e of SOURCE_EXTENSIONS) if (isFile(stem + e)) return stem + e;
  for (const e of SOURCE_EXTENSIONS) if (isFile(path.join(base, `index${e}`))) return path.join(base, `index${e}`);
  return null;
}

/** Entry points of the package holding `dir`, mapped to source files. */
export function entryPoints(dir: string, compilerOptions: { outDir?: string; rootDir?: string }): EntryPoints {
  const root = packageRoot(dir);
  const json = root ? (packageJson(root) as Record<string, unknown> | null) : null;
  if (!root || !json) return { packageJson: null, files: [], everything: false };
  const files = new Set<string>();
  let everything = false;
  for (const t of entryTargets(json)) {
    if (t.includes('*')) {
      everything = true;
      continue;
    }
    const abs = path.resolve(root, t);
    const candidates = [abs];
    const { outDir, rootDir } = compilerOptions;
    if (outDir && rootDir) {
      const rel = path.relative(path.resolve(outDir), abs);
      if (!rel.startsWith('..') && !path.isAbsolute(rel)) candidates.push(path.join(path.resolve(rootDir), rel));
    }
    const relToRoot = path.relative(root, abs).split(path.sep);
    if (['dist', 'lib', 'build', 'out'].includes(relToRoot[0])) candidates.push(path.join(root, 'src', ...relToRoot.slice(1)));
    for (const c of candidates) {
      const source = sourceFor(c);
      if (source) {
        files.add(source);
        break;
      }
    }
  }
  return { packageJson: path.join(root, 'package.json'), files: [...files], everything };
}
