// Module resolution for the project's own files: relative specifiers, TypeScript's `.js` → `.ts` mapping,
// index files. (Path aliases and package imports are resolved by the project index, see index.ts.)
import * as fs from 'node:fs';
import * as path from 'node:path';

export const RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js'];

/** A relative import → a source file of the project, following TypeScript's `.js` → `.ts` mapping. */
export function resolveLocalModule(fromDir: string, specifier: string): string | null {
  const base = path.resolve(fromDir, specifier);
  const candidates = [base];
  const jsExt = /\.(m|c)?js$/.exec(base);
  if (jsExt) candidates.unshift(base.replace(/\.(m|c)?js$/, `.${jsExt[1] ?? ''}ts`));
  for (const c of candidates) {
    for (const suffix of RESOLVE_SUFFIXES) {
      const f = c + suffix;
      try {
        if (fs.statSync(f).isFile()) return f;
      } catch {
        /* not this one */
      }
    }
  }
  return null;
}

