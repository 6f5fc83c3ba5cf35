// leakproof-baseline.json on the built bin: recorded reports stop counting, survive code moving around them,
// new ones still fail --check, fixes are never baselined; and the enclosing-function names its keys use.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { enclosingNames } from '../../src/cli/enclosing';
import { cleanup, LEAKY, makeProject, read, RETURNED, runCli, SAFE } from './helpers';

afterAll(cleanup);

interface JsonReport {
  files: { path: string; findings: { reasonId: string; line: number }[] }[];
  totals: { reported: number; suppressed: number; baselined: number; fixed: number };
}

const json = (stdout: string) => JSON.parse(stdout) as JsonReport;

/** A second function returning its client, to make two reports with different keys. */
const LEND = `
export async function lend() {
  const client = await pool.connect();
  await client.query('SELECT 2');
  return client;
}
`;

describe('the baseline', () => {
  it('--update-baseline records the reports; --check then passes, and still passes when lines move', () => {
    const dir = makeProject({ 'src/borrow.ts': RETURNED });
    expect(runCli(['--check'], dir).code).toBe(1);

    const up = runCli(['--update-baseline'], dir);
    expect(up.code).toBe(0);
    expect(up.stderr).toContain('baseline: 1 reported lifecycle in leakproof-baseline.json');
    const doc = JSON.parse(read(dir, 'leakproof-baseline.json')) as { version: number; entries: object[] };
    expect(doc).toEqual({
      version: 1,
      entries: [{ file: 'src/borrow.ts', function: 'borrow', library: 'pg', resource: 'client', reasonId: 'returned-after-work', count: 1 }],
    });

    const r = runCli(['--check', '--json'], dir);
    expect(r.code).toBe(0);
    expect(json(r.stdout).totals).toMatchObject({ reported: 0, suppressed: 1, baselined: 1 });

    // Code added above the lifecycle: same file, function, library, resource and reason.
    fs.writeFileSync(path.join(dir, 'src/borrow.ts'), RETURNED.replace('const pool = new Pool();', 'const pool = new Pool();\n// a comment\nexport const limit = 10;\n'));
    expect(runCli(['--check'], dir).code).toBe(0);
  });

  it('a new report fails --check and is the only one listed; --no-baseline shows them all', () => {
    const dir = makeProject({ 'src/borrow.ts': RETURNED });
    runCli(['--update-baseline'], dir);
    fs.appendFileSync(path.join(dir, 'src/borrow.ts'), LEND);
    const r = runCli(['--check', '--json'], dir);
    expect(r.code).toBe(1);
    const doc = json(r.stdout);
    expect(doc.files[0].findings.map((f) => f.line)).toEqual([10]);
    expect(doc.totals).toMatchObject({ reported: 1, baselined: 1 });
    expect(json(runCli(['--check', '--json', '--no-baseline'], dir).stdout).totals).toMatchObject({ reported: 2, baselined: 0 });
  });

  it('counts duplicates: a third report with the same key in the same function is new', () => {
    const block = (n: number) => `  if (flag === ${n}) {\n    const client = await pool.connect();\n    await client.query('SELECT ${n}');\n    return [client];\n  }\n`;
    const twice = (blocks: number[]) => `import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function pick(flag: number) {\n${blocks.map(block).join('')}  return [];\n}\n`;
    const dir = makeProject({ 'src/pick.ts': twice([1, 2]) });
    runCli(['--update-baseline'], dir);
    const entries = (JSON.parse(read(dir, 'leakproof-baseline.json')) as { entries: { function: string; count: number }[] }).entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ function: 'pick', count: 2 });
    expect(runCli(['--check'], dir).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'src/pick.ts'), twice([1, 2, 3]));
    const r = runCli(['--check', '--json'], dir);
    expect(r.code).toBe(1);
    expect(json(r.stdout).totals).toMatchObject({ reported: 1, baselined: 2 });
  });

  it('a fixable leak is never baselined: --check still fails until --write fixes it', () => {
    const dir = makeProject({ 'src/users.ts': LEAKY, 'src/borrow.ts': RETURNED });
    runCli(['--update-baseline', '--report-only'], dir);
    const entries = (JSON.parse(read(dir, 'leakproof-baseline.json')) as { entries: { reasonId: string }[] }).entries;
    expect(entries.map((e) => e.reasonId)).toEqual(['returned-after-work']);
    expect(runCli(['--check'], dir).code).toBe(1);
    expect(runCli(['--write', '--force'], dir).code).toBe(0);
    expect(runCli(['--check'], dir).code).toBe(0);
  });

  it('updating for some paths keeps the entries of files outside them; stale entries are pointed out', () => {
    const dir = makeProject({ 'src/a.ts': RETURNED, 'lib/b.ts': RETURNED });
    runCli(['--update-baseline'], dir);
    // src/a.ts now releases on every path: its entry matches nothing.
    fs.writeFileSync(path.join(dir, 'src/a.ts'), SAFE);
    const check = runCli(['--check'], dir);
    expect(check.code).toBe(0);
    expect(check.stderr).toContain('1 lifecycle in leakproof-baseline.json is no longer reported; --update-baseline removes it');
    runCli(['--update-baseline', 'src'], dir);
    const files = (JSON.parse(read(dir, 'leakproof-baseline.json')) as { entries: { file: string }[] }).entries.map((e) => e.file);
    expect(files).toEqual(['lib/b.ts']);
  });

  it('--baseline names another file (keys relative to it); a missing or broken one is an error', () => {
    const dir = makeProject({ 'src/borrow.ts': RETURNED });
    expect(runCli(['--update-baseline', '--baseline', 'leakproof.json'], dir).code).toBe(0);
    fs.mkdirSync(path.join(dir, 'ci'));
    fs.renameSync(path.join(dir, 'leakproof.json'), path.join(dir, 'ci/leakproof.json'));
    // Moved under ci/, its `src/borrow.ts` now means ci/src/borrow.ts: nothing matches.
    expect(runCli(['--check', '--baseline', 'ci/leakproof.json'], dir).code).toBe(1);
    expect(runCli(['--update-baseline', '--baseline', 'ci/leakproof.json'], dir).code).toBe(0);
    expect((JSON.parse(read(dir, 'ci/leakproof.json')) as { entries: { file: string }[] }).entries.map((e) => e.file)).toEqual(['../src/borrow.ts']);
    expect(runCli(['--check', '--baseline', 'ci/leakproof.json'], dir).code).toBe(0);
    // The default file is not there: without --baseline the report counts.
    expect(runCli(['--check'], dir).code).toBe(1);

    const missing = runCli(['--check', '--baseline', 'nope.json'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--baseline nope.json: no such file');
    fs.writeFileSync(path.join(dir, 'leakproof-baseline.json'), '{"version": 1, "entries": [{"file": "x"}]}');
    const broken = runCli(['--check'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('entry 1 needs file, function, library, resource, reasonId');
    expect(runCli(['--check', '--no-baseline', '--update-baseline'], dir).code).toBe(2);
  });
});

describe('enclosing function names (baseline keys)', () => {
  const at = (text: string, needle: string) => {
    const before = text.slice(0, text.indexOf(needle));
    const line = before.split('\n').length;
    return { line, column: before.length - before.lastIndexOf('\n') };
  };

  it('JavaScript and TypeScript: declarations, methods, arrows by what holds them, callbacks by their callee and title', () => {
    const ts = `import { Pool } from 'pg';
const pool = new Pool();
pool.connect();
export class UserRepo {
  async find(id: number) { return pool.connect(/*a*/); }
  handler = async () => pool.connect(/*b*/);
  static async #make() { return pool.connect(/*c*/); }
}
export const load = async () => {
  app.get('/u', async (req: unknown) => pool.connect(/*d*/));
};
module.exports.save = function () { return pool.connect(/*e*/); };
export default function () { return pool.connect(/*f*/); }
const o = { async run() { return pool.connect(/*g*/); } };
(async () => pool.connect(/*h*/))();
describe('users', () => { it(\`finds one\`, async () => pool.connect(/*i*/)); });
`;
    const needles = ['pool.connect();', 'pool.connect(/*a*/)', 'pool.connect(/*b*/)', 'pool.connect(/*c*/)', 'pool.connect(/*d*/)', 'pool.connect(/*e*/)', 'pool.connect(/*f*/)', 'pool.connect(/*g*/)', 'pool.connect(/*h*/)', 'pool.connect(/*i*/)'];
    expect(enclosingNames(ts, 'a.ts', needles.map((n) => at(ts, n)))).toEqual([
      '<module>',
      'UserRepo.find',
      'UserRepo.handler',
      'UserRepo.#make',
      'load.<callback of app.get "/u">',
      'module.exports.save',
      'default',
      'run',
      '<iife>',
      '<callback of describe "users">.<callback of it "finds one">',
    ]);
  });

  it('Python: functions and classes, nested', () => {
    const py = `import sqlite3
conn = sqlite3.connect("a")
class Store:
    def reader(self):
        def inner():
            return sqlite3.connect("b")
        return inner
async def main():
    c = sqlite3.connect("c")
`;
    expect(enclosingNames(py, 'a.py', [at(py, 'sqlite3.connect("a")'), at(py, 'sqlite3.connect("b")'), at(py, 'sqlite3.connect("c")')])).toEqual(['<module>', 'Store.reader.inner', 'main']);
  });
});
