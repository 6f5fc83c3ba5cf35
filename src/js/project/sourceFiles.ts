import * as fs from 'node:fs';
import * as path from 'node:path';
import { JS_EXTENSIONS as DEFAULT_EXTENSIONS } from '../syntax/extensions';
import type { ListedEntry } from '../../core/listings';

// Directories that hold no project source: dependencies and build output.
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage', 'out']);

/**
 * Visit every source file under `root` (not declaration files, not hidden or build directories) until the
 * visitor returns true. Returns true when it was stopped that way, false when it saw every file.
 */
export function walkSourceFiles(root: string, visit: (file: string) => boolean | void, list: (dir: string) => readonly ListedEntry[] | null = readDir): boolean {
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    const entries = list(dir);
    if (!entries) continue;
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) stack.push(full);
      } else if (e.isFile() && DEFAULT_EXTENSIONS.includes(path.extname(e.name)) && !/\.d\.[cm]?ts$/.test(e.name)) {
        if (visit(full)) return true;
      }
    }
  }
  return false;
}

/** A directory's entries, or null when it cannot be read. */
export function readDir(dir: string): fs.Dirent[] | null {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
}
