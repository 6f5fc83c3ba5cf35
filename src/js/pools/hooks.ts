// Does the project close this pool when the process stops? A pool defined in this file is looked for here;
// an exported or imported one also in the package's other files — cheaply: a file is parsed only when its
// text names the pool and calls its teardown method, and at most MAX_FILES files are looked at.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { walkSourceFiles as walkEach } from '../project/sourceFiles';
import { catalogFor } from '../../config/toCatalog';
import { Provenance } from '../provenance/values';
import { projectFileCache } from '../syntax/projectFiles';
import { packageRoot } from '../project/packageInfo';
import { findTeardowns, hookKeys } from './teardowns';
import { loadFile } from './origin';

const MAX_FILES = 5000;
const MAX_BYTES = 512 * 1024;

export interface HookSearch {
  /** What closes the pool once, and where (`closeDb(), which only closes it, closes it (lib/db.ts:7)`), or null. */
  hook: string | null;
  /** What was searched, in words. */
  searched: string;
}

// The file list of a package, kept briefly: a CLI run asks for the same package once per file.
const listCache = new Map<string, { at: number; list: { files: string[]; complete: boolean } }>();
const LIST_TTL_MS = 10_000;

/** The source files of the package at `root` (at most MAX_FILES), and whether that is all of them. */
export function packageSourceFiles(root: string): { files: string[]; complete: boolean } {
  const cached = listCache.get(root);
  if (cached && Date.now() - cached.at < LIST_TTL_MS) return cached.list;
  const list = walkSourceFiles(root);
  listCache.set(root, { at: Date.now(), list });
  return list;
}

function walkSourceFiles(root: string): { files: string[]; complete: boolean } {
  const files: string[] = [];
  const stopped = walkEach(root, (file) => {
    files.push(file);
    return files.length >= MAX_FILES;
  });
  return { files, complete: !stopped };
}

const hooksCache = new Map<string, { mtimeMs: number; keys: Map<string, { line: number; what: string }> }>();

/** Origin key → line and description of each shutdown-hook teardown in `file`. */
function hooksIn(file: string): Map<string, { line: number; what: string }> {
  let mtimeMs = 0;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return new Map();
  }
  const cached = hooksCache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.keys;
  const keys = new Map<string, { line: number; what: string }>();
  const loaded = loadFile(file);
  if (loaded) {
    try {
      const { catalog } = catalogFor(file);
      const teardowns = findTeardowns(loaded.root, { catalog, file, provenance: new Provenance(catalog, file, { shared: { files: projectFileCache(), exports: new Map() } }) });
      // Elsewhere in the package only a shutdown handler counts: another script's `main` is not this process.
      for (const [key, t] of hookKeys(teardowns, ['shutdown'])) {
        keys.set(key, { line: t.call.node.loc?.start.line ?? 0, what: t.verdict.action === 'leave' && t.verdict.what ? t.verdict.what : 'a shutdown handler' });
      }
    } catch {
      /* a file we cannot analyse holds no hook we can vouch for */
    }
  }
  hooksCache.set(file, { mtimeMs, keys });
  return keys;
}

/**
 * Look for a shutdown hook of the module-level pool `key` (defined as `name` in `definedIn`) in the package
 * holding `fromFile`, other than `fromFile` itself (its own hooks are known already).
 */
export function findProjectHook(key: string, name: string, method: string, definedIn: string, fromFile: string): HookSearch {
  const root = packageRoot(path.dirname(definedIn)) ?? path.dirname(definedIn);
  const rel = (f: string) => path.relative(path.dirname(fromFile), f).split(path.sep).join('/') || path.basename(f);
  const candidates = [definedIn];
  const { files, complete } = packageSourceFiles(root);
  const pattern = new RegExp(`\\.\\s*${method.replace(/\$/g, '\\$')}\\s*\\(`);
  for (const f of files) if (f !== definedIn) candidates.push(f);
  for (const f of candidates) {
    if (f === fromFile) continue;
    let text: string;
    try {
      if (fs.statSync(f).size > MAX_BYTES) continue;
      text = fs.readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    if (!text.includes(name) || !pattern.test(text)) continue;
    const found = hooksIn(f).get(key);
    if (found) return { hook: `${found.what} closes it (${rel(f)}:${found.line})`, searched: '' };
  }
  const where = complete ? `searched this file and the ${files.length} source files of its package` : `searched this file and the first ${files.length} source files of its package`;
  return { hook: null, searched: where };
}
