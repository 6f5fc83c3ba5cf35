// Type-aware mode through the CLI: one checker run over the prefiltered files, facts handed to each file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, copyProject, REPO, runCli } from './helpers';

afterAll(cleanup);

/** The typed-service fixture in a temp dir, with this repo's installed packages linked in. */
function typedService(): string {
  const dir = copyProject(path.join(REPO, '__testfixtures__/projects/typed-service'));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function findings(stdout: string, file: string): { resource: string; outcome: string }[] {
  return JSON.parse(stdout).files.find((f: { path: string }) => f.path === file).findings;
}

describe('type-aware mode', () => {
  const project = typedService();

  it('gives the checker’s facts to the transforms, and says what it checked', () => {
    const typed = runCli(['--json', 'src'], project);
    expect(typed.code).toBe(1); // a dry run with changes
    // users.ts and locks.ts pass the prefilter; timers.ts names no library and gets in through the checker
    // and the project index (its client comes from the project's own getClient()).
    expect(typed.stderr).toContain('types: checked 3 file(s) with tsconfig.json');
    expect(findings(typed.stdout, 'src/timers.ts')).toEqual([expect.objectContaining({ resource: 'client', outcome: 'fixed' })]);
    expect(findings(typed.stdout, 'src/users.ts')).toContainEqual(expect.objectContaining({ resource: 'client', outcome: 'fixed' }));
    // The look-alike `release()` on a non-resource is left alone only with types.
    expect(findings(typed.stdout, 'src/locks.ts')).toEqual([]);
  });

  it('--no-types: syntax only', () => {
    const untyped = runCli(['--json', '--no-types', 'src'], project);
    expect(untyped.stderr).not.toContain('types:');
    // The project wrapper is followed by the syntactic index too.
    expect(findings(untyped.stdout, 'src/users.ts').map((f) => f.resource)).toContain('client');
    expect(findings(untyped.stdout, 'src/locks.ts').length).toBeGreaterThan(0);
    // timers.ts names no library: the project index brings it back, as it imports the wrapper.
    expect(findings(untyped.stdout, 'src/timers.ts')).toEqual([expect.objectContaining({ resource: 'client', outcome: 'fixed' })]);
  });

  it('--project names the tsconfig; a missing one is a usage error', () => {
    const ok = runCli(['--json', '--project', 'tsconfig.json', 'src'], project);
    expect(ok.code).toBe(1);
    expect(ok.stderr).toContain('types: checked 3 file(s)');
    const missing = runCli(['--project', 'nope/tsconfig.json', 'src'], project);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--project nope/tsconfig.json: no such file');
  });

  it('hands the facts to pool workers too: same report on worker threads as in the main thread', () => {
    const big = typedService();
    const users = fs.readFileSync(path.join(big, 'src/users.ts'), 'utf8');
    for (let i = 0; i < 55; i++) fs.writeFileSync(path.join(big, `src/users${i}.ts`), users);
    const pooled = runCli(['--json', '--cpus', '4', 'src'], big);
    const single = runCli(['--json', '--cpus', '1', 'src'], big);
    expect(pooled.stderr).toMatch(/on [2-4] worker threads/);
    const a = JSON.parse(pooled.stdout);
    const b = JSON.parse(single.stdout);
    a.totals.elapsedMs = b.totals.elapsedMs = 0;
    expect(a).toEqual(b);
    expect(findings(pooled.stdout, 'src/users42.ts')).toContainEqual(expect.objectContaining({ resource: 'client', outcome: 'fixed' }));
  });
});
