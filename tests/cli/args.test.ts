import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs, UsageError, type CliOptions } from '../../src/cli/args';
import { ALL_EXTENSIONS } from '../../src/languages';
import { cleanup, LEAKY, makeProject, read, runCli } from './helpers';

afterAll(cleanup);

function options(argv: string[]): CliOptions {
  const r = parseArgs(argv, '9.9.9', 4);
  if (r.kind !== 'run') throw new Error(`expected a run, got: ${r.output}`);
  return r.options;
}

describe('parseArgs', () => {
  it('defaults to a dry run of the current directory with every transform', () => {
    const o = options([]);
    expect(o).toMatchObject({ paths: ['.'], write: false, check: false, reportOnly: false, json: false, force: false, transforms: [] });
    expect(o).toMatchObject({ adapter: 'object', gitignore: true, prefilter: true, cpus: 4, color: undefined, failOnError: false });
    expect(o.extensions).toEqual(ALL_EXTENSIONS);
    expect(o.extensions).toEqual(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.py']);
  });

  it('collects repeatable flags without swallowing the paths after them', () => {
    const o = options(['-t', 'a', '--transform', 'b', '--ignore', 'x/**', 'src', '--ignore', 'y', 'lib']);
    expect(o.transforms).toEqual(['a', 'b']);
    expect(o.ignore).toEqual(['x/**', 'y']);
    expect(o.paths).toEqual(['src', 'lib']);
  });

  it('takes extensions comma separated and repeated, with or without the dot', () => {
    expect(options(['--extensions', 'ts,.TSX', '--extensions', 'mjs']).extensions).toEqual(['.ts', '.tsx', '.mjs']);
  });

  it('reads the negated flags', () => {
    const o = options(['--no-gitignore', '--no-prefilter', '--no-color', '--adapter', 'stack', '--cpus', '3']);
    expect(o).toMatchObject({ gitignore: false, prefilter: false, color: false, adapter: 'stack', cpus: 3 });
    expect(options(['--color']).color).toBe(true);
  });

  it('reads the style options', () => {
    expect(options([])).toMatchObject({ style: undefined, helperImport: undefined, helperPath: undefined });
    const o = options(['--style', 'with-session', '--helper-import', '@app/db', '--helper-path', 'lib/ws']);
    expect(o).toMatchObject({ style: 'with-session', helperImport: '@app/db', helperPath: 'lib/ws' });
  });

  it('treats everything after -- as paths', () => {
    expect(options(['src', '--', '--odd-name.ts']).paths).toEqual(['src', '--odd-name.ts']);
  });

  it.each([
    [['--bogus'], /Unknown argument: bogus/],
    [['--write', '--check'], /--write and --check/],
    [['--write', '--report-only'], /--write and --report-only/],
    [['--cpus', '0'], /--cpus/],
    [['--cpus', 'many'], /--cpus/],
    [['--adapter', 'heap'], /adapter/],
    [['--extensions', ','], /--extensions/],
    [['--style', 'fancy'], /style/],
    [['--style', 'using', '--style', 'try-finally'], /--style can be given once/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv, '9.9.9', 4)).toThrow(UsageError);
    expect(() => parseArgs(argv, '9.9.9', 4)).toThrow(message);
  });

  it('returns --help and --version text instead of printing it', () => {
    const help = parseArgs(['--help'], '9.9.9', 4);
    expect(help.kind).toBe('exit');
    expect(parseArgs(['--version'], '9.9.9', 4)).toEqual({ kind: 'exit', output: '9.9.9' });
  });
});

describe('bin: usage', () => {
  const project = makeProject({ 'src/user.ts': LEAKY });

  it('exits 2 on an unknown flag, names it, and touches nothing', () => {
    const r = runCli(['--write', '--force', '--frobnicate'], project);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown argument: frobnicate');
    expect(r.stdout).toBe('');
    expect(read(project, 'src/user.ts')).toBe(LEAKY);
  });

  it('exits 2 on an unknown transform and lists the known ones', () => {
    const r = runCli(['-t', 'no-such-transform'], project);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown transform no-such-transform');
    expect(r.stderr).toContain('await-using');
  });

  it('exits 2 on a path that does not exist', () => {
    const r = runCli(['missing-dir'], project);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing-dir: no such file or directory');
  });

  it('--help shows every flag and examples, exit 0', () => {
    const r = runCli(['--help'], project);
    expect(r.code).toBe(0);
    for (const flag of [
      '--write', '--check', '--report-only', '--json', '--force', '--transform', '-t', '--list-transforms', '--adapter',
      '--style', '--helper-import', '--helper-path', '--types', '--project', '--extensions', '--gitignore', '--ignore', '--prefilter', '--cpus', '--color', '--fail-on-error', '--help', '--version',
      '--format', '--report-unused-ignores', '--baseline', '--update-baseline',
    ]) {
      expect(r.stdout).toContain(flag);
    }
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('leakproof --check');
  });

  it('--list-transforms prints each name with its description, exit 0', () => {
    const r = runCli(['--list-transforms'], project);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^lifecycles +\S.+$/m);
    expect(r.stdout).toMatch(/^await-using +\S.+$/m);
  });

  it('--version prints the package version', () => {
    const r = runCli(['--version'], project);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
