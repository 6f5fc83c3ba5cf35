// Runs compiled subjects as CommonJS in this process, one fresh module graph per load: each load gets its
// own pool, so a leak in one run cannot starve the next. `overrides` replaces modules (by absolute source
// path or by bare specifier) — the run settings, and driver modules wrapped to record the clients created.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

export interface CompiledModule {
  /** Emitted JavaScript. */
  js: string;
  /** Where it was written (for stack traces). */
  jsPath: string;
}

interface LoadedModule {
  exports: unknown;
}

export class ModuleGraph {
  private readonly cache = new Map<string, LoadedModule>();

  constructor(
    private readonly compiled: ReadonlyMap<string, CompiledModule>,
    private readonly overrides: ReadonlyMap<string, unknown> = new Map(),
  ) {}

  /** Exports of the compiled module for `sourcePath` (an absolute `.ts` path). */
  load<T = Record<string, unknown>>(sourcePath: string): T {
    if (this.overrides.has(sourcePath)) return this.overrides.get(sourcePath) as T;
    const cached = this.cache.get(sourcePath);
    if (cached) return cached.exports as T;
    const mod = this.compiled.get(sourcePath);
    if (!mod) throw new Error(`e2e loader: ${sourcePath} was not compiled`);
    const module: LoadedModule = { exports: {} };
    this.cache.set(sourcePath, module);
    const nodeRequire = createRequire(sourcePath);
    const requireFn = (specifier: string): unknown => {
      if (this.overrides.has(specifier)) return this.overrides.get(specifier);
      if (specifier.startsWith('./') || specifier.startsWith('../')) {
        const target = this.resolve(path.resolve(path.dirname(sourcePath), specifier));
        if (target) return this.load(target);
      }
      return nodeRequire(specifier);
    };
    const wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${mod.js}\n})`, {
      filename: mod.jsPath,
    }) as (e: unknown, r: unknown, m: LoadedModule, f: string, d: string) => void;
    wrapper(module.exports, requireFn, module, mod.jsPath, path.dirname(mod.jsPath));
    return module.exports as T;
  }

  private resolve(base: string): string | null {
    for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
      if (this.overrides.has(candidate) || this.compiled.has(candidate)) return candidate;
    }
    return null;
  }
}
