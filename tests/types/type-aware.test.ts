// Type-aware mode on a fixture project with real installed packages: the checker finds what names alone
// miss (a client from the project's own wrapper) and rules out look-alikes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifecycles } from '../../transforms/lifecycles';
import { computeTypeFacts, packageOfFile } from '../../src/js/checker/typeFacts';

const PROJECT = path.resolve(__dirname, '../../__testfixtures__/projects/typed-service');
const file = (name: string) => path.join(PROJECT, 'src', name);
const read = (name: string) => fs.readFileSync(file(name), 'utf8');

describe('type facts', () => {
  const names = ['users.ts', 'locks.ts', 'db.ts', 'timers.ts'];
  const result = computeTypeFacts(names.map((n) => ({ abs: file(n), text: read(n) })), { cwd: PROJECT });

  it('says what it checked, and skips files with no release-like call', () => {
    expect(result.note).toMatch(/^types: checked 3 file\(s\) with tsconfig\.json$/);
    expect(result.facts.has(file('db.ts'))).toBe(false);
  });

  it('finds a pg client returned by the project wrapper with types, as the project index does without', () => {
    const source = read('users.ts');
    // The syntactic pass follows `getClient` into ./db.ts (its every return is a fresh pool.connect()).
    const syntactic = lifecycles.apply(source, file('users.ts'), {});
    expect(syntactic.findings.find((f) => f.resource === 'client')).toMatchObject({ library: 'pg', outcome: 'fixed' });
    const typed = lifecycles.apply(source, file('users.ts'), { facts: { types: result.facts.get(file('users.ts')) } });
    const client = typed.findings.find((f) => f.resource === 'client');
    expect(client).toMatchObject({ library: 'pg', outcome: 'fixed', reasonId: 'fixed-adapter' });
    expect(typed.source).toContain('using _releaseClient = { [Symbol.dispose]: () => client.release() };');
  }, 60_000);

  it('gives mysql2 >= 3.18 native `await using` (its type declares a disposer) while pg gets the adapter', () => {
    const typed = lifecycles.apply(read('users.ts'), file('users.ts'), { facts: { types: result.facts.get(file('users.ts')) } });
    expect(typed.source).toContain('await using conn = await warehouse.getConnection();');
    expect(typed.findings.find((f) => f.resource === 'conn')).toMatchObject({ library: 'mysql2', reasonId: 'fixed-native' });
  });

  it('leaves a release() on a non-resource alone', () => {
    const source = read('locks.ts');
    const syntactic = lifecycles.apply(source, file('locks.ts'), {});
    // Without types the annotation's first member fools the name-based pass...
    expect(syntactic.source).not.toBeNull();
    // ...with types the union PoolClient | Lock is not a catalogue resource: no rewrite, no finding.
    const typed = lifecycles.apply(source, file('locks.ts'), { facts: { types: result.facts.get(file('locks.ts')) } });
    expect(typed).toEqual({ source: null, findings: [] });
  });

  it('ignores values disposable only by type (a Node timer) that the code never releases by hand', () => {
    const typed = lifecycles.apply(read('timers.ts'), file('timers.ts'), { facts: { types: result.facts.get(file('timers.ts')) } });
    expect(typed.findings.map((f) => `${f.resource} ${f.outcome}`)).toEqual(['client fixed']);
  });

  it('matches facts to calls in a CRLF file with a BOM (keys are lines and columns, not offsets)', () => {
    const text = '\uFEFF' + read('users.ts').replace(/\n/g, '\r\n');
    const facts = computeTypeFacts([{ abs: file('users.ts'), text }], { cwd: PROJECT }).facts.get(file('users.ts'));
    const typed = lifecycles.apply(text, file('users.ts'), { facts: { types: facts } });
    expect(typed.findings.map((f) => `${f.resource} ${f.reasonId}`)).toEqual(['client fixed-adapter', 'conn fixed-native']);
    expect(typed.source!.startsWith('\uFEFF')).toBe(true);
    expect(typed.source!.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('maps declaration files to their packages', () => {
    expect(packageOfFile('/a/node_modules/@types/pg/index.d.ts')).toBe('pg');
    expect(packageOfFile('/a/node_modules/mysql2/promise.d.ts')).toBe('mysql2');
    expect(packageOfFile('/a/node_modules/@types/babel__core/index.d.ts')).toBe('@babel/core');
    expect(packageOfFile('/a/src/db.ts')).toBeNull();
  });

  it('falls back to the syntactic pass when packages are not installed', () => {
    const tmp = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'lp-notypes-'));
    fs.writeFileSync(path.join(tmp, 'tsconfig.json'), '{}');
    fs.writeFileSync(path.join(tmp, 'a.ts'), 'x.release();');
    const r = computeTypeFacts([{ abs: path.join(tmp, 'a.ts'), text: 'x.release();' }], { cwd: tmp });
    expect(r.facts.size).toBe(0);
    expect(r.note).toMatch(/packages are not installed/);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
