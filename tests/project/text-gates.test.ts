// The project index's tests before a parse (issue 13's speed): which modules can hold a helper that acquires
// or releases on its parameter, and which files may park a resource on the request. Each must say yes to
// every shape the parse-based reading would find (a missed module is a missed lifecycle), and no to the
// shapes that made large libraries look like helpers: a callback's parameter, an `if (x) {`, a method that
// releases a local while another method takes a parameter of the same name.
import { describe, expect, it } from 'vitest';
import { defaultCatalog, mockedModules } from '../../src/catalog/js';
import { makesResource, mayAcquireFromCatalogue, onParameter } from '../../src/js/provenance/moduleText';
import { mayParkOnRequest } from '../../src/js/provenance/requestSlots';
import { bodySpan, bracketsOf, isArgument } from '../../src/js/provenance/textScopes';

const helper = (text: string, file = 'src/db.ts') => onParameter(text, defaultCatalog, file);

describe('brackets read from the text', () => {
  it('pairs brackets around strings, comments, template literals and regular expressions', () => {
    const text = "const a = '{(' + \"[\" + `${ { b: ')' }.b }` + /[)}]\\//.source; // }\n/* ( */ function f(x) { return x / 2 / (3) }";
    const b = bracketsOf(text);
    expect(b).not.toBeNull();
    const open = text.indexOf('f(x)') + 1;
    const span = bodySpan(text, b!, open);
    expect(span && text.slice(span[0], span[1] + 1)).toBe('{ return x / 2 / (3) }');
  });

  it('gives up on brackets that do not pair', () => {
    expect(bracketsOf('function f(a) { if (a) { return 1 }')).toBeNull();
    expect(bracketsOf("const s = 'unterminated\n")).toBeNull();
  });

  it('finds the body after a return type, an object type and an arrow', () => {
    const typed = 'async function f(pool: Pool): Promise<{ c: Client }> { return pool.connect() }';
    const b = bracketsOf(typed)!;
    const span = bodySpan(typed, b, typed.indexOf('(pool'))!;
    expect(typed.slice(span[0], span[1] + 1)).toBe('{ return pool.connect() }');
    const arrow = 'const g = (pool): { c: Client } => pool.connect(), h = 1';
    const a = bracketsOf(arrow)!;
    const body = bodySpan(arrow, a, arrow.indexOf('(pool'))!;
    expect(arrow.slice(body[0], body[1])).toContain('pool.connect()');
    // A call's arguments have no body.
    const call = 'run(pool, a, b); next()';
    expect(bodySpan(call, bracketsOf(call)!, call.indexOf('('))).toBeNull();
  });

  it('tells a callback handed to a call from a function of its own', () => {
    const text = 'pool.getConnection((err, conn) => conn.release()); list.map(async function (r) { r.release() }); export const f = (c) => c.release()';
    const b = bracketsOf(text)!;
    expect(isArgument(text, b, text.indexOf('(err'))).toBe(true);
    expect(isArgument(text, b, text.indexOf('async function'))).toBe(true);
    expect(isArgument(text, b, text.indexOf('(c)'))).toBe(false);
  });
});

describe('a module that acquires or releases on what its callers pass', () => {
  it('is found in each form of function: declaration, arrow, method, CommonJS, a nested call', () => {
    expect(helper('export async function checkout(pool) {\n  const c = await pool.connect();\n  return c;\n}\n')).toBe(true);
    expect(helper('export const done = (client) => client.release();\n')).toBe(true);
    expect(helper('export class Repo {\n  async run(pool: Pool, sql: string): Promise<void> {\n    const c = await pool.connect();\n    try { await c.query(sql) } finally { c.release() }\n  }\n}\n')).toBe(true);
    expect(helper('module.exports = function (db) {\n  return new Promise((ok) => db.getConnection((e, c) => ok(c)));\n};\n', 'lib/db.js')).toBe(true);
    expect(helper('export function withTx(knex, work) {\n  return (async () => {\n    const trx = await knex.transaction();\n    return work(trx);\n  })();\n}\n')).toBe(true);
  });

  it("is not a module whose only such calls are on a callback's parameters", () => {
    const text = [
      'export class Driver {',
      '  createPool(options: any): Promise<any> {',
      '    const pool = this.mysql.createPool(options);',
      '    return new Promise((ok, fail) => {',
      '      pool.getConnection((err: any, connection: any) => {',
      '        if (err) return fail(err);',
      '        connection.release();',
      '        ok(pool);',
      '      });',
      '    });',
      '  }',
      '  async closePool(): Promise<void> {',
      '    await Promise.all(this.runners.map((queryRunner) => queryRunner.release()));',
      '  }',
      '}',
    ].join('\n');
    expect(helper(text)).toBe(false);
  });

  it('is not a class that releases a local in one method while another takes a parameter of the same name', () => {
    const text = [
      'export class SelectQueryBuilder {',
      '  async getRawMany(): Promise<any[]> {',
      '    const queryRunner = this.obtainQueryRunner();',
      '    try {',
      '      return await this.loadRawResults(queryRunner);',
      '    } finally {',
      '      if (queryRunner !== this.queryRunner) {',
      '        await queryRunner.release();',
      '      }',
      '    }',
      '  }',
      '  protected async loadRawResults(queryRunner: QueryRunner) {',
      '    return queryRunner.query(this.getQuery());',
      '  }',
      '}',
    ].join('\n');
    expect(helper(text)).toBe(false);
    // The same class with the release inside the method that takes it is a helper.
    expect(helper(text.replace('return queryRunner.query(this.getQuery());', 'try { return await queryRunner.query(this.getQuery()) } finally { await queryRunner.release() }'))).toBe(true);
  });

  it('reads the receiver back to the first name of its member chain, however spaced, and none after a call', () => {
    expect(helper('export function run(db) {\n  return db . sequelize\n    .transaction(work);\n}\n')).toBe(true);
    expect(helper('export function run(db) {\n  return db.sequelize.transaction(work);\n}\nexport function other(sequelize) {}\n')).toBe(true);
    // `sequelize` is not the chain's first name: its parameter is not what the call is made on.
    expect(helper('export function run(sequelize) {}\nconst t = db.sequelize.transaction(work);\n')).toBe(false);
    expect(helper('export function run(pool) {\n  return make(pool).connect();\n}\n')).toBe(false);
  });

  it('is assumed whenever the brackets cannot be read (JSX), as before the scopes were read', () => {
    expect(helper("export const Row = (pool) => <div onClick={() => pool.connect()}>Don't</div>;\nexport function other(client) {}\nfoo((x) => client.release());\n", 'src/row.tsx')).toBe(true);
  });
});

describe('a file that may park a resource on the request', () => {
  it('is middleware of three parameters that parks an awaited value on the first', () => {
    expect(mayParkOnRequest('export async function db(req, res, next) {\n  req.client = await pool.connect();\n  next();\n}\n')).toBe(true);
    expect(mayParkOnRequest('app.use(async (req: Request<{ id: string }, unknown>, res: Response, next: () => void) => {\n  req.db = await pool.connect();\n  next();\n});\n')).toBe(true);
  });

  it('is not a method that fills a local object, nor a call that passes the object on', () => {
    const text = [
      'export class Runner {',
      '  async loadTables(names: string[]) {',
      '    return Promise.all(names.map(async (name) => {',
      '      const table = new Table();',
      '      table.columns = await this.loadColumns(table, name, names);',
      '      return table;',
      '    }));',
      '  }',
      '}',
    ].join('\n');
    expect(mayParkOnRequest(text)).toBe(false);
    expect(mayParkOnRequest('async function two(req, res) {\n  req.client = await pool.connect();\n}\n')).toBe(false);
  });

  it('counts a short list where it is, and pairs the brackets for the others', () => {
    const middleware = 'export async function db(req, res, next) {\n  req.client = await pool.connect();\n  next();\n}\n';
    // Calls of one or two arguments before it do not hide it.
    expect(mayParkOnRequest(`log(req);\nsend(req, { a: [1, 2], b: f(3, 4) });\n${middleware}`)).toBe(true);
    // Nor does a list whose brackets sit in a string (counted by the pairing).
    expect(mayParkOnRequest("export const mw = (req = ')', res, next) => {\n  req.db = await pool.connect();\n};\n")).toBe(true);
    // Two parameters, however written: no middleware.
    expect(mayParkOnRequest('export const two = (req, res) => {\n  req.db = await pool.connect();\n};\nf(req, [a, b]);\n')).toBe(false);
    // Quoted strings in a list counted where it is; a comma in one counts as the pairing's count counts it.
    expect(mayParkOnRequest(`log(req, "a");\nsend(req, 'it\\'s');\n${middleware}`)).toBe(true);
    expect(mayParkOnRequest('export const two = (req, res) => {\n  req.db = await pool.connect();\n};\nf(req, "a");\n')).toBe(false);
    expect(mayParkOnRequest('export const mw = (req, res = "a,b") => {\n  req.db = await pool.connect();\n};\n')).toBe(true);
  });
});

describe('a module that makes a resource of a library whose acquires are too common to look for alone', () => {
  it('is one that calls the import: fsp.open(, an imported open(, the default export of better-sqlite3', () => {
    expect(makesResource("import fsp from 'fs/promises';\nexport const openLog = () => fsp.open('log.txt', 'a');\n", defaultCatalog)).toBe(true);
    expect(makesResource("import { open } from 'node:fs/promises';\nexport const h = await open(p);\n", defaultCatalog)).toBe(true);
    expect(makesResource("const Database = require('better-sqlite3');\nmodule.exports = new Database('app.db');\n", defaultCatalog)).toBe(true);
    // Through a member of the import: fs's promises.
    const members = "const fs = require('fs');\nasync function head(p) {\n  const h = await fs.promises.open(p, 'r');\n  await h.close();\n}\n";
    expect(mayAcquireFromCatalogue(members, defaultCatalog)).toBe(true);
    expect(makesResource(members, defaultCatalog)).toBe(true);
  });

  it('is not one that only reads files or calls anything else (every parenthesis used to count)', () => {
    const text = "import fs from 'fs/promises';\nexport async function load(p) {\n  const items = (await fs.readdir(p)).map((f) => f.trim());\n  return items;\n}\n";
    expect(makesResource(text, defaultCatalog)).toBe(false);
    expect(mayAcquireFromCatalogue(text, defaultCatalog)).toBe(false);
    expect(makesResource("import Database from 'better-sqlite3';\nexport function count(db: Database.Database) {\n  return db.prepare('select 1').get();\n}\n", defaultCatalog)).toBe(false);
  });
});

describe('modules a test file mocks', () => {
  it('counts jest.mock and vi.mock, hoisted above every import; not doMock or unstable_mockModule, which reach later dynamic imports only', () => {
    expect([...mockedModules("vi.mock('pg', () => ({ Client: vi.fn() }));\njest.mock(\"mysql2/promise\");")]).toEqual(['pg', 'mysql2/promise']);
    expect(mockedModules("vi.doMock('pg', () => ({}));\njest.unstable_mockModule('pg', () => ({}));\nconst mock = vi.fn();").size).toBe(0);
    const narrowed = defaultCatalog.without(new Set(['pg']));
    expect(narrowed.module('pg')).toBeUndefined();
    expect(narrowed.module('mysql2')).toBe(defaultCatalog.module('mysql2'));
    expect(defaultCatalog.without(new Set(['./local-helper']))).toBe(defaultCatalog);
  });
});
