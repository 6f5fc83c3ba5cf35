// The close plan reads a tsconfig's files with the compiler's own include/exclude rules; the folders it walks
// come from the run's discovery where discovery listed them (src/js/close/tsconfigFiles.ts). The list must be
// the one the compiler makes walking the disk itself: folders discovery did not walk (ignored by git, a
// linked folder) are read from disk, excluded ones stay out, a link is followed as the compiler follows it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/cli/files';
import { projectFiles, readProjectFilesAhead } from '../../src/js/close/tsconfigFiles';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-tsfiles-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(rel: string, text = 'export {};\n'): void {
  const abs = path.join(tmp, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
}

describe("a tsconfig's files, read with the run's listings", () => {
  write('tsconfig.json', JSON.stringify({ compilerOptions: { allowJs: true, outDir: 'out' }, include: ['src', 'scripts/**/*.ts', 'gen'], exclude: ['src/**/*.skip.ts'] }));
  for (const f of ['src/a.ts', 'src/b.skip.ts', 'src/deep/c.tsx', 'src/deep/d.js', 'src/e.d.ts', 'scripts/run.ts', 'scripts/run.js', 'other/x.ts', 'gen/made.ts', 'out/built.js'])
    write(f);
  // Ignored by git: discovery never lists it, the compiler still takes it in.
  write('.gitignore', 'gen/\nout/\n');
  fs.mkdirSync(path.join(tmp, '.git'));
  // A linked folder: discovery does not follow links, the compiler does.
  write('shared/s.ts');
  fs.symlinkSync(path.join(tmp, 'shared'), path.join(tmp, 'src', 'linked'));

  it('is the list the compiler makes walking the disk itself', () => {
    const discovery = discoverFiles({ cwd: tmp, paths: ['.'], extensions: ['.ts', '.tsx', '.js'], gitignore: true, ignore: [] });
    expect(discovery.listings.has(path.join(tmp, 'gen'))).toBe(false);
    const tsconfig = path.join(tmp, 'tsconfig.json');
    const fromDisk = projectFiles(tsconfig);
    const fromListings = projectFiles(tsconfig, discovery.listings);
    expect(fromListings).toEqual(fromDisk);
    const rel = fromListings.fileNames.map((f) => path.relative(tmp, f)).sort();
    expect(rel).toEqual(['gen/made.ts', 'scripts/run.ts', 'src/a.ts', 'src/deep/c.tsx', 'src/deep/d.js', 'src/linked/s.ts']);
  });

  it('read ahead, is taken once by the plan of the same tsconfig', () => {
    const tsconfig = path.join(tmp, 'tsconfig.json');
    readProjectFilesAhead(tsconfig);
    write('src/later.ts');
    // The list read ahead, not the disk now: one run's plan sees the files as the run found them.
    expect(projectFiles(tsconfig).fileNames.some((f) => f.endsWith('later.ts'))).toBe(false);
    expect(projectFiles(tsconfig).fileNames.some((f) => f.endsWith('later.ts'))).toBe(true);
    fs.rmSync(path.join(tmp, 'src/later.ts'));
  });
});
