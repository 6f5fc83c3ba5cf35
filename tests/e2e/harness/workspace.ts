// Builds what the e2e tests run: the subject modules copied into a scratch package per variant (the
// original, and one per style rewritten by that style's transform), then everything compiled by tsc
// (target ES2022, CommonJS, lib ES2022 + esnext.disposable: the down-level `using` emit runs on Node 20).
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import type { LeakTransform, TransformOutput } from '../../../src/core/model';
import type { CompiledModule } from './loader';
import { runTransforms, type TransformJob } from './transformRunner';

export const SUBJECTS_DIR = path.resolve(__dirname, '../subjects');
/** Inside the repository so that `pg`, `typescript`… resolve from its node_modules (and git-ignored). */
export const WORK_DIR = path.resolve(__dirname, '../.work');

export const COMPILER_OPTIONS = {
  target: 'ES2022',
  module: 'commonjs',
  moduleResolution: 'node10',
  lib: ['ES2022', 'esnext.disposable'],
  types: ['node'],
  strict: true,
  esModuleInterop: true,
  skipLibCheck: true,
};

/** The scratch package's manifest: the transforms read the TypeScript version and engines.node here. */
const PACKAGE_JSON = {
  name: 'leakproof-e2e-subjects',
  private: true,
  engines: { node: '>=20.19' },
  devDependencies: { typescript: '^5.9.0' },
};

export interface StyleEntry {
  name: string;
  transform: LeakTransform;
}

export interface Variant {
  /** `original` or a style name. */
  name: string;
  dir: string;
  /** Library directory → what the style's transform returned for its subject (absent for the original). */
  outputs: Map<string, TransformOutput>;
  /** Library directory → why the transform gave no output (it threw, looped, or died). */
  failures: Map<string, string>;
  /** Files the transforms asked for (generated helpers), absolute paths. */
  extraFiles: string[];
}

export interface Workspace {
  root: string;
  variants: Map<string, Variant>;
  compiled: Map<string, CompiledModule>;
  /** Source path → tsc diagnostics for that file. */
  diagnostics: Map<string, string[]>;
  /** Diagnostics not tied to a file. */
  globalDiagnostics: string[];
}

function copyTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(src, dst);
    else if (entry.isFile()) fs.copyFileSync(src, dst);
  }
}

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(p));
    else if (/\.(c|m)?tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Drop scratch runs left by crashed runs more than an hour ago. */
function pruneStale(): void {
  if (!fs.existsSync(WORK_DIR)) return;
  const cutoff = Date.now() - 3_600_000;
  for (const entry of fs.readdirSync(WORK_DIR)) {
    const p = path.join(WORK_DIR, entry);
    try {
      if (fs.statSync(p).mtimeMs < cutoff) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // another run removed it
    }
  }
}

/** A transform that takes longer than this on one small subject is taken to be stuck. */
const TRANSFORM_TIME_LIMIT_MS = 15_000;

export async function createWorkspace(runId: string, styles: readonly StyleEntry[], libraries: readonly string[]): Promise<Workspace> {
  pruneStale();
  const root = path.join(WORK_DIR, runId);
  fs.rmSync(root, { recursive: true, force: true });
  const variants = new Map<string, Variant>();
  for (const name of ['original', ...styles.map((s) => s.name)]) {
    const dir = path.join(root, name);
    copyTree(SUBJECTS_DIR, dir);
    fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(PACKAGE_JSON, null, 2)}\n`);
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify({ compilerOptions: COMPILER_OPTIONS }, null, 2)}\n`);
    variants.set(name, { name, dir, outputs: new Map(), failures: new Map(), extraFiles: [] });
  }
  const jobs: (TransformJob & { style: string; lib: string })[] = styles.flatMap((style) =>
    libraries.map((lib) => ({
      style: style.name,
      lib,
      transform: style.transform.meta.name,
      file: path.join(variants.get(style.name)!.dir, lib, 'subject.ts'),
    })),
  );
  const results = await runTransforms(root, jobs, TRANSFORM_TIME_LIMIT_MS);
  for (const [i, job] of jobs.entries()) {
    const variant = variants.get(job.style)!;
    const result = results[i];
    if (!result.ok) {
      variant.failures.set(job.lib, result.error);
      continue;
    }
    const output = result.output;
    variant.outputs.set(job.lib, output);
    if (output.source !== null) fs.writeFileSync(job.file, output.source);
    for (const extra of output.extraFiles ?? []) {
      if (!variant.extraFiles.includes(extra.path)) variant.extraFiles.push(extra.path);
      if (!fs.existsSync(extra.path)) {
        fs.mkdirSync(path.dirname(extra.path), { recursive: true });
        fs.writeFileSync(extra.path, extra.source);
      }
    }
  }
  return { root, variants, ...compile(root) };
}

function compile(root: string): Pick<Workspace, 'compiled' | 'diagnostics' | 'globalDiagnostics'> {
  const converted = ts.convertCompilerOptionsFromJson({ ...COMPILER_OPTIONS, rootDir: root, outDir: path.join(root, 'out') }, root);
  if (converted.errors.length) throw new Error(ts.formatDiagnostics(converted.errors, formatHost));
  const rootNames = [...fs.readdirSync(root)].filter((d) => d !== 'out' && d !== 'leakproof-build').flatMap((d) => listTs(path.join(root, d)));
  const program = ts.createProgram(rootNames, converted.options);
  const compiled = new Map<string, CompiledModule>();
  program.emit(undefined, (jsPath, text, _bom, _onError, sources) => {
    ts.sys.writeFile(jsPath, text);
    if (jsPath.endsWith('.js') && sources?.length) compiled.set(path.resolve(sources[0].fileName), { js: text, jsPath });
  });
  const diagnostics = new Map<string, string[]>();
  const globalDiagnostics: string[] = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file) {
      globalDiagnostics.push(`TS${d.code}: ${text}`);
      continue;
    }
    const file = path.resolve(d.file.fileName);
    const line = d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1;
    const list = diagnostics.get(file) ?? [];
    list.push(`${path.relative(root, file)}:${line} TS${d.code}: ${text}`);
    diagnostics.set(file, list);
  }
  return { compiled, diagnostics, globalDiagnostics };
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => '\n',
};

export function removeWorkspace(ws: Workspace): void {
  if (process.env.LEAKPROOF_E2E_KEEP) return;
  fs.rmSync(ws.root, { recursive: true, force: true });
}
