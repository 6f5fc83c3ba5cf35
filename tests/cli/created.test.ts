// Files a rewrite needs that do not exist yet (the generated withSession helper): shown, created, never overwritten.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, gitCommitAll, hashTree, LEAKY, makeProject, read, runCli } from './helpers';
import { validate } from './schema';

afterAll(cleanup);

const HELPER = 'src/leakproof/with-session.ts';
const STYLE = ['--style', 'with-session'];

describe('created files', () => {
  it('dry run: shows the new file as a diff from /dev/null and creates nothing', () => {
    const project = makeProject({ 'src/user.ts': LEAKY });
    const before = hashTree(project);
    const r = runCli(STYLE, project);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`--- /dev/null\n+++ b/${HELPER}\n@@ -0,0 +1,`);
    expect(r.stdout).toContain("+import { withSession } from './leakproof/with-session';");
    expect(hashTree(project)).toEqual(before);

    const doc = JSON.parse(runCli([...STYLE, '--json'], project).stdout);
    expect(validate(doc)).toEqual([]);
    expect(doc.created).toHaveLength(1);
    expect(doc.created[0].path).toBe(HELPER);
    expect(doc.created[0].diff).toMatch(/^--- \/dev\/null\n/);
    expect(doc.totals.created).toBe(1);
  });

  it('--write creates it once, even when several files need it; a second run changes nothing', () => {
    const project = makeProject({ 'src/user.ts': LEAKY, 'src/order.ts': LEAKY.replace('getUser', 'getOrder') });
    const r = runCli(['--write', ...STYLE], project);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('wrote 2 files and created 1');
    expect(read(project, HELPER)).toContain('export async function withSession');
    expect(read(project, 'src/order.ts')).toContain('withSession(');
    const after = hashTree(project);
    const again = runCli(['--write', ...STYLE], project);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    expect(hashTree(project)).toEqual(after);
  });

  it('never overwrites a file that exists', () => {
    const mine = 'export const withSession = null; // mine\n';
    const project = makeProject({ 'src/user.ts': LEAKY, [HELPER]: mine });
    const r = runCli(['--write', '--json', ...STYLE], project);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).created).toEqual([]);
    expect(read(project, HELPER)).toBe(mine);
    expect(read(project, 'src/user.ts')).toContain('withSession(');
  });

  it('is not created when the write is refused', () => {
    const project = makeProject({ 'src/user.ts': LEAKY });
    gitCommitAll(project);
    fs.writeFileSync(path.join(project, 'src/user.ts'), LEAKY.replace('SELECT *', 'SELECT id'));
    const r = runCli(['--write', ...STYLE], project);
    expect(r.code).toBe(2);
    expect(fs.existsSync(path.join(project, HELPER))).toBe(false);
    expect(fs.existsSync(path.join(project, 'src/leakproof'))).toBe(false);
  });
});
