import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverFiles, type DiscoverOptions } from '../../src/cli/files';
import { configsForRun } from '../../src/config/cli';
import { DEFAULT_EXTENSIONS } from '../../src/js/syntax/parse';
import { cleanup, git, LEAKY, makeProject, read, runCli } from './helpers';

afterAll(cleanup);

const x = 'export {};\n';

function found(cwd: string, over: Partial<DiscoverOptions> = {}): string[] {
  const d = discoverFiles({ cwd, paths: ['.'], extensions: DEFAULT_EXTENSIONS, gitignore: true, ignore: [], ...over });
  return d.files.map((f) => path.relative(cwd, f).split(path.sep).join('/'));
}

describe('file discovery', () => {
  it('takes the default extensions and nothing else', () => {
    const dir = makeProject({
      'a.ts': x, 'b.tsx': x, 'c.mts': x, 'd.cts': x, 'e.js': x, 'f.jsx': x, 'g.mjs': x, 'h.cjs': x, 'I.TS': x,
      'notes.md': x, 'data.json': x, 'style.css': x,
    }, false);
    expect(found(dir)).toEqual(['I.TS', 'a.ts', 'b.tsx', 'c.mts', 'd.cts', 'e.js', 'f.jsx', 'g.mjs', 'h.cjs']);
    expect(found(dir, { extensions: ['.mjs', '.cjs'] })).toEqual(['g.mjs', 'h.cjs']);
  });

  it('takes the listings the configuration walk read, and finds what it finds reading them itself', () => {
    const dir = makeProject({
      '.gitignore': 'dist/\n',
      'src/a.ts': x,
      'src/deep/b.js': x,
      'dist/c.js': x,
      'pkg/package.json': '{}',
      'pkg/leakproof.config.json': JSON.stringify({ ignore: ['skip/**'] }),
      'pkg/skip/d.ts': x,
      'pkg/e.ts': x,
    }, false);
    const configs = configsForRun(['.'], dir);
    expect(configs.listings.get(path.join(dir, 'src', 'deep'))?.map((e) => e.name)).toEqual(['b.js']);
    const alone = found(dir, { ignore: configs.ignore });
    expect(alone).toEqual(['pkg/e.ts', 'src/a.ts', 'src/deep/b.js']);
    // With a listing that differs from the disk, discovery shows it took the one it was given.
    const read = new Map(configs.listings);
    read.set(path.join(dir, 'src', 'deep'), []);
    expect(found(dir, { ignore: configs.ignore, read: configs.listings })).toEqual(alone);
    expect(found(dir, { ignore: configs.ignore, read })).toEqual(['pkg/e.ts', 'src/a.ts']);
  });

  it('never walks node_modules or .git, even with --no-gitignore', () => {
    const dir = makeProject({ 'src/a.ts': x, 'node_modules/pg/index.js': x, 'src/node_modules/x/y.ts': x, '.git/hooks/h.js': x }, false);
    expect(found(dir)).toEqual(['src/a.ts']);
    expect(found(dir, { gitignore: false })).toEqual(['src/a.ts']);
  });

  it('honours .gitignore files in the tree, nearest rule first', () => {
    const dir = makeProject({
      '.gitignore': 'generated/\n*.gen.ts\n!keep.gen.ts\n',
      'src/a.ts': x,
      'src/a.gen.ts': x,
      'src/keep.gen.ts': x,
      'generated/b.ts': x,
      'src/sub/.gitignore': 'local.ts\n!other.gen.ts\n',
      'src/sub/local.ts': x,
      'src/sub/other.gen.ts': x,
      'src/sub/kept.ts': x,
    }, false);
    expect(found(dir)).toEqual(['src/a.ts', 'src/keep.gen.ts', 'src/sub/kept.ts', 'src/sub/other.gen.ts']);
    expect(found(dir, { gitignore: false })).toHaveLength(7);
  });

  it('reads .gitignore files above the walked directory up to the git root, and no further', () => {
    const outer = makeProject({ '.gitignore': 'secret.ts\n' }, false);
    const dir = path.join(outer, 'repo');
    fs.mkdirSync(path.join(dir, 'pkg/src'), { recursive: true });
    git(dir, 'init', '-q');
    fs.writeFileSync(path.join(dir, '.gitignore'), 'out/\n');
    fs.writeFileSync(path.join(dir, '.git/info/exclude'), 'excluded.ts\n');
    for (const f of ['pkg/src/a.ts', 'pkg/src/secret.ts', 'pkg/src/excluded.ts', 'pkg/out/o.ts']) fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    for (const f of ['pkg/src/a.ts', 'pkg/src/secret.ts', 'pkg/src/excluded.ts', 'pkg/out/o.ts']) fs.writeFileSync(path.join(dir, f), x);
    // From inside the package: the repo root's rules apply; the rules outside the repository do not.
    expect(found(path.join(dir, 'pkg'))).toEqual(['src/a.ts', 'src/secret.ts']);
  });

  it('processes an ignored directory or file when it is named explicitly', () => {
    const dir = makeProject({ '.gitignore': 'build/\nskip.ts\n', 'build/a.ts': x, 'skip.ts': x, 'b.ts': x }, false);
    expect(found(dir)).toEqual(['b.ts']);
    expect(found(dir, { paths: ['build', 'skip.ts'] })).toEqual(['build/a.ts', 'skip.ts']);
  });

  it('leaves out --ignore globs, matched relative to the cwd, for walked and named files', () => {
    const dir = makeProject({ 'src/a.ts': x, 'src/a.test.ts': x, 'src/gen/g.ts': x, 'lib/c.ts': x }, false);
    expect(found(dir, { ignore: ['**/*.test.ts', 'src/gen'] })).toEqual(['lib/c.ts', 'src/a.ts']);
    expect(found(path.join(dir, 'src'), { paths: ['.', 'a.test.ts'], ignore: ['*.test.ts'] })).toEqual(['a.ts', 'gen/g.ts']);
  });

  it('notes explicit files it will not process', () => {
    const dir = makeProject({ 'README.md': x }, false);
    const d = discoverFiles({ cwd: dir, paths: ['README.md'], extensions: DEFAULT_EXTENSIONS, gitignore: true, ignore: [] });
    expect(d.files).toEqual([]);
    expect(d.notes[0]).toContain('README.md: skipped (extension');
  });

  it('does not follow symbolic links', () => {
    const dir = makeProject({ 'src/a.ts': x, 'elsewhere/b.ts': x }, false);
    fs.symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'src/link'));
    fs.symlinkSync(path.join(dir, 'src/a.ts'), path.join(dir, 'src/alias.ts'));
    expect(found(dir, { paths: ['src'] })).toEqual(['src/a.ts']);
  });
});

describe('bin: .gitignore', () => {
  it('leaves ignored files alone on --write, and rewrites them with --no-gitignore', () => {
    const project = makeProject({ '.gitignore': 'vendor/\n', 'vendor/leaky.ts': LEAKY, 'src/user.ts': LEAKY });
    const r = runCli(['--write', '--json'], project);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path)).toEqual(['src/user.ts']);
    expect(read(project, 'vendor/leaky.ts')).toBe(LEAKY);
    expect(read(project, 'src/user.ts')).toContain('using _releaseClient');

    expect(runCli(['--write', '--no-gitignore'], project).code).toBe(0);
    expect(read(project, 'vendor/leaky.ts')).toContain('using _releaseClient');
  });
});
