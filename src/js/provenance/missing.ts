// Relative imports that name no file at all: the project's own module is not there (not committed, made by
// a build step, ignored by git). What such a module hands out cannot be known, so a lifecycle through it is
// reported as `provenance-unknown`, never rewritten on a guess.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RELEASE_CALL } from '../../catalog/js/releases';
import { resolveProjectModule } from './resolve';

const RELATIVE = /(?:\bfrom\s*|\brequire\s*\(\s*)(['"])(\.\.?\/[^'"\n]*)\1/g;
const CODE = /\.(?:[cm]?[jt]sx?)$/;

/**
 * Does the relative `specifier`, imported by `file`, name nothing on disk: no file it resolves to, and no
 * file or folder of its name with any extension (a `.json`, `.node` or `.vue` module is there, just not read)?
 */
export function missingModule(file: string, specifier: string): boolean {
  if (!/^\.\.?\//.test(specifier)) return false;
  const dir = path.dirname(file);
  // (As the index resolves it: each folder and specifier once.)
  if (resolveProjectModule(file, specifier)) return false;
  const base = path.resolve(dir, specifier);
  const stem = path.basename(base).replace(CODE, '');
  let entries: string[];
  try {
    entries = fs.readdirSync(path.dirname(base));
  } catch {
    return true;
  }
  return !entries.some((e) => e === stem || e === path.basename(base) || e.startsWith(`${stem}.`));
}

/** The file's relative imports that name nothing on disk, when it also calls a release-named method. */
export function missingImports(text: string, file: string): string[] {
  if (!RELEASE_CALL.test(text)) return [];
  const out = new Set<string>();
  for (const m of text.matchAll(RELATIVE)) if (missingModule(file, m[2])) out.add(m[2]);
  return [...out];
}
