// Ignore comments: on the built bin for JavaScript/TypeScript, and on the Python transforms' own findings
// (through pythonFrontend, the Python entry point) for `# leakproof: ignore`.
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pythonFrontend } from '../../src/python';
import { applyDirectives, findDirectives } from '../../src/cli/suppressions';
import { triage } from '../../src/cli/triage';
import type { FileReport } from '../../src/cli/report';
import { cleanup, LEAKY, makeProject, RETURNED, runCli } from './helpers';
import { validate } from './schema';

afterAll(cleanup);

const ignoreBefore = (code: string, comment: string) => code.replace('  const client', `  ${comment}\n  const client`);

interface JsonReport {
  files: { path: string; findings: { reasonId: string; outcome: string; line: number }[] }[];
  totals: { reported: number; suppressed: number; baselined: number; fixed: number };
  unusedIgnores?: { path: string; line: number; text: string; message: string }[];
}

describe('leakproof-ignore comments (JavaScript / TypeScript)', () => {
  it('an ignore-next-line comment takes the reported lifecycle out: not counted, --check passes, the total says so', () => {
    const dir = makeProject({ 'src/borrow.ts': ignoreBefore(RETURNED, '// leakproof-ignore-next-line -- the caller releases it') });
    const r = runCli(['--check', '--json'], dir);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as JsonReport;
    expect(validate(doc)).toEqual([]);
    expect(doc.totals).toMatchObject({ reported: 0, suppressed: 1, baselined: 0 });
    expect(doc.files[0].findings).toEqual([]);
    expect(r.stderr).toContain('0 reported, 1 suppressed');
  });

  it('reason ids narrow it; a block comment and a file comment work too', () => {
    const narrowed = ignoreBefore(RETURNED, '// leakproof-ignore-next-line returned-after-work, never-released -- on purpose');
    const other = ignoreBefore(RETURNED, '/* leakproof-ignore-next-line never-released */');
    const whole = `// leakproof-ignore-file returned-after-work -- a pool wrapper: callers release\n${RETURNED}`;
    const dir = makeProject({ 'src/a.ts': narrowed, 'src/b.ts': other, 'src/c.ts': whole });
    const doc = JSON.parse(runCli(['--report-only', '--json'], dir).stdout) as JsonReport;
    const reported = doc.files.filter((f) => f.findings.length > 0).map((f) => f.path);
    expect(reported).toEqual(['src/b.ts']);
    expect(doc.totals).toMatchObject({ reported: 1, suppressed: 2 });
  });

  it('a file comment after the first statement and a comment two lines up do not apply', () => {
    const late = RETURNED.replace("const pool = new Pool();", "const pool = new Pool();\n// leakproof-ignore-file");
    const far = RETURNED.replace('export async function borrow', '// leakproof-ignore-next-line\nexport async function borrow');
    const dir = makeProject({ 'src/late.ts': late, 'src/far.ts': far });
    const doc = JSON.parse(runCli(['--report-only', '--json'], dir).stdout) as JsonReport;
    expect(doc.totals).toMatchObject({ reported: 2, suppressed: 0 });
  });

  it('a leak leakproof fixes is still fixed: the comment above it suppresses nothing, and --report-unused-ignores says why', () => {
    const dir = makeProject({
      'src/users.ts': ignoreBefore(LEAKY, '// leakproof-ignore-next-line'),
      'src/borrow.ts': ignoreBefore(RETURNED, '// leakproof-ignore-next-line never-released'),
      'src/plain.ts': '// leakproof-ignore-file\nexport const answer = 42;\n',
    });
    const quiet = runCli(['--report-only', '--json'], dir);
    expect(quiet.code).toBe(1);
    expect((JSON.parse(quiet.stdout) as JsonReport).unusedIgnores).toBeUndefined();

    const r = runCli(['--report-only', '--json', '--report-unused-ignores'], dir);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as JsonReport;
    expect(validate(doc)).toEqual([]);
    expect(doc.totals.suppressed).toBe(0);
    expect(doc.unusedIgnores!.map((u) => [u.path, u.line, u.text])).toEqual([
      ['src/borrow.ts', 4, 'leakproof-ignore-next-line never-released'],
      ['src/plain.ts', 1, 'leakproof-ignore-file'],
      ['src/users.ts', 4, 'leakproof-ignore-next-line'],
    ]);
    expect(doc.unusedIgnores![0].message).toBe('suppresses nothing: no reported lifecycle with reason never-released on line 5');
    expect(doc.unusedIgnores![2].message).toContain('leakproof fixes the lifecycle on line 5 (--write applies the fix');

    // Text mode lists them under a heading of their own; the dry run still shows (and --write still makes) the fix.
    const text = runCli(['--report-unused-ignores', '--no-color'], dir);
    expect(text.stdout).toContain('Unused ignore comments (3):');
    expect(text.stdout).toContain('+++ b/src/users.ts');
  });

  it('an unused ignore alone is something to look at only with --report-unused-ignores', () => {
    const dir = makeProject({ 'src/plain.ts': "import 'pg';\n// leakproof-ignore-next-line\nexport const answer = 42;\n" });
    expect(runCli(['--check'], dir).code).toBe(0);
    const r = runCli(['--check', '--report-unused-ignores', '--no-color'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('src/plain.ts:2:1  leakproof-ignore-next-line: suppresses nothing');
  });
});

describe('# leakproof: ignore (Python, through pythonFrontend)', () => {
  const PY = `import sqlite3


def open_db(path):
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


class Store:
    def reader(self, path):
        conn = sqlite3.connect(path)  # leakproof: ignore returned -- callers close it
        conn.execute("PRAGMA query_only = ON")
        return conn

    def writer(self, path):
        # leakproof: ignore[returned]
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    def other(self, path):
        # leakproof: ignore never-closed
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA foreign_keys = ON")
        return conn
`;
  const file = path.join('/nonexistent-project', 'store.py');
  const lifecycles = pythonFrontend.transforms.find((t) => t.meta.name === 'lifecycles')!;
  const findings = lifecycles.apply(PY, file, {}).findings;

  // (Each works on the connection before handing it over: a factory that returns it at once is no finding.)
  it('the Python transform reports each connection handed to the caller', () => {
    expect(findings.map((f) => [f.line, f.outcome, f.reasonId])).toEqual([
      [5, 'reported', 'returned'],
      [12, 'reported', 'returned'],
      [18, 'reported', 'returned'],
      [24, 'reported', 'returned'],
    ]);
  });

  it('a trailing comment covers its own line, a comment alone covers the next; ids narrow it', () => {
    const directives = findDirectives(PY, file);
    expect(directives.map((d) => [d.line, d.target, d.ids])).toEqual([
      [12, 12, ['returned']],
      [17, 18, ['returned']],
      [23, 24, ['never-closed']],
    ]);
    const { kept, suppressed, unused } = applyDirectives(findings, directives);
    expect(suppressed.map((f) => f.line)).toEqual([12, 18]);
    expect(kept.map((f) => f.line)).toEqual([5, 24]);
    expect(unused.map((u) => [u.line, u.message])).toEqual([[23, 'suppresses nothing: no reported lifecycle with reason never-closed on line 24']]);
  });

  it('ignore-file before the first statement covers the file; triage counts what it took out', () => {
    const whole = `# leakproof: ignore-file -- a legacy module\n${PY}`;
    const fileFindings = lifecycles.apply(whole, file, {}).findings;
    const report: FileReport = { path: 'store.py', status: 'unchanged', diff: null, findings: fileFindings };
    const t = triage([report], { cwd: '/nonexistent-project', reportUnusedIgnores: true, baseline: null, updateBaseline: false }, () => whole);
    expect(t.files[0].findings).toEqual([]);
    expect(t.suppressed).toBe(4);
    // The per-line comments are now redundant: each is listed.
    expect(t.unusedIgnores!.map((u) => u.line)).toEqual([13, 18, 24]);
  });

  it('a string that looks like a directive is not one', () => {
    const py = `import sqlite3\n\ndef f(path):\n    conn = sqlite3.connect(path)\n    print("# leakproof: ignore")\n    return conn  # leakproof: ignore\n`;
    expect(findDirectives(py, file).map((d) => d.line)).toEqual([6]);
    const js = `import 'pg';\nconst s = "// leakproof-ignore-next-line";\nconst t = \`/* leakproof-ignore-file */\`;\n// leakproof-ignore-next-line\nf();\n`;
    expect(findDirectives(js, 'a.ts').map((d) => [d.line, d.kind])).toEqual([[4, 'next-line']]);
  });
});
