import { afterAll, describe, expect, it } from 'vitest';
import { BROKEN, cleanup, hashTree, LEAKY, makeProject, PLAIN, RETURNED, runCli, SAFE } from './helpers';
import { validate } from './schema';

afterAll(cleanup);

describe('dry run (the default)', () => {
  const project = makeProject({ 'src/user.ts': LEAKY, 'src/borrow.ts': RETURNED, 'src/plain.ts': PLAIN, 'lib/other.mjs': PLAIN });

  it('writes nothing: every file byte-identical afterwards', () => {
    const before = hashTree(project);
    const r = runCli([], project);
    // A change not written and a reported lifecycle: something to look at.
    expect(r.code).toBe(1);
    expect(hashTree(project)).toEqual(before);
  });

  it('prints a plain unified diff relative to the cwd, then the reported findings', () => {
    const r = runCli([], project);
    expect(r.stdout).toContain('--- a/src/user.ts\n+++ b/src/user.ts\n@@ ');
    expect(r.stdout).toContain('-  client.release();\n');
    expect(r.stdout).toContain('+  using _releaseClient = { [Symbol.dispose]: () => client.release() };\n');
    expect(r.stdout).not.toContain('\u001b['); // piped: no colour
    // After the diffs: one line per fix saying what was wrong, then the reported ones under their own
    // heading, as path:line:col  library  reason.
    const fixed = r.stdout.indexOf('Leaks fixed (1):\n');
    expect(fixed).toBeGreaterThan(r.stdout.indexOf('+++ b/src/user.ts'));
    expect(r.stdout).toMatch(/^ {2}src\/user\.ts:\d+:\d+ {2}pg {2}released only if nothing before release\(\) throws; a failure leaves the client checked out of its pool → `using`$/m);
    const heading = r.stdout.indexOf('Needs a look by hand (1):');
    expect(heading).toBeGreaterThan(fixed);
    expect(r.stdout.indexOf('src/borrow.ts:4:')).toBeGreaterThan(heading);
    expect(r.stdout).toMatch(/^ {2}src\/borrow\.ts:4:\d+ {2}pg {2}\S.*$/m);
    expect(r.stdout).not.toContain('src/plain.ts');
  });

  it('colours the diff only when asked, and never with --no-color or NO_COLOR', () => {
    expect(runCli(['--color'], project).stdout).toContain('\u001b[32m+  using');
    expect(runCli(['--color', '--no-color'], project).stdout).not.toContain('\u001b[');
    expect(runCli(['src/user.ts'], project, { NO_COLOR: '1' }).stdout).not.toContain('\u001b[');
  });

  it('summarises on stderr', () => {
    const r = runCli([], project);
    expect(r.stderr).toMatch(/4 files found, 2 parsed, 1 changed, 1 unchanged, 0 parse errors; lifecycles: 1 leak fixed, 1 reported; \d+\.\d\ds/);
    expect(r.stderr).toContain('dry run: nothing written');
  });

  it('--report-only prints the findings, no diff, writes nothing', () => {
    const before = hashTree(project);
    const r = runCli(['--report-only'], project);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('+++');
    expect(r.stdout).toContain('Would fix (1):');
    expect(r.stdout).toMatch(/^ {2}src\/borrow\.ts:4:\d+ {2}pg /m);
    expect(hashTree(project)).toEqual(before);
  });

  it('--no-prefilter parses files the prefilter would skip', () => {
    const r = runCli(['--json', '--no-prefilter'], project);
    const doc = JSON.parse(r.stdout);
    expect(doc.totals).toMatchObject({ filesFound: 4, filesParsed: 4, skipped: 0 });
  });
});

describe('the first look', () => {
  // `.connect(` alone ties nothing to a library: without the checker such a file is dropped unparsed,
  // unless the project index shows that every caller hands it a pool.
  const unnamed = `export async function ping(db) {\n  const c = await db.connect();\n  await c.query('SELECT 1');\n  c.release();\n}\n`;
  const caller = `import { Pool } from 'pg';\nimport { ping } from './ping';\nconst pool = new Pool();\nexport const check = () => ping(pool);\n`;

  it('drops a file that acquires on a receiver nothing names', () => {
    const doc = JSON.parse(runCli(['--json', '--no-types'], makeProject({ 'src/ping.js': unnamed })).stdout);
    expect(doc.files).toMatchObject([{ path: 'src/ping.js', status: 'skipped' }]);
    expect(doc.totals).toMatchObject({ filesFound: 1, filesParsed: 0 });
  });

  // A library named only in a comment (a doc's example, a line commented out) imports nothing.
  const documented = `/**\n * Checks the database:\n *   const { Pool } = require('pg');\n *   await ping(new Pool());\n */\n// import pg from 'pg';\nexport async function ping(db) {\n  const c = await db.connect();\n  await c.query('SELECT 1');\n  c.release();\n}\n`;
  // A comment that closes before the import on its line: the import counts.
  const afterComment = `/* eslint-disable */ const { Pool } = require('pg');\nconst pool = new Pool();\nexports.ping = async () => {\n  const c = await pool.connect();\n  await c.query('SELECT 1');\n  c.release();\n};\n`;

  it('drops a file that names the library in comments only, and keeps one whose import follows a closed comment', () => {
    const doc = JSON.parse(runCli(['--json', '--no-types'], makeProject({ 'src/documented.js': documented, 'src/after.js': afterComment })).stdout);
    const byPath = Object.fromEntries(doc.files.map((f: { path: string }) => [f.path, f]));
    expect(byPath['src/documented.js']).toMatchObject({ status: 'skipped', findings: [] });
    expect(byPath['src/after.js']).toMatchObject({ status: 'changed', findings: [{ outcome: 'fixed', library: 'pg' }] });
  });

  it('drops a file that imports a library but calls nothing of it that hands out a resource', () => {
    const files = {
      // Decorators and a type: nothing here can be acquired.
      'src/entity.ts': `import { Column, Entity, type DataSource } from 'typeorm';\n@Entity()\nexport class Post {\n  @Column() title!: string;\n}\nexport const save = (ds: DataSource, p: Post) => ds.manager.save(p);\n`,
      // An acquire too common to look for anywhere (\`open\`) on the import itself, and a callback API's acquire.
      'src/file.js': `const fsp = require('fs/promises');\nexports.head = async (p) => {\n  const fh = await fsp.open(p);\n  const { buffer } = await fh.read(Buffer.alloc(16), 0, 16, 0);\n  await fh.close();\n  return buffer;\n};\n`,
      'src/trx.js': `const knex = require('knex')({ client: 'pg' });\nexports.move = async () => {\n  const trx = await knex.transaction();\n  await trx('a').insert({ id: 1 });\n  await trx.commit();\n};\n`,
    };
    const doc = JSON.parse(runCli(['--json', '--no-types'], makeProject(files)).stdout);
    const status = Object.fromEntries(doc.files.map((f: { path: string; status: string }) => [f.path, f.status]));
    expect(status['src/entity.ts']).toBe('skipped');
    expect(status['src/file.js']).not.toBe('skipped');
    expect(status['src/trx.js']).not.toBe('skipped');
  });

  it('brings it back when the index knows what its callers pass, and fixes it', () => {
    const doc = JSON.parse(runCli(['--json', '--no-types'], makeProject({ 'src/ping.js': unnamed, 'src/check.js': caller })).stdout);
    const ping = doc.files.find((f: { path: string }) => f.path === 'src/ping.js');
    expect(ping.status).toBe('changed');
    expect(ping.findings).toMatchObject([{ outcome: 'fixed', library: 'pg' }]);
  });
});

describe('--check', () => {
  it('exits 0 when nothing would change and nothing is reported', () => {
    const project = makeProject({ 'src/plain.ts': PLAIN });
    expect(runCli(['--check'], project).code).toBe(0);
  });

  it('exits 1 when a file would change, and writes nothing', () => {
    const project = makeProject({ 'src/user.ts': LEAKY });
    const before = hashTree(project);
    const r = runCli(['--check'], project);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('+++ b/src/user.ts');
    expect(hashTree(project)).toEqual(before);
  });

  it('exits 1 on a reported lifecycle even when nothing would change', () => {
    const project = makeProject({ 'src/borrow.ts': RETURNED });
    const r = runCli(['--check'], project);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('+++');
  });

  it('exits 1 when a file does not parse: listed for a look, and the other files still get their verdict', () => {
    const project = makeProject({ 'src/plain.ts': PLAIN, 'src/broken.ts': BROKEN });
    const r = runCli(['--check', '--no-prefilter'], project);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/src\/broken\.ts:3:\d+ {2}parse error/);
    const withLeak = makeProject({ 'src/user.ts': LEAKY, 'src/broken.ts': BROKEN });
    const both = runCli(['--check'], withLeak);
    expect(both.code).toBe(1);
    expect(both.stdout).toContain('+++ b/src/user.ts');
  });
});

describe('--json', () => {
  const project = makeProject({ 'src/user.ts': LEAKY, 'src/borrow.ts': RETURNED, 'src/plain.ts': PLAIN, 'src/broken.ts': BROKEN });

  it('prints exactly one document matching the schema, with every file and its status', () => {
    const r = runCli(['--json'], project);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout); // throws if stdout holds anything else
    expect(validate(doc)).toEqual([]);
    const status = Object.fromEntries(doc.files.map((f: { path: string; status: string }) => [f.path, f.status]));
    expect(status).toEqual({ 'src/borrow.ts': 'unchanged', 'src/broken.ts': 'error', 'src/plain.ts': 'skipped', 'src/user.ts': 'changed' });
    expect(doc.totals).toMatchObject({ filesFound: 4, filesParsed: 2, changed: 1, unchanged: 1, skipped: 1, errors: 1, fixed: 1, reported: 1 });
    const user = doc.files.find((f: { path: string }) => f.path === 'src/user.ts');
    expect(user.diff).toMatch(/^--- a\/src\/user\.ts\n\+\+\+ b\/src\/user\.ts\n/);
    expect(user.findings[0]).toMatchObject({ transform: 'lifecycles', library: 'pg', resource: 'client', outcome: 'fixed', style: 'using' });
    expect(user.findings[0].problem).toMatch(/^released only if nothing before release\(\) throws/);
    const borrow = doc.files.find((f: { path: string }) => f.path === 'src/borrow.ts');
    expect(borrow.findings[0]).toMatchObject({ outcome: 'reported', problem: null });
    const broken = doc.files.find((f: { path: string }) => f.path === 'src/broken.ts');
    expect(broken.error).toMatchObject({ line: 3, column: expect.any(Number) });
    expect(broken.diff).toBeNull();
    expect(r.stderr).toMatch(/4 files found/);
  });

  it('has null diffs with --report-only and still matches the schema', () => {
    const r = runCli(['--json', '--report-only', 'src/user.ts', 'src/borrow.ts'], project);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(validate(doc)).toEqual([]);
    expect(doc.files.every((f: { diff: unknown }) => f.diff === null)).toBe(true);
    // Nothing is fixed; the lifecycle it would fix is reported as such, next to the one it cannot fix.
    expect(doc.totals).toMatchObject({ changed: 0, fixed: 0, reported: 2 });
  });
});

describe('leaks first: code that already releases on every path', () => {
  const project = makeProject({ 'src/safe.ts': SAFE });

  it('is left byte-identical and is not a finding: exit 0', () => {
    const r = runCli(['--json'], project);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.files[0]).toMatchObject({ path: 'src/safe.ts', status: 'unchanged', findings: [] });
    expect(doc.totals).toMatchObject({ fixed: 0, modernized: 0, reported: 0 });
  });

  it('is restated only with --modernize, counted apart from leaks fixed', () => {
    const r = runCli(['--modernize', '--no-color'], project);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('+  using _releaseClient = { [Symbol.dispose]: () => client.release() };');
    expect(r.stdout).toContain('Modernized on request (1):');
    expect(r.stdout).not.toContain('Leaks fixed');
    expect(r.stderr).toMatch(/lifecycles: 0 leaks fixed, 1 modernized, 0 reported/);
    const doc = JSON.parse(runCli(['--modernize', '--json'], project).stdout);
    expect(validate(doc)).toEqual([]);
    expect(doc.totals).toMatchObject({ fixed: 0, modernized: 1, reported: 0 });
    expect(doc.files[0].findings[0]).toMatchObject({ outcome: 'modernized', style: 'using' });
  });
});
