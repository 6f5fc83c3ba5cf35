import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, git, gitCommitAll, hashTree, LEAKY, makeProject, PLAIN, read, RETURNED, runCli } from './helpers';

afterAll(cleanup);

const FIXED_LINE = 'using _releaseClient = { [Symbol.dispose]: () => client.release() };';

describe('--write', () => {
  it('rewrites the leaky file, leaves the others, and a second run changes nothing', () => {
    const project = makeProject({ 'src/user.ts': LEAKY, 'src/borrow.ts': RETURNED, 'src/plain.ts': PLAIN });
    const first = runCli(['--write'], project);
    // Written; what is left is borrow.ts's reported lifecycle, to look at by hand (exit 1).
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('wrote 1 file');
    const user = read(project, 'src/user.ts');
    expect(user).toContain(FIXED_LINE);
    expect(user).not.toContain('client.release();');
    expect(read(project, 'src/borrow.ts')).toBe(RETURNED);
    expect(read(project, 'src/plain.ts')).toBe(PLAIN);

    const after = hashTree(project);
    const second = runCli(['--write'], project);
    expect(second.code).toBe(1);
    expect(second.stdout).not.toContain('+++');
    expect(second.stderr).toMatch(/0 changed/);
    expect(hashTree(project)).toEqual(after);
    // No temp files left behind.
    expect(fs.readdirSync(path.join(project, 'src')).sort()).toEqual(['borrow.ts', 'plain.ts', 'user.ts']);
  });

  it('leaves nothing for --check to complain about: no findings on its own output', () => {
    const project = makeProject({ 'src/user.ts': LEAKY });
    expect(runCli(['--write'], project).code).toBe(0);
    const check = runCli(['--check'], project);
    expect(check.stdout).toBe('');
    expect(check.code).toBe(0);
  });

  it('keeps the file mode', () => {
    const project = makeProject({ 'src/user.ts': LEAKY });
    const file = path.join(project, 'src/user.ts');
    fs.chmodSync(file, 0o640);
    expect(runCli(['--write'], project).code).toBe(0);
    expect(read(project, 'src/user.ts')).toContain(FIXED_LINE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
  });

  it('keeps CRLF line endings: every line of the output ends in \\r\\n, and the diff marks only the changed lines', () => {
    const crlf = LEAKY.replace(/\n/g, '\r\n');
    const project = makeProject({ 'src/user.ts': crlf });
    const dry = runCli([], project);
    const marked = dry.stdout.split('\n').filter((l) => /^[+-](?![+-]{2} )/.test(l));
    expect(marked).toEqual(['+  ' + FIXED_LINE + '\r', '-  client.release();\r']);

    expect(runCli(['--write'], project).code).toBe(0);
    const out = read(project, 'src/user.ts');
    expect(out).toContain(FIXED_LINE + '\r\n');
    expect(out.replace(/\r\n/g, '')).not.toContain('\n'); // no bare LF anywhere
  });

  it('keeps a BOM', () => {
    const project = makeProject({ 'src/user.ts': '\uFEFF' + LEAKY });
    expect(runCli(['--write'], project).code).toBe(0);
    const bytes = fs.readFileSync(path.join(project, 'src/user.ts'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain(FIXED_LINE);
    expect(bytes.toString('utf8').indexOf('\uFEFF', 1)).toBe(-1); // exactly one
  });

  it('keeps a BOM and CRLF together', () => {
    const project = makeProject({ 'src/user.ts': '\uFEFF' + LEAKY.replace(/\n/g, '\r\n') });
    expect(runCli(['--write'], project).code).toBe(0);
    const text = read(project, 'src/user.ts');
    expect(text.startsWith('\uFEFFimport')).toBe(true);
    expect(text).toContain(FIXED_LINE + '\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('--write in a git repository', () => {
  function repo() {
    const project = makeProject({ 'src/user.ts': LEAKY, 'src/other.ts': LEAKY.replace('getUser', 'getOther'), 'src/borrow.ts': RETURNED });
    gitCommitAll(project);
    return project;
  }

  it('writes when the files to change are committed', () => {
    const project = repo();
    const r = runCli(['--write'], project);
    expect(r.code).toBe(1); // borrow.ts is still reported
    expect(r.stderr).toContain('wrote 2 files');
    expect(read(project, 'src/user.ts')).toContain(FIXED_LINE);
    expect(git(project, 'status', '--porcelain')).toContain(' M src/user.ts');
  });

  it('refuses (exit 2, nothing written) when a file to change has uncommitted changes, naming it', () => {
    const project = repo();
    const edited = LEAKY.replace('SELECT *', 'SELECT id');
    fs.writeFileSync(path.join(project, 'src/user.ts'), edited);
    const before = hashTree(project);
    const r = runCli(['--write'], project);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('uncommitted changes');
    expect(r.stderr).toContain('src/user.ts');
    expect(r.stderr).not.toContain('src/other.ts'); // clean, so not named …
    expect(hashTree(project)).toEqual(before); // … but not written either: all or nothing
  });

  it('counts an untracked file as uncommitted', () => {
    const project = repo();
    fs.writeFileSync(path.join(project, 'src/new.ts'), LEAKY);
    const r = runCli(['--write'], project);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('src/new.ts');
    expect(read(project, 'src/new.ts')).toBe(LEAKY);
    expect(read(project, 'src/user.ts')).toBe(LEAKY);
  });

  it('counts a git-ignored file named on the command line as uncommitted', () => {
    const project = repo();
    fs.writeFileSync(path.join(project, '.gitignore'), 'gen/\n');
    gitCommitAll(project);
    fs.mkdirSync(path.join(project, 'gen'));
    fs.writeFileSync(path.join(project, 'gen/leaky.ts'), LEAKY);
    const r = runCli(['--write', 'gen/leaky.ts', 'src/user.ts'], project);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ {2}gen\/leaky\.ts$/m);
    expect(r.stderr).not.toMatch(/^ {2}src\/user\.ts$/m);
    expect(read(project, 'gen/leaky.ts')).toBe(LEAKY);
    expect(read(project, 'src/user.ts')).toBe(LEAKY);
  });

  it('ignores dirty files that would not change', () => {
    const project = repo();
    fs.writeFileSync(path.join(project, 'src/borrow.ts'), RETURNED + '// edited\n');
    const r = runCli(['--write'], project);
    expect(r.code).toBe(1); // written; borrow.ts is still reported
    expect(r.stderr).toContain('wrote 2 files');
    expect(read(project, 'src/user.ts')).toContain(FIXED_LINE);
  });

  it('--force writes anyway', () => {
    const project = repo();
    fs.writeFileSync(path.join(project, 'src/user.ts'), LEAKY.replace('SELECT *', 'SELECT id'));
    const r = runCli(['--write', '--force'], project);
    expect(r.code).toBe(1); // written; borrow.ts is still reported
    expect(r.stderr).toContain('wrote 2 files');
    expect(read(project, 'src/user.ts')).toContain(FIXED_LINE);
    expect(read(project, 'src/user.ts')).toContain('SELECT id');
  });

  it('checks from a subdirectory of the repository too', () => {
    const project = repo();
    fs.writeFileSync(path.join(project, 'src/user.ts'), LEAKY.replace('SELECT *', 'SELECT id'));
    const r = runCli(['--write', '.'], path.join(project, 'src'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ {2}user\.ts$/m);
  });
});
