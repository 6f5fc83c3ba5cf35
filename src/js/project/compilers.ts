import * as fs from 'node:fs';
import * as path from 'node:path';
import { installedVersion } from './packageInfo';
import { declaredInScope, scopeDirs, scopePackages, scriptsInScope } from './scope';
import { atLeast, formatVersion, rangeMinimum } from '../../core/semver';
import { emitsJavaScript, siblingTsconfigs, tsconfigAt, type TsconfigInfo } from './tsconfig';

// What turns a package's source into the code that runs, and whether each compiles `using` down or passes
// it through as written. Facts behind the verdicts:
// - tsc (and ts-node, ts-jest, which compile with the package's TypeScript and tsconfig) rewrites `using`
//   into __addDisposableResource/__disposeResources for every target below ESNext, and leaves it as
//   written for ESNext (checked with TypeScript 5.9.3 and 6.0.3: es5 … es2024/es2025 lower it). With
//   importHelpers the helpers come from tslib, which has them from 2.6.
// - Babel parses `using` without any plugin and leaves it as written (checked with @babel/core 7.29);
//   @babel/plugin-transform-explicit-resource-management, or @babel/preset-env >= 7.28 (which includes
//   it), compiles it down.
// - vitest on vite >= 8 (Oxc) compiles it down (checked: vitest 4.1.12 on vite 8.3.8 ran `await using`
//   on Node 20). Any other tool that compiles on the fly or bundles (tsx, esbuild, swc, …) is not known
//   to, and Bun or Deno run the code instead of Node: no proof either way.

export type Lowering = 'lowers' | 'keeps' | 'unknown';

const VERDICT: Record<Lowering, string> = { lowers: 'compiles `using` down', keeps: 'leaves `using` as written', unknown: 'is not known to compile `using` down' };

function fact(name: string, lowering: Lowering, detail: string, extra: Partial<CompilerFact> = {}): CompilerFact {
  return { name, lowering, detail, summary: `${name} ${VERDICT[lowering]} (${detail})`, ...extra };
}

export interface CompilerFact {
  /** `tsc (tsconfig.json)`, `ts-node`, `Babel`, `vitest`, `tsx`, `Node` (JavaScript run as written). */
  name: string;
  lowering: Lowering;
  /** Why, in words: "tsconfig.json targets ES2022", "its config uses @babel/preset-env 7.28.3". */
  detail: string;
  /** The verdict in one phrase, for reasons and doctor: "tsc (tsconfig.json) compiles `using` down (…)". */
  summary: string;
  /** Bun or Deno run the code: Node's version says nothing about it. */
  notNode?: true;
  /** For tsc on ESNext: the tsconfig whose target would have to go below ESNext. */
  esnextTsconfig?: string;
  /** For tsc whose target comes from an `extends` that could not be read: those entries. */
  unreadExtends?: string[];
}

// Target names tsc lowers `using` for. A target not listed (ESNext, a newer one) keeps it.
const LOWERING_TARGETS = new Set(['es3', 'es5', 'es6', 'es2015', 'es2016', 'es2017', 'es2018', 'es2019', 'es2020', 'es2021', 'es2022', 'es2023', 'es2024', 'es2025']);

// Tools that compile TypeScript or bundle JavaScript themselves, without tsc or Babel.
const OWN_COMPILERS = [
  'tsx', 'esbuild', 'esbuild-register', '@esbuild-kit/esm-loader', '@esbuild-kit/cjs-loader', 'esno', 'tsup', 'jiti',
  '@swc/core', '@swc/cli', '@swc/register', '@swc/jest', '@swc-node/register', 'swc-loader', 'unplugin-swc',
  'vite', 'webpack', 'rollup', 'rolldown', 'parcel', '@vercel/ncc', 'next',
];
// The same tools run from a script without being declared (`npx tsx src/main.ts`).
const OWN_COMPILER_COMMAND = /(^|[\s;&|(])(?:npx\s+|pnpm\s+(?:exec\s+|dlx\s+)?|yarn\s+)?(tsx|esbuild|tsup|swc|esno|jiti)\s/m;

const BABEL_PLUGINS = ['@babel/plugin-transform-explicit-resource-management', '@babel/plugin-proposal-explicit-resource-management'];
const BABEL_CONFIGS = ['.babelrc', '.babelrc.json', '.babelrc.js', '.babelrc.cjs', '.babelrc.mjs', 'babel.config.js', 'babel.config.json', 'babel.config.cjs', 'babel.config.mjs', 'babel.config.cts', 'babel.config.ts'];

/** The text of every Babel configuration in scope (files and package.json "babel" keys); null when there is none. */
function babelConfigText(packageRoot: string): string | null {
  const texts: string[] = [];
  for (const dir of scopeDirs(packageRoot)) {
    for (const name of BABEL_CONFIGS) {
      try {
        texts.push(fs.readFileSync(path.join(dir, name), 'utf8'));
      } catch {
        // not there
      }
    }
  }
  for (const { json } of scopePackages(packageRoot)) if (json.babel !== undefined) texts.push(JSON.stringify(json.babel));
  return texts.length ? texts.join('\n') : null;
}

function tscFact(name: string, info: TsconfigInfo, typescript: string, packageRoot: string, rel: string): CompilerFact {
  if (info.tsNode && name === 'ts-node' && (info.tsNode.swc || info.tsNode.transpiler)) {
    return fact(name, 'unknown', `${rel} hands ts-node's compile to ${info.tsNode.swc ? 'swc' : 'another transpiler'}`);
  }
  const target = info.options.target?.toLowerCase();
  if (!target && info.unresolved.length) {
    return fact(name, 'unknown', `the target comes from ${info.unresolved.join(', ')}, which could not be read (not installed?)`, { unreadExtends: info.unresolved });
  }
  const shown = info.options.target ?? `TypeScript ${typescript}'s default (${atLeast(typescript, '6.0.0') ? 'ES2025' : 'ES5'})`;
  if (target === 'esnext') return fact(name, 'keeps', `${rel} targets ${shown}`, { esnextTsconfig: rel });
  if (target && !LOWERING_TARGETS.has(target)) return fact(name, 'unknown', `${rel} targets ${shown}, a target leakproof does not know`);
  if (info.options.importHelpers && !info.options.noEmitHelpers) {
    const tslib = installedVersion(packageRoot, 'tslib') ?? ((r) => (r ? formatVersion(r) : null))(rangeMinimum(declaredInScope(packageRoot, 'tslib')?.range));
    if (!tslib || !atLeast(tslib, '2.6.0')) {
      return fact(name, 'unknown', `${rel} sets importHelpers, and ${tslib ? `tslib is ${tslib}` : 'no tslib version was found'}: the \`using\` helpers are in tslib from 2.6`);
    }
  } else if (info.options.noEmitHelpers) {
    return fact(name, 'unknown', `${rel} sets noEmitHelpers: the \`using\` helpers would have to come from elsewhere`);
  }
  return fact(name, 'lowers', `${rel} targets ${shown}`);
}

function babelFact(packageRoot: string, config: string | null): CompilerFact {
  const plugin = BABEL_PLUGINS.find((p) => declaredInScope(packageRoot, p));
  if (plugin && config?.includes('explicit-resource-management')) return fact('Babel', 'lowers', `its config uses ${plugin}`);
  const presetDeclared = declaredInScope(packageRoot, '@babel/preset-env');
  const preset = installedVersion(packageRoot, '@babel/preset-env') ?? ((r) => (r ? formatVersion(r) : null))(rangeMinimum(presetDeclared?.range));
  const presetUsed = !!config && /preset-env|["']@babel\/env["']/.test(config);
  if (presetDeclared && presetUsed && preset && atLeast(preset, '7.28.0')) return fact('Babel', 'lowers', `its config uses @babel/preset-env ${preset}, which includes the explicit-resource-management transform`);
  const why = plugin
    ? `${plugin} is declared but no Babel config in reach names it`
    : presetUsed && preset
      ? `its @babel/preset-env is ${preset}, older than 7.28 (the first that transforms \`using\`)`
      : 'it has no explicit-resource-management plugin (nor @babel/preset-env >= 7.28)';
  return fact('Babel', 'keeps', why);
}

/**
 * Does a script run a .ts file with plain `node` (type stripping, Node >= 22.6), which leaves `using` as
 * written? Not when a loader compiles it (`-r ts-node/register`, `--import tsx`): that loader is the compiler.
 */
function runsTypeScriptInNode(scripts: string): boolean {
  if (/--experimental-(strip|transform)-types\b/.test(scripts)) return true;
  return scripts
    .split(/[;&|\n]+/)
    .map((command) => command.trim())
    .some((command) => /^node\s/.test(command) && /\S\.[cm]?ts(\s|$)/.test(command) && !/\s(-r|--require|--import|--loader|--experimental-loader)[\s=]/.test(command));
}

/** Bun or Deno, when the package runs on one of them. */
function otherRuntime(packageRoot: string, scripts: string): CompilerFact | null {
  const dirs = scopeDirs(packageRoot);
  const has = (names: string[]) => dirs.some((d) => names.some((n) => fs.existsSync(path.join(d, n))));
  if (has(['bun.lockb', 'bun.lock', 'bunfig.toml']) || /(^|[\s;&|(])bunx?\s/m.test(scripts) || declaredInScope(packageRoot, '@types/bun')) {
    return fact('Bun', 'unknown', 'Bun runs or builds this package instead of Node', { notNode: true });
  }
  if (has(['deno.json', 'deno.jsonc']) || /(^|[\s;&|(])deno\s/m.test(scripts)) return fact('Deno', 'unknown', 'Deno runs this package instead of Node', { notNode: true });
  return null;
}

/**
 * Every compiler or runner in reach of a file of the package at `packageRoot`. `tsconfig` is the file's
 * tsconfig (TypeScript files only); an empty list means nothing was found that compiles the file.
 */
export function compilersFor(packageRoot: string, language: 'ts' | 'js', tsconfig: TsconfigInfo | null, typescript: string | null): CompilerFact[] {
  const key = [packageRoot, language, tsconfig?.file ?? '', typescript ?? ''].join('\0');
  let facts = cache.get(key);
  if (!facts) {
    facts = findCompilers(packageRoot, language, tsconfig, typescript);
    cache.set(key, facts);
  }
  return facts;
}

const cache = new Map<string, CompilerFact[]>();

export function clearCompilerCache(): void {
  cache.clear();
}

function findCompilers(packageRoot: string, language: 'ts' | 'js', tsconfig: TsconfigInfo | null, typescript: string | null): CompilerFact[] {
  const facts: CompilerFact[] = [];
  const scripts = scriptsInScope(packageRoot);
  const babelConfig = babelConfigText(packageRoot);
  const rel = (file: string) => path.relative(packageRoot, file).split(path.sep).join('/') || path.basename(file);
  if (language === 'ts') {
    if (tsconfig && typescript) {
      // tsc with this tsconfig, and with any tsconfig.*.json beside it that writes JavaScript.
      if (emitsJavaScript(tsconfig)) facts.push(tscFact(`tsc (${rel(tsconfig.file)})`, tsconfig, typescript, packageRoot, rel(tsconfig.file)));
      for (const sibling of siblingTsconfigs(tsconfig.file)) {
        const info = tsconfigAt(sibling);
        if (emitsJavaScript(info)) facts.push(tscFact(`tsc (${rel(sibling)})`, info, typescript, packageRoot, rel(sibling)));
      }
      // ts-node and ts-jest compile with the same TypeScript and tsconfig, whatever its noEmit says.
      for (const runner of ['ts-node', 'ts-node-dev', 'ts-jest']) {
        if (declaredInScope(packageRoot, runner)) facts.push(tscFact(runner, tsconfig, typescript, packageRoot, rel(tsconfig.file)));
      }
    } else {
      for (const runner of ['ts-node', 'ts-node-dev', 'ts-jest']) {
        if (declaredInScope(packageRoot, runner)) facts.push(fact(runner, 'unknown', 'no tsconfig.json says which target it compiles for'));
      }
    }
    if (declaredInScope(packageRoot, '@babel/preset-typescript') || /preset-typescript/.test(babelConfig ?? '')) facts.push(babelFact(packageRoot, babelConfig));
    if (declaredInScope(packageRoot, 'vitest')) {
      const vite = installedVersion(packageRoot, 'vite');
      facts.push(
        vite && atLeast(vite, '8.0.0')
          ? fact('vitest', 'lowers', `on vite ${vite}, whose Oxc transform lowers it`)
          : fact('vitest', 'unknown', vite ? `on vite ${vite}; vite >= 8 lowers it` : 'vite is not installed, so its version is unknown; vite >= 8 lowers it'),
      );
    }
    if (runsTypeScriptInNode(scripts)) {
      facts.push(fact('Node type stripping', 'keeps', 'a script runs TypeScript in Node directly'));
    }
  } else {
    const babelRuns = babelConfig !== null || ['@babel/cli', '@babel/register', '@babel/node'].some((p) => declaredInScope(packageRoot, p));
    facts.push(babelRuns ? babelFact(packageRoot, babelConfig) : { ...fact('Node', 'keeps', 'no Babel config compiles the JavaScript'), summary: 'Node runs the JavaScript as written (no Babel config compiles it)' });
    if (declaredInScope(packageRoot, 'vitest')) facts.push(fact('vitest', 'unknown', 'checked for TypeScript files only'));
  }
  const own = OWN_COMPILERS.filter((tool) => declaredInScope(packageRoot, tool));
  const command = OWN_COMPILER_COMMAND.exec(scripts)?.[2];
  if (command && !own.includes(command)) own.push(command);
  for (const tool of own) facts.push(fact(tool, 'unknown', 'it compiles or bundles the code itself'));
  const other = otherRuntime(packageRoot, scripts);
  if (other) facts.push(other);
  return facts;
}
