// Multi-file fixtures of remove-redundant-close: `__testfixtures__/remove-redundant-close/<case>/input/` is a
// small project (package.json, tsconfig.json, sources) and `<case>/output/` the same project rewritten. A
// source file's `// expect: fixed <reasonId>` / `// expect: reported <reasonId>` lines list its findings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURE_ROOT } from '../transforms/fixtures';
import type { TransformOptions } from '../../src/core/model';

export const CLOSE_FIXTURES = path.join(FIXTURE_ROOT, 'remove-redundant-close');

export interface CloseFile {
  /** Path inside input/ and output/ (`src/db.ts`). */
  rel: string;
  inputPath: string;
  outputPath: string;
  input: string;
  output: string;
  expected: string[];
}

export interface CloseCase {
  name: string;
  dir: string;
  files: CloseFile[];
  /** `<case>/options.json`: transform options for the case (`{"modernize": true}`). */
  options: TransformOptions;
}

function sources(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...sources(dir, rel));
    else if (/\.[cm]?[jt]sx?$/.test(e.name)) out.push(rel);
  }
  return out.sort();
}

export function loadCloseCases(): CloseCase[] {
  return fs
    .readdirSync(CLOSE_FIXTURES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => {
      const dir = path.join(CLOSE_FIXTURES, e.name);
      const files = sources(path.join(dir, 'input')).map((rel) => {
        const inputPath = path.join(dir, 'input', rel);
        const outputPath = path.join(dir, 'output', rel);
        const input = fs.readFileSync(inputPath, 'utf8');
        return {
          rel,
          inputPath,
          outputPath,
          input,
          output: fs.existsSync(outputPath) ? fs.readFileSync(outputPath, 'utf8') : '',
          expected: [...input.matchAll(/^\/\/ expect: (fixed|modernized|reported) ([\w-]+)/gm)].map((m) => `${m[1]} ${m[2]}`).sort(),
        };
      });
      const optionsFile = path.join(dir, 'options.json');
      const options = fs.existsSync(optionsFile) ? (JSON.parse(fs.readFileSync(optionsFile, 'utf8')) as TransformOptions) : {};
      return { name: e.name, dir, files, options };
    });
}
