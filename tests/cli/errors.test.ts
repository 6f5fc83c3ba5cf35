import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { BROKEN, cleanup, hashTree, LEAKY, makeProject, read, RETURNED, runCli } from './helpers';

afterAll(cleanup);

describe('a file that does not parse', () => {
  it('is listed as path:line:col  parse error, the other files are still processed, exit 1', () => {
    const project = makeProject({ 'src/a-broken.ts': BROKEN, 'src/user.ts': LEAKY, 'src/borrow.ts': RETURNED });
    const r = runCli([], project);
    // The file's problem, not leakproof's: something to look at, like a change or a reported leak.
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^src\/a-broken\.ts:3:\d+ {2}parse error: \S.*$/m);
    expect(r.stdout).toContain('+++ b/src/user.ts'); // processed after the broken one (sorted by path)
    expect(r.stdout).toMatch(/^ {2}src\/borrow\.ts:4:/m);
    expect(r.stderr).toMatch(/3 files found, 2 parsed, 1 changed, 1 unchanged, 1 parse error;/);
  });

  it('with --write the files that parse are still written, and the run exits 1 for the one left to look at', () => {
    const project = makeProject({ 'src/a-broken.ts': BROKEN, 'src/user.ts': LEAKY });
    const r = runCli(['--write'], project);
    expect(r.code).toBe(1);
    expect(read(project, 'src/user.ts')).toContain('using _releaseClient');
    expect(read(project, 'src/a-broken.ts')).toBe(BROKEN);
  });

  it('--fail-on-error stops at the first error: exit 2, nothing written', () => {
    const project = makeProject({ 'src/a-broken.ts': BROKEN, 'src/user.ts': LEAKY });
    const before = hashTree(project);
    const r = runCli(['--write', '--fail-on-error'], project);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^src\/a-broken\.ts:3:\d+ {2}parse error/m);
    expect(r.stderr).toContain('--fail-on-error');
    expect(r.stdout).not.toContain('src/user.ts'); // never reached
    expect(hashTree(project)).toEqual(before);
  });

  it('is not CommonJS written for sloppy mode: read as a script, as Node runs it, and fixed', () => {
    const legacy = [
      "const fs = require('fs');",
      "const mysql = require('mysql2/promise');",
      '',
      'async function save(package, rows) {',
      '  const conn = await mysql.createConnection({});',
      "  await conn.query('insert', [package, rows]);",
      "  fs.chmodSync('/tmp/x', 0644);",
      '  await conn.end();',
      '}',
      '',
      'module.exports = { save };',
      '',
    ].join('\n');
    const project = makeProject({ 'lib/legacy.js': legacy });
    const r = runCli(['--write'], project);
    expect(r.stderr, r.stderr).not.toMatch(/parse error:/);
    expect(r.code).toBe(0);
    const out = read(project, 'lib/legacy.js');
    expect(out).toContain('} finally {\n    await conn.end();\n  }');
    // Everything else as written: the octal and the parameter named `package` stay.
    expect(out).toContain("fs.chmodSync('/tmp/x', 0644);");
    expect(out).toContain('async function save(package, rows) {');
    // The output is still a script Node can load, and a second run leaves it as it is.
    expect(() => new vm.Script(out)).not.toThrow();
    const again = runCli(['--write'], project);
    expect(again.code, again.stderr).toBe(0);
    expect(read(project, 'lib/legacy.js')).toBe(out);
    // A text that is neither a module nor a script keeps the module's error.
    const broken = makeProject({ 'lib/broken.js': "const { Pool } = require('pg');\nconst pool = new Pool();\nfunction f(package) {\n  return package +;\n}\n" });
    expect(runCli([], broken).stderr).toMatch(/^lib\/broken\.js:\d+:\d+ {2}parse error: Unexpected reserved word 'package'/m);
  });

  it('a file that is not UTF-8 is an error, never rewritten', () => {
    const bytes = Buffer.concat([Buffer.from(LEAKY), Buffer.from([0xff, 0xfe, 0x0a])]);
    const project = makeProject({ 'src/latin.ts': bytes });
    const r = runCli(['--write'], project);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^src\/latin\.ts {2}error: not valid UTF-8/m);
    expect(fs.readFileSync(path.join(project, 'src/latin.ts')).equals(bytes)).toBe(true);
  });
});
