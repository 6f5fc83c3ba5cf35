// --format sarif and --format github on the built bin: the SARIF log validates against the SARIF 2.1.0 schema
// (the one @microsoft/jest-sarif ships), its fixes are exactly the rewrite --write makes, and the GitHub
// annotations are workflow commands with their values escaped.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { BROKEN, cleanup, LEAKY, makeProject, read, RETURNED, runCli, SAFE } from './helpers';

afterAll(cleanup);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Ajv = require('ajv-draft-04') as typeof import('ajv').default;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const addFormats = require('ajv-formats') as (ajv: unknown) => void;
const schemaFile = path.join(path.dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib/schemas/sarif-2.1.0-rtm.5.json');
// The schema's language-tag pattern is not valid under the `u` flag; it is a draft-04 schema with uri formats.
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as object);

function sarifErrors(log: unknown): string[] {
  return validateSarif(log) ? [] : (validateSarif.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Applies a SARIF replacement (1-based lines, columns in UTF-16 code units, end exclusive) to a text. */
function applySarifReplacement(text: string, r: Sarif.Replacement): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const d = r.deletedRegion;
  const from = starts[d.startLine! - 1] + d.startColumn! - 1;
  const to = starts[d.endLine! - 1] + d.endColumn! - 1;
  return text.slice(0, from) + (r.insertedContent?.text ?? '') + text.slice(to);
}

describe('--format sarif', () => {
  const files = { 'src/users.ts': LEAKY, 'src/borrow.ts': RETURNED, 'src/safe.ts': SAFE, 'src/broken.ts': BROKEN, 'src/with space.ts': RETURNED };

  it('prints a valid SARIF 2.1.0 log: one rule per reason id, results relative to the root, the rewrite as a fix', () => {
    const dir = makeProject(files);
    const r = runCli(['--check', '--format', 'sarif', '--no-color'], dir);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    expect(sarifErrors(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('leakproof');
    expect(run.originalUriBaseIds?.['%SRCROOT%']?.uri).toBe(pathToFileURL(`${fs.realpathSync(dir)}${path.sep}`).href);
    // The validator is not a rubber stamp: a wrong version or a bad level fails it.
    expect(sarifErrors({ ...log, version: '2.0.0' })).not.toEqual([]);
    expect(sarifErrors({ ...log, runs: [{ ...log.runs[0], results: [{ ...log.runs[0].results![0], level: 'severe' }] }] })).not.toEqual([]);

    const rules = run.tool.driver.rules!;
    expect(new Set(rules.map((x) => x.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.shortDescription?.text).toBeTruthy();
      expect(rule.help?.text).toBeTruthy();
      expect(rule.shortDescription?.text).not.toMatch(/\{[a-z]+\}/);
    }
    const results = run.results!;
    const byFile = (uri: string) => results.filter((x) => x.locations![0].physicalLocation!.artifactLocation!.uri === uri);
    for (const x of results) {
      expect(rules[x.ruleIndex!].id).toBe(x.ruleId);
      expect(x.locations![0].physicalLocation!.artifactLocation!.uriBaseId).toBe('%SRCROOT%');
    }

    // The leak: a warning at the acquire, with a fix that turns the file into what --write writes.
    const [leak] = byFile('src/users.ts');
    expect(leak.level).toBe('warning');
    expect(leak.locations![0].physicalLocation!.region).toEqual({ startLine: 4, startColumn: 24 });
    expect(leak.message.text).toContain('released only if nothing before release() throws');
    const change = leak.fixes![0].artifactChanges[0];
    expect(change.artifactLocation.uri).toBe('src/users.ts');
    const fixed = applySarifReplacement(LEAKY, change.replacements[0]);
    const written = makeProject(files);
    expect(runCli(['--write', '--force', 'src/users.ts'], written).code).toBe(0);
    expect(fixed).toBe(read(written, 'src/users.ts'));

    // The reported lifecycle: no fix; a file name with a space is percent-encoded.
    const [reported] = byFile('src/borrow.ts');
    expect(reported.ruleId).toBe('returned-after-work');
    expect(reported.fixes).toBeUndefined();
    expect(byFile('src/with%20space.ts')).toHaveLength(1);
    expect(byFile('src/safe.ts')).toHaveLength(0);

    // The file that does not parse is a tool notification, not a result.
    const notes = run.invocations![0].toolExecutionNotifications!;
    expect(notes).toHaveLength(1);
    expect(notes[0].locations![0].physicalLocation!.artifactLocation!.uri).toBe('src/broken.ts');
    expect(notes[0].locations![0].physicalLocation!.region!.startLine).toBe(3);
    expect(run.invocations![0].executionSuccessful).toBe(true);
  });

  it('after --write the fixes are done: notes without a fix, and the log still validates', () => {
    const dir = makeProject({ 'src/users.ts': LEAKY });
    const r = runCli(['--write', '--force', '--format', 'sarif'], dir);
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    expect(sarifErrors(log)).toEqual([]);
    const [x] = log.runs[0].results!;
    expect(x.level).toBe('note');
    expect(x.fixes).toBeUndefined();
  });

  it('a run with nothing to say is an empty, valid log; --json is --format json', () => {
    const dir = makeProject({ 'src/safe.ts': SAFE });
    const r = runCli(['--format', 'sarif'], dir);
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0].results).toEqual([]);
    const a = JSON.parse(runCli(['--json'], dir).stdout) as { totals: { elapsedMs: number } };
    const b = JSON.parse(runCli(['--format', 'json'], dir).stdout) as { totals: { elapsedMs: number } };
    a.totals.elapsedMs = b.totals.elapsedMs = 0;
    expect(a).toEqual(b);
    const both = runCli(['--json', '--format', 'sarif'], dir);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--json and --format sarif cannot be used together');
  });
});

describe('--format github', () => {
  it('prints one workflow command per finding and per unparsable file, with properties escaped', () => {
    const dir = makeProject({ 'src/users.ts': LEAKY, 'src/borrow.ts': RETURNED, 'src/broken.ts': BROKEN, 'src/a,b.ts': RETURNED });
    const r = runCli(['--check', '--format', 'github'], dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toEqual([
      '::warning file=src/a%2Cb.ts,line=4,col=24,title=leakproof%3A returned-after-work::pg `client`: the client is handed to the caller, but the work before the `return` can throw, and then nobody releases it',
      '::warning file=src/borrow.ts,line=4,col=24,title=leakproof%3A returned-after-work::pg `client`: the client is handed to the caller, but the work before the `return` can throw, and then nobody releases it',
      '::error file=src/broken.ts,line=3,col=11,title=leakproof%3A parse error::Unexpected token',
      expect.stringMatching(/^::warning file=src\/users\.ts,line=4,col=24,title=leakproof%3A leak \(fixable\)::pg `client`: released only if nothing before release\(\) throws.*`npx leakproof --write` fixes it \(→ `using`\)\.$/),
    ]);
  });
});

describe('positions of chained transforms', () => {
  it('a finding of a later transform is placed in the file as read, not in the text an earlier one made', () => {
    const file = `const { Pool } = require('pg');
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
module.exports = { getUser, countUsers };
`;
    const dir = makeProject({ 'src/users.js': file }, false);
    const doc = JSON.parse(runCli(['--json'], dir).stdout) as { files: { findings: { transform: string; line: number; column: number }[] }[] };
    // lifecycles adds three lines above `await pool.end();` (line 11): pool-lifecycle saw it on line 14.
    expect(doc.files[0].findings.map((f) => [f.transform, f.line, f.column])).toEqual(
      expect.arrayContaining([
        ['lifecycles', 4, 24],
        ['pool-lifecycle', 11, 9],
      ]),
    );
  });
});
