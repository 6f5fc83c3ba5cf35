import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, copyProject, hashTree, LEAKY, makeProject, PLAIN, read, REPO, RETURNED, runCli } from './helpers';

afterAll(cleanup);

function jscodeshift(transform: string, dir: string, ...options: string[]) {
  return spawnSync(
    process.execPath,
    [path.join(REPO, 'node_modules/jscodeshift/bin/jscodeshift.js'), '-t', path.join(REPO, `dist/transforms/${transform}.js`), '--extensions=ts', '--parser=ts', ...options, dir],
    { cwd: REPO, encoding: 'utf8' },
  );
}

describe('the transform as a plain jscodeshift module', () => {
  it('gives byte-identical files to leakproof --write', () => {
    const original = makeProject({
      'src/user.ts': LEAKY,
      'src/deep/nested/order.ts': LEAKY.replace('getUser', 'getOrder').replace('users', 'orders'),
      'src/crlf.ts': LEAKY.replace(/\n/g, '\r\n'),
      'src/bom.ts': '\uFEFF' + LEAKY,
      'src/borrow.ts': RETURNED,
      'src/plain.ts': PLAIN,
    });
    const viaJscodeshift = copyProject(original);
    const viaLeakproof = copyProject(original);

    const jscs = jscodeshift('await-using', viaJscodeshift);
    expect(jscs.status, jscs.stderr + jscs.stdout).toBe(0);
    const lp = runCli(['-t', 'await-using', '--write', '--force'], viaLeakproof);
    expect(lp.code, lp.stderr).toBe(1); // written; borrow.ts stays reported

    // Something really changed (so equal trees are not two no-ops) …
    expect(read(viaLeakproof, 'src/user.ts')).toContain('using _releaseClient');
    expect(hashTree(viaLeakproof)).not.toEqual(hashTree(original));
    // … and both ways agree on every byte of every file.
    expect(hashTree(viaJscodeshift)).toEqual(hashTree(viaLeakproof));
  });

  it('agrees with leakproof on options and generated files too (--style=with-session)', () => {
    const original = makeProject({ 'src/user.ts': LEAKY, 'src/order.ts': LEAKY.replace('getUser', 'getOrder') });
    const viaJscodeshift = copyProject(original);
    const viaLeakproof = copyProject(original);
    const jscs = jscodeshift('lifecycles', viaJscodeshift, '--style=with-session');
    expect(jscs.status, jscs.stderr + jscs.stdout).toBe(0);
    const lp = runCli(['-t', 'lifecycles', '--style', 'with-session', '--write', '--force'], viaLeakproof);
    expect(lp.code, lp.stderr).toBe(0);
    expect(Object.keys(hashTree(viaLeakproof))).toContain('src/leakproof/with-session.ts');
    expect(hashTree(viaJscodeshift)).toEqual(hashTree(viaLeakproof));
  });
});
