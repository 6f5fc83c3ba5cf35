// Library forms the checker settles (issue 13): what the syntactic pass cannot follow (better-sqlite3 called
// without `new`, pg-promise's `pgp(cn)`, which the catalogue now also lets the syntactic pass follow), chained connects that return their receiver, an acquire that hands
// its resource to a callback, and a type the catalogue overrules (mssql's global pool).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifecycles } from '../../transforms/lifecycles';
import { computeTypeFacts } from '../../src/js/checker/typeFacts';

const PROJECT = path.resolve(__dirname, '../../__testfixtures__/projects/typed-libraries');
const file = (name: string) => path.join(PROJECT, 'src', name);
const NAMES = ['better.ts', 'pgp.ts', 'redis.ts', 'mssql.ts', 'mongoose.ts', 'mysql.ts', 'fd.ts', 'postgres.ts', 'promise-mysql.ts'];

describe('library forms in type-aware mode', () => {
  const texts = new Map(NAMES.map((n) => [n, fs.readFileSync(file(n), 'utf8')]));
  const { facts } = computeTypeFacts(NAMES.map((n) => ({ abs: file(n), text: texts.get(n)! })), { cwd: PROJECT });
  const run = (name: string, typed: boolean) => lifecycles.apply(texts.get(name)!, file(name), typed ? { facts: { types: facts.get(file(name)) } } : {});
  const outcomes = (name: string, typed: boolean) => run(name, typed).findings.map((f) => `${f.library} ${f.resource} ${f.outcome} ${f.reasonId}`);

  it('finds better-sqlite3 called without new, with types and (catalogue: a callable class) without', () => {
    expect(outcomes('better.ts', false)).toEqual(['better-sqlite3 db fixed fixed-adapter']);
    expect(outcomes('better.ts', true)).toEqual(['better-sqlite3 db fixed fixed-adapter']);
    expect(run('better.ts', true).source).toContain('using _releaseDb = { [Symbol.dispose]: () => db.close() };');
  }, 60_000);

  it("finds pg-promise's connection on a db made by pgp(cn), with types and (catalogue: callReturns) without", () => {
    expect(outcomes('pgp.ts', false)).toEqual(['pg-promise sco fixed fixed-adapter']);
    expect(outcomes('pgp.ts', true)).toEqual(['pg-promise sco fixed fixed-adapter']);
  });

  it('keeps node-redis clients connected in a chain, by name and through the default export', () => {
    const expected = ['redis client fixed fixed-adapter', 'redis client fixed fixed-adapter'];
    expect(outcomes('redis.ts', false)).toEqual(expected);
    expect(outcomes('redis.ts', true)).toEqual(expected);
  });

  it("keeps mongoose's createConnection(uri).asPromise() as one acquire", () => {
    expect(outcomes('mongoose.ts', true)).toEqual(['mongoose conn fixed fixed-adapter']);
  });

  it("leaves mssql's global pool to pool-lifecycle although it is typed a ConnectionPool", () => {
    expect(run('mssql.ts', false)).toEqual({ source: null, findings: [] });
    expect(run('mssql.ts', true)).toEqual({ source: null, findings: [] });
  });

  it('finds a file descriptor, whose type (a number) names no library, with types and without', () => {
    const expected = ['fs fd fixed fixed-try-finally'];
    expect(outcomes('fd.ts', false)).toEqual(expected);
    expect(outcomes('fd.ts', true)).toEqual(expected);
  });

  it("finds a postgres.js instance a function makes and ends, and leaves the module's own instance", () => {
    const expected = ['postgres sql fixed fixed-adapter'];
    expect(outcomes('postgres.ts', false)).toEqual(expected);
    expect(outcomes('postgres.ts', true)).toEqual(expected);
  });

  it("finds promise-mysql's pooled connection through Bluebird promises", () => {
    const expected = ['promise-mysql connection fixed fixed-adapter'];
    expect(outcomes('promise-mysql.ts', false)).toEqual(expected);
    expect(outcomes('promise-mysql.ts', true)).toEqual(expected);
  });

  it('follows a callback acquire whose call the checker types as void', () => {
    const expected = ['mysql connection fixed fixed-release-first'];
    expect(outcomes('mysql.ts', false)).toEqual(expected);
    expect(outcomes('mysql.ts', true)).toEqual(expected);
  });
});
