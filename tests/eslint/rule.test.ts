// leakproof/no-leaky-lifecycle under ESLint's own RuleTester and Linter, with ESLint's default parser and with
// @typescript-eslint/parser. The autofix is checked against the CLI: `eslint --fix` must write exactly the
// bytes `leakproof --write` writes with the same in-file transforms.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Linter, RuleTester } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import * as plugin from '../../src/eslint';
import { cleanup, LEAKY, makeProject, REPO, RETURNED, runCli, SAFE } from '../cli/helpers';

afterAll(cleanup);

// typescript-eslint's types need node16 module resolution; its runtime loads fine with require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tsParser = require('@typescript-eslint/parser') as Linter.Parser;

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const rule = plugin.rules['no-leaky-lifecycle'];

/** The same code as CommonJS JavaScript, for ESLint's default parser. */
const js = (ts: string) =>
  ts
    .replace("import { Pool } from 'pg';", "const { Pool } = require('pg');")
    .replace(/export async function/g, 'async function')
    .replace(/\(id: number\)/g, '(id)');

const TWO_LEAKS_AND_A_TEARDOWN = `const { Pool } = require('pg');
const pool = new Pool();
async function getUser(id) {
  const client = await pool.connect();
  const res = await client.query('SELECT * FROM users WHERE id = $1', [id]);
  client.release();
  return res.rows[0];
}
async function countUsers() {
  const r = await pool.query('SELECT count(*) FROM users');
  await pool.end();
  return r.rows[0];
}
async function getName(id) {
  const client = await pool.connect();
  const res = await client.query('SELECT name FROM users WHERE id = $1', [id]);
  client.release();
  return res.rows[0].name;
}
module.exports = { getUser, countUsers, getName };
`;

/** What the built `leakproof --write` makes of the file with the rule's transforms and no type facts. */
function cliWrites(dir: string, rel: string, extra: string[] = []): string {
  const before = fs.readFileSync(path.join(dir, rel), 'utf8');
  const r = runCli(['--write', '--force', '--no-types', '-t', 'lifecycles', '-t', 'pool-lifecycle', ...extra, rel], dir);
  const after = fs.readFileSync(path.join(dir, rel), 'utf8');
  fs.writeFileSync(path.join(dir, rel), before);
  expect(r.code, r.stderr).toBeLessThan(2);
  return after;
}

describe('no-leaky-lifecycle with ESLint’s default parser', () => {
  // No package.json declaring TypeScript or a Node version that takes `using`: auto picks try/finally.
  const dir = makeProject({ 'src/users.js': js(LEAKY), 'src/safe.js': js(SAFE), 'src/borrow.js': js(RETURNED) }, false);
  const file = (rel: string) => path.join(dir, rel);
  const fixedLeaky = cliWrites(dir, 'src/users.js');
  expect(fixedLeaky).toContain('} finally {');

  new RuleTester().run('no-leaky-lifecycle', rule, {
    valid: [
      { code: js(SAFE), filename: file('src/safe.js') },
      { code: 'const answer = 42;\n', filename: file('src/plain.js') },
      // A reported lifecycle the team accepted with an ignore comment.
      { code: js(RETURNED).replace('  const client', '  // leakproof-ignore-next-line returned-after-work -- the caller releases it\n  const client'), filename: file('src/borrow.js') },
      // A file type the transforms do not read.
      { code: js(LEAKY), filename: file('src/users.vue') },
    ],
    invalid: [
      {
        code: js(LEAKY),
        filename: file('src/users.js'),
        errors: [{ messageId: 'leak', line: 4, column: 24 }],
        output: fixedLeaky,
      },
      {
        // Reported, never fixed: no output.
        code: js(RETURNED),
        filename: file('src/borrow.js'),
        errors: [{ line: 4, message: /handed to the caller/ }],
        output: null,
      },
      {
        // An ignore comment narrowed to another reason does not hide it.
        code: js(RETURNED).replace('  const client', '  // leakproof-ignore-next-line never-released\n  const client'),
        filename: file('src/borrow.js'),
        errors: [{ messageId: 'reported', line: 5 }],
        output: null,
      },
      {
        // with-session for pg needs the generated helper file, which ESLint cannot create: no autofix.
        code: js(LEAKY),
        filename: file('src/users.js'),
        options: [{ style: 'with-session' }],
        errors: [{ messageId: 'leakNeedsHelper', line: 4 }],
        output: null,
      },
    ],
  });
});

describe('no-leaky-lifecycle with @typescript-eslint/parser', () => {
  // TypeScript ≥ 5.2 with the disposable lib and Node ≥ 20.19 declared: auto picks `await using`.
  const dir = makeProject({ 'src/users.ts': LEAKY, 'src/borrow.ts': RETURNED, 'src/safe.ts': SAFE });
  const fixed = cliWrites(dir, 'src/users.ts');
  expect(fixed).toContain('using _releaseClient');
  const modernized = cliWrites(dir, 'src/safe.ts', ['--modernize']);
  expect(modernized).toContain('using _releaseClient');

  new RuleTester({ languageOptions: { parser: tsParser } }).run('no-leaky-lifecycle (ts)', rule, {
    valid: [{ code: SAFE, filename: path.join(dir, 'src/safe.ts') }],
    invalid: [
      { code: LEAKY, filename: path.join(dir, 'src/users.ts'), errors: [{ line: 4, column: 24, message: /→ `using`/ }], output: fixed },
      { code: RETURNED, filename: path.join(dir, 'src/borrow.ts'), errors: [{ messageId: 'reported' }], output: null },
      {
        // Restating safe code is the user's choice: a suggestion, never an autofix.
        code: SAFE,
        filename: path.join(dir, 'src/safe.ts'),
        options: [{ modernize: true }],
        errors: [{ messageId: 'modernize', line: 4, suggestions: [{ messageId: 'applyRewrite', output: modernized }] }],
        output: null,
      },
    ],
  });
});

describe('no-leaky-lifecycle with typescript-eslint’s type information', () => {
  // A project wrapper the syntax alone cannot tell returns a pg client: the checker can.
  const DB = `import { Pool, type PoolClient } from 'pg';\nconst pool = new Pool();\nexport function getClient(): Promise<PoolClient> {\n  return pool.connect();\n}\n`;
  const USERS = `import { getClient } from './db';\nexport async function getUser(id: number) {\n  const client = await getClient();\n  const res = await client.query('SELECT $1::int AS id', [id]);\n  client.release();\n  return res.rows[0];\n}\n`;
  const dir = makeProject({ 'src/db.ts': DB, 'src/users.ts': USERS });
  // The real driver types, as an installed project has them.
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const filename = path.join(dir, 'src/users.ts');
  const before = fs.readFileSync(filename, 'utf8');
  const cli = runCli(['--write', '--force', '-t', 'lifecycles', '-t', 'pool-lifecycle', 'src/users.ts'], dir);
  const fixedWithTypes = fs.readFileSync(filename, 'utf8');
  fs.writeFileSync(filename, before);

  it('the CLI in type-aware mode fixes it', () => {
    expect(cli.stderr).toContain('types: checked');
    expect(fixedWithTypes).not.toBe(USERS);
  });

  new RuleTester({ languageOptions: { parser: tsParser } }).run('no-leaky-lifecycle (types)', rule, {
    // Without a program: what --no-types sees, nothing.
    valid: [{ code: USERS, filename }],
    invalid: [
      {
        code: USERS,
        filename,
        languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: dir } },
        errors: [{ messageId: 'leak', line: 3, column: 24 }],
        output: fixedWithTypes,
      },
    ],
  });
});

describe('configs.recommended under the Linter (eslint --fix)', () => {
  it('fixes every leak of a file in one pass, exactly as the CLI writes it, and places each problem in the linted text', () => {
    const dir = makeProject({ 'src/users.js': TWO_LEAKS_AND_A_TEARDOWN }, false);
    const expected = cliWrites(dir, 'src/users.js');
    const linter = new Linter({ configType: 'flat', cwd: dir });
    const filename = path.join(dir, 'src/users.js');
    const before = linter.verify(TWO_LEAKS_AND_A_TEARDOWN, [plugin.configs.recommended], { filename });
    const at = (m: Linter.LintMessage) => `${m.line}:${m.column}`;
    // Two client leaks (lifecycles) and a per-call pool.end() (pool-lifecycle, found in lifecycles' output
    // and mapped back to the line it is on here).
    expect(before.filter((m) => m.messageId === 'leak').map(at)).toEqual(['4:24', '11:9', '15:24']);
    expect(before.every((m) => m.severity === 2 && m.ruleId === 'leakproof/no-leaky-lifecycle')).toBe(true);
    const fixed = linter.verifyAndFix(TWO_LEAKS_AND_A_TEARDOWN, [plugin.configs.recommended], { filename });
    expect(fixed.fixed).toBe(true);
    expect(fixed.output).toBe(expected);
    expect(fixed.messages.filter((m) => m.messageId === 'leak')).toEqual([]);
    // A second run changes nothing.
    expect(linter.verifyAndFix(fixed.output, [plugin.configs.recommended], { filename }).fixed).toBe(false);
  });

  it('keeps a CRLF file CRLF', () => {
    const crlf = js(LEAKY).replace(/\n/g, '\r\n');
    const dir = makeProject({ 'src/users.js': crlf }, false);
    const expected = cliWrites(dir, 'src/users.js');
    expect(expected).toContain('finally {\r\n');
    const linter = new Linter({ configType: 'flat', cwd: dir });
    const out = linter.verifyAndFix(crlf, [plugin.configs.recommended], { filename: path.join(dir, 'src/users.js') });
    expect(out.output).toBe(expected);
  });

  it('the plugin has the shape ESLint expects of a flat-config plugin', () => {
    expect(plugin.meta.name).toBe('leakproof');
    expect(plugin.meta.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(plugin.configs.recommended.rules).toEqual({ 'leakproof/no-leaky-lifecycle': 'error' });
    expect(rule.meta?.fixable).toBe('code');
    expect(rule.meta?.hasSuggestions).toBe(true);
  });
});
