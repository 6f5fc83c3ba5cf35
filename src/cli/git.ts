import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Nearest directory at or above `dir` holding `.git` (a directory, or a file for worktrees/submodules). */
export function findGitRoot(dir: string): string | null {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (d === path.dirname(d)) return null;
  }
}

export class GitError extends Error {}

// Keep each `git status` command line well under any OS argument limit.
const BATCH = 200;

/**
 * The files (absolute paths, from `files`) that git could not give back: modified, staged, untracked, or
 * ignored. Files outside any git repository are never dirty. Throws GitError when a repository exists but
 * git cannot be asked (git missing, broken repository): the caller must not guess.
 */
export function uncommittedFiles(files: string[]): string[] {
  const byRoot = new Map<string, string[]>();
  for (const f of files) {
    const root = findGitRoot(path.dirname(f));
    if (!root) continue;
    const list = byRoot.get(root) ?? [];
    list.push(f);
    byRoot.set(root, list);
  }

  const dirty = new Set<string>();
  // git may name a whole directory (`?? dir/`, `!! dir/`) instead of the files in it.
  const dirtyDirs: string[] = [];
  for (const [root, list] of byRoot) {
    for (let i = 0; i < list.length; i += BATCH) {
      const batch = list.slice(i, i + BATCH);
      // `:(literal)` so a file named `[id].ts` is not read as a glob.
      const specs = batch.map((f) => `:(literal)${path.relative(root, f).split(path.sep).join('/')}`);
      let out: string;
      try {
        out = execFileSync(
          'git',
          ['-C', root, 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignored=traditional', '--', ...specs],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 },
        );
      } catch (e) {
        const err = e as { stderr?: string; message: string };
        throw new GitError(`cannot check git status in ${root}: ${(err.stderr || err.message).trim()}`);
      }
      const entries = out.split('\0');
      for (let k = 0; k < entries.length; k++) {
        const entry = entries[k];
        if (entry.length < 4) continue;
        const xy = entry.slice(0, 2);
        const p = entry.slice(3);
        if (p.endsWith('/')) dirtyDirs.push(path.resolve(root, p) + path.sep);
        else dirty.add(path.resolve(root, p));
        // A rename/copy is followed by its source path as a separate field.
        if (xy[0] === 'R' || xy[0] === 'C') k++;
      }
    }
  }
  return files.filter((f) => dirty.has(f) || dirtyDirs.some((d) => f.startsWith(d)));
}
