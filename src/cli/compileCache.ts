// The CLI's compiled code, kept between runs. Loading its modules (the TypeScript compiler alone is 9 MB of
// JavaScript) and compiling the functions a run calls is a large part of a short run; V8 can start again
// from a cache of that work. Node 22 has this built in (module.enableCompileCache); on Node 20 the CLI keeps
// the same kind of cache itself: one file per module, V8's code cache made after the module ran (so the
// functions the run called are in it), under <os tmpdir>/leakproof-compile-cache/<node version>/.
// NODE_DISABLE_COMPILE_CACHE=1 turns both off. A cache that cannot be read or written only costs the saving;
// one in a folder other users can write to is not used.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { threadId } from 'node:worker_threads';
import Module = require('node:module');

interface Internal {
  prototype: { _compile(this: NodeModule & { require: NodeJS.Require }, content: string, filename: string): unknown };
  wrap(script: string): string;
  _resolveFilename(request: string, parent: NodeModule, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: NodeModule): string[] | null;
  _extensions: NodeJS.RequireExtensions;
  _cache: NodeJS.Dict<NodeModule>;
  enableCompileCache?(dir?: string): unknown;
}

/** Scripts compiled without a usable cache this run: their cache is written by `flushCompileCache`. */
const pending: { file: string; script: vm.Script }[] = [];
let enabled = false;

/** Where the cache of one module lives: its path, size and time of change name it (an edit makes a new one). */
function cacheFile(dir: string, filename: string): string | null {
  try {
    const st = fs.statSync(filename);
    return path.join(dir, crypto.createHash('sha1').update(`${filename}\0${st.size}\0${st.mtimeMs}\0${st.ino}`).digest('hex'));
  } catch {
    return null;
  }
}

/** Start keeping (and using) the cache, once per thread, before the CLI's own modules load. */
export function enableCompileCache(dir = path.join(os.tmpdir(), 'leakproof-compile-cache', `${process.version}-${process.arch}`)): void {
  if (enabled || process.env.NODE_DISABLE_COMPILE_CACHE) return;
  enabled = true;
  const M = Module as unknown as Internal;
  if (!privateDir(dir)) return;
  if (typeof M.enableCompileCache === 'function') {
    M.enableCompileCache(dir);
    return;
  }
  // A module compiled this way may still `import()`: only where Node can load that for it.
  const dynamicImport = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (!dynamicImport) return;
  const compile = M.prototype._compile;
  M.prototype._compile = function cachedCompile(content, filename) {
    const file = filename.endsWith('.mjs') ? null : cacheFile(dir, filename);
    if (!file) return compile.call(this, content, filename);
    let cachedData: Buffer | undefined;
    try {
      cachedData = fs.readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    let script: vm.Script;
    try {
      // Node strips a #! line; the wrapper is Node's own, on the module's first line.
      const body = content.startsWith('#!') ? `//${content.slice(2)}` : content;
      script = new vm.Script(M.wrap(body), { filename, cachedData, importModuleDynamically: dynamicImport as never });
    } catch {
      // Not a CommonJS script (an ES module Node loads through require): Node's own way.
      return compile.call(this, content, filename);
    }
    if (!cachedData || script.cachedDataRejected) pending.push({ file, script });
    // The require a module gets from Node, with what code reads of it.
    const mod = this;
    const require = ((id: string) => mod.require(id)) as NodeJS.Require;
    require.resolve = Object.assign((request: string, options?: { paths?: string[] }) => M._resolveFilename(request, mod, false, options), {
      paths: (request: string) => M._resolveLookupPaths(request, mod),
    });
    require.main = process.mainModule;
    require.extensions = M._extensions;
    require.cache = M._cache;
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
  };
  if (threadId === 0) process.once('exit', flushCompileCache);
}

/**
 * The cache folder, made if missing, and only if it is this user's alone: compiled code read from a folder others
 * can write to (a shared temp folder) would run as ours. Its parent, made by the first run, must be ours too.
 */
function privateDir(dir: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const uid = process.getuid?.();
    if (uid === undefined) return true;
    for (const d of [dir, path.dirname(dir)]) {
      const st = fs.lstatSync(d);
      if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o022) !== 0) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Write the cache of the modules compiled without one. The main thread does it as it exits; a worker
 * thread, which is ended from outside, once it has done a job.
 */
export function flushCompileCache(): void {
  for (const { file, script } of pending.splice(0)) {
    const tmp = `${file}.${process.pid}.${threadId}`;
    try {
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, file);
    } catch {
      fs.rmSync(tmp, { force: true });
    }
  }
}
