// The project index (issue 13): resources acquired through the project's own modules — a pool exported by
// `module.exports`, a factory, a re-export, a class that hands out sessions, a jsconfig path alias, a
// package.json `imports` entry, a parameter every caller fills — found without the TypeScript checker.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectIndexPass } from '../../src/js/provenance/pass';
import type { IndexFacts } from '../../src/js/provenance/serial';
import { resolveProjectModule } from '../../src/js/provenance/resolve';
import { lifecycles } from '../../transforms/lifecycles';
import { cleanup, copyProject, findingLines, makeProject } from '../cli/helpers';
import { discoverFiles } from '../../src/cli/files';
import { catalogueWords } from '../../src/js/provenance/moduleText';
import { defaultCatalog } from '../../src/catalog/js';

const PROJECT = path.resolve(__dirname, '../../__testfixtures__/projects/provenance-index');
const abs = (rel: string) => path.join(PROJECT, rel);
const runFile = (rel: string) => ({ abs: abs(rel), rel, text: fs.readFileSync(abs(rel), 'utf8') });
const ALL = ['lib/clients.js', 'lib/connection.js', 'lib/db.js', 'lib/graph.js', 'lib/index.js', 'lib/mongo.js', 'lib/shared.js', 'lib/tx.js', 'routes/events.js', 'routes/health.js', 'routes/orders.js', 'routes/people.js', 'routes/reports.js', 'routes/stock.js', 'routes/users.js', 'routes/warmup.js'].map((f) => `src/${f}`);
const ctx = { cwd: PROJECT, transforms: ['lifecycles'], types: false };

afterEach(cleanup);

describe('project index', () => {
  it('resolves relative paths, index files, jsconfig paths and package.json imports to project files', () => {
    const from = abs('src/routes/users.js');
    expect(resolveProjectModule(from, '@/lib/db')).toBe(abs('src/lib/db.js'));
    expect(resolveProjectModule(from, '#db')).toBe(abs('src/lib/db.js'));
    expect(resolveProjectModule(from, '../lib')).toBe(abs('src/lib/index.js'));
    expect(resolveProjectModule(from, 'pg')).toBeNull();
    expect(resolveProjectModule(from, '@/lib/nothing')).toBeNull();
  });

  it('the CLI fixes every lifecycle acquired through the project, and reports the ones it cannot fix', () => {
    expect(findingLines(PROJECT)).toEqual([
      'src/lib/tx.js:3 reported transaction-unprotected pg',
      'src/routes/events.js:4 fixed fixed-try-finally mongodb',
      'src/routes/people.js:4 fixed fixed-try-finally neo4j-driver',
      'src/routes/reports.js:5 fixed fixed-try-finally pg',
      'src/routes/stock.js:4 fixed fixed-try-finally mysql2',
      'src/routes/users.js:4 fixed fixed-try-finally pg',
      'src/routes/warmup.js:10 fixed fixed-try-finally mysql2',
      'src/routes/warmup.js:5 reported not-stored mysql2',
    ]);
  });

  it('--no-index: each file on its own, so what comes through the project is not seen', () => {
    const alone = findingLines(PROJECT, ['--no-index']);
    // routes/users.js takes its pool from '@/lib/db' (`module.exports = new Pool()`): only the index knows it.
    expect(alone).not.toContainEqual(expect.stringContaining('src/routes/users.js'));
    expect(alone.length).toBeLessThan(findingLines(PROJECT).length);
  });

  it('records what each imported module exports, and brings back a file the text prefilter dropped', () => {
    const files = ALL.filter((f) => f !== 'src/routes/reports.js').map(runFile);
    const dropped = [runFile('src/routes/reports.js')];
    const out = projectIndexPass.run(files, dropped, ctx);
    expect(out.join).toEqual([abs('src/routes/reports.js')]);
    const reports = out.facts.get(abs('src/routes/reports.js')) as IndexFacts;
    expect(reports.exports[abs('src/lib/clients.js')]).toEqual({ getClient: { t: 'returns', value: { t: 'instance', library: 'pg', kind: 'PoolClient' } } });
    const people = out.facts.get(abs('src/routes/people.js')) as IndexFacts;
    expect(people.exports[abs('src/lib/graph.js')]).toEqual({
      default: {
        t: 'project-object',
        methods: { session: { t: 'returns', value: { t: 'instance', library: 'neo4j-driver', kind: 'Session' } } },
        fields: { driver: { t: 'instance', library: 'neo4j-driver', kind: 'Driver' } },
      },
    });
    const stock = out.facts.get(abs('src/routes/stock.js')) as IndexFacts;
    expect(stock.exports[abs('src/lib/index.js')].getConnection).toMatchObject({ t: 'returns', value: { library: 'mysql2' } });
    // `require()` of a module that only sets `exports.x`: its exports object; a getter over its variable hands
    // out that one pool (shared), whose getConnection() acquires.
    const warmup = out.facts.get(abs('src/routes/warmup.js')) as IndexFacts;
    expect(warmup.exports[abs('src/lib/shared.js')]).toEqual({ open: null, pool: { t: 'returns', value: { t: 'shared', library: 'mysql2', kind: 'Pool' } } });
    // A module that can hold no resource is never parsed nor recorded.
    expect(Object.keys((out.facts.get(abs('src/lib/tx.js')) as IndexFacts).exports)).toEqual([]);
  });

  it("resolves against discovery's listings as it does on its own: a gitignored module, and one in an ignored folder, are still found", () => {
    const dir = copyProject(PROJECT);
    fs.writeFileSync(path.join(dir, '.gitignore'), 'src/lib/db.js\nsrc/lib/gen/\n');
    fs.mkdirSync(path.join(dir, 'src/lib/gen'));
    fs.writeFileSync(path.join(dir, 'src/lib/gen/pool.js'), "const mysql = require('mysql2/promise');\nmodule.exports = mysql.createPool({});\n");
    fs.writeFileSync(path.join(dir, 'src/routes/gen.js'), "const pool = require('../lib/gen/pool');\nexports.run = async () => {\n  const conn = await pool.getConnection();\n  await conn.query('select 1');\n  conn.release();\n};\n");
    const found = discoverFiles({ cwd: dir, paths: ['.'], extensions: ['.js'], gitignore: true, ignore: [] });
    const rel = (f: string) => path.relative(dir, f);
    expect(found.files.map(rel)).not.toContain('src/lib/db.js');
    expect(found.listings.has(path.join(dir, 'src/lib'))).toBe(true);
    expect(found.listings.has(path.join(dir, 'src/lib/gen'))).toBe(false);
    const files = found.files.map((f) => ({ abs: f, rel: rel(f), text: fs.readFileSync(f, 'utf8') }));
    const withListings = projectIndexPass.run(files, [], { ...ctx, cwd: dir, listings: found.listings });
    const alone = projectIndexPass.run(files, [], { ...ctx, cwd: dir });
    expect([...withListings.facts]).toEqual([...alone.facts]);
    const users = withListings.facts.get(path.join(dir, 'src/routes/users.js')) as IndexFacts;
    expect(users.exports[path.join(dir, 'src/lib/db.js')]).toBeTruthy();
    const gen = withListings.facts.get(path.join(dir, 'src/routes/gen.js')) as IndexFacts;
    expect(gen.exports[path.join(dir, 'src/lib/gen/pool.js')]).toMatchObject({ default: { library: 'mysql2', kind: 'Pool' } });
  });

  it('a parameter every caller in the project fills with a pool is that pool', () => {
    const out = projectIndexPass.run(ALL.map(runFile), [], ctx);
    expect((out.facts.get(abs('src/lib/tx.js')) as IndexFacts).params).toEqual({ inTransaction: { 0: { t: 'instance', library: 'pg', kind: 'Pool' } } });
  });

  it('a caller that passes something else, or hands the function on, leaves the parameter unknown', () => {
    const dir = copyProject(PROJECT);
    fs.writeFileSync(path.join(dir, 'src/routes/batch.js'), "const { inTransaction } = require('../lib/tx');\n\nmodule.exports = (pool) => inTransaction(pool, async () => 1);\n");
    fs.writeFileSync(path.join(dir, 'src/routes/retry.js'), "import { inTransaction } from '../lib/tx';\n\nexport const run = [inTransaction];\n");
    const files = ALL.map((f) => ({ abs: path.join(dir, f), rel: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
    const with1 = projectIndexPass.run([...files, { abs: path.join(dir, 'src/routes/batch.js'), rel: 'src/routes/batch.js', text: fs.readFileSync(path.join(dir, 'src/routes/batch.js'), 'utf8') }], [], { ...ctx, cwd: dir });
    expect((with1.facts.get(path.join(dir, 'src/lib/tx.js')) as IndexFacts).params).toEqual({});
    const with2 = projectIndexPass.run([...files, { abs: path.join(dir, 'src/routes/retry.js'), rel: 'src/routes/retry.js', text: fs.readFileSync(path.join(dir, 'src/routes/retry.js'), 'utf8') }], [], { ...ctx, cwd: dir });
    expect((with2.facts.get(path.join(dir, 'src/lib/tx.js')) as IndexFacts).params).toEqual({});
    expect(findingLines(dir)).not.toContainEqual(expect.stringContaining('src/lib/tx.js'));
  });

  it('a published package: its exported functions have callers outside the project, so parameters stay unknown', () => {
    const dir = copyProject(PROJECT);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    delete pkg.private;
    pkg.exports = { './tx': './src/lib/tx.js' };
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg));
    const files = ALL.map((f) => ({ abs: path.join(dir, f), rel: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
    const out = projectIndexPass.run(files, [], { ...ctx, cwd: dir });
    expect((out.facts.get(path.join(dir, 'src/lib/tx.js')) as IndexFacts).params).toEqual({});
  });

  it('one file on its own (jscodeshift -t) resolves its imports itself, path aliases included', () => {
    const out = lifecycles.apply(fs.readFileSync(abs('src/routes/users.js'), 'utf8'), abs('src/routes/users.js'), {});
    expect(out.findings).toEqual([expect.objectContaining({ resource: 'client', library: 'pg', outcome: 'fixed' })]);
  });
});

describe('project index on Babel trees', () => {
  it('a module whose functions hold comments in empty blocks (Babel innerComments) is read, not recursed into forever', () => {
    const dir = copyProject(PROJECT);
    fs.writeFileSync(
      path.join(dir, 'src/lib/clients.js'),
      "import pool from '#db';\n\nexport function getClient() {\n  if (!pool) {\n    // never: the pool is made at load\n  }\n  return pool.connect();\n}\n",
    );
    expect(findingLines(dir)).toContain('src/routes/reports.js:5 fixed fixed-try-finally pg');
    const file = path.join(dir, 'src/routes/reports.js');
    // On its own (no index facts) the file names no driver: only without the text prefilter is it read.
    expect(lifecycles.apply(fs.readFileSync(file, 'utf8'), file, { prefilter: false }).findings).toEqual([expect.objectContaining({ library: 'pg', outcome: 'fixed' })]);
  });

  it('reads a module for its parameters only when an acquire is called right on a name', () => {
    const { onName } = catalogueWords(defaultCatalog);
    for (const yes of ['pool.connect()', '(db)?.getConnection<Conn>(cb)', 'pool\n  .connect()']) expect(onName.test(yes)).toBe(true);
    for (const no of ['this.pool.connect()', 'app.db.connect()', 'pool.connectLater()']) expect(onName.test(no)).toBe(false);
  });
});

describe('a test file that mocks what the project builds on', () => {
  // Three tests of the same leak (released only if the query succeeds): one with the real driver, one that
  // mocks the driver the project's pool module uses, one that mocks the project module that hands out clients.
  const leak = (acquire: string) => `test('reads', async () => {\n  const client = await ${acquire};\n  await client.query('SELECT 1');\n  client.release();\n});\n`;
  const project = () => {
    const dir = copyProject(PROJECT);
    fs.mkdirSync(path.join(dir, 'test'));
    fs.writeFileSync(path.join(dir, 'test/real.test.js'), `const pool = require('../src/lib/db');\n\n${leak('pool.connect()')}`);
    fs.writeFileSync(path.join(dir, 'test/driver.test.js'), `jest.mock('pg');\nconst pool = require('../src/lib/db');\n\n${leak('pool.connect()')}`);
    fs.writeFileSync(path.join(dir, 'test/helper.test.mjs'), `import { getClient } from '../src/lib/clients.js';\n\njest.mock('../src/lib/clients.js');\n\n${leak('getClient()')}`);
    fs.writeFileSync(path.join(dir, 'test/helper-real.test.mjs'), `import { getClient } from '../src/lib/clients.js';\n\n${leak('getClient()')}`);
    return dir;
  };

  it('gets nothing from the project modules it mocks, nor from what they make with a library it mocks', () => {
    const lines = findingLines(project()).filter((l) => l.startsWith('test/'));
    expect(lines).toEqual(['test/helper-real.test.mjs:4 fixed fixed-try-finally pg', 'test/real.test.js:4 fixed fixed-try-finally pg']);
  });
});

describe('a factory that assigns what it returns', () => {
  // `let client: MongoClient;` given its value in each branch (n8n's connectMongoClient): the index knows it
  // returns a fresh client, unless one branch takes it from elsewhere.
  const factory = `import { MongoClient } from 'mongodb';
declare function cached(): MongoClient;
export async function connect(url: string, tls: boolean): Promise<MongoClient> {
  let client: MongoClient;
  if (tls) {
    client = await MongoClient.connect(url, { tls: true });
  } else {
    client = await MongoClient.connect(url);
  }
  return client;
}
export async function reuse(url: string, again: boolean): Promise<MongoClient> {
  let client: MongoClient;
  if (again) client = cached();
  else client = await MongoClient.connect(url);
  return client;
}
`;
  it('records the factory, and not the one that may hand out a client it did not make', () => {
    const dir = copyProject(PROJECT);
    fs.writeFileSync(path.join(dir, 'src/lib/mongo-client.ts'), factory);
    const use = `import { connect, reuse } from '../lib/mongo-client';\nexport async function check(url: string) {\n  const client = await connect(url, true);\n  await client.db().admin().listDatabases();\n  await client.close();\n}\n`;
    fs.writeFileSync(path.join(dir, 'src/routes/check.ts'), use);
    const run = (rel: string) => ({ abs: path.join(dir, rel), rel, text: fs.readFileSync(path.join(dir, rel), 'utf8') });
    // (The factory is in the run: the prefilter lets a file that calls `MongoClient.connect(` through.)
    const out = projectIndexPass.run([run('src/routes/check.ts'), run('src/lib/mongo-client.ts')], [], { ...ctx, cwd: dir });
    const facts = out.facts.get(path.join(dir, 'src/routes/check.ts')) as IndexFacts;
    expect(facts.exports[path.join(dir, 'src/lib/mongo-client.ts')]).toEqual({ connect: { t: 'returns', value: { t: 'instance', library: 'mongodb', kind: 'MongoClient' }, async: true }, reuse: null });
    expect(findingLines(dir).filter((l) => l.startsWith('src/routes/check.ts'))).toEqual(['src/routes/check.ts:3 fixed fixed-try-finally mongodb']);
  });
});

describe("names that Object.prototype also has (toString, constructor, valueOf)", () => {
  // A module exporting `toString` once put Object.prototype.toString into the facts: a function, which a
  // worker thread cannot be sent (the run died), and which a transform then took for a resource.
  const tree = {
    'package.json': '{"name":"p","private":true}',
    'lib/num.js': [
      "const { Pool } = require('pg');",
      'const pool = new Pool();',
      'function toString(x) { return String(x); }',
      'function valueOf() { return 1; }',
      'module.exports = { pool, toString, valueOf };',
      '',
    ].join('\n'),
    'lib/helpers.js': [
      "export async function toString(pool) { const c = await pool.connect(); try { return String(await c.query('select 1')); } finally { c.release(); } }",
      "export async function constructor(pool) { const c = await pool.connect(); c.release(); }",
      '',
    ].join('\n'),
    'routes/a.js': [
      "const { toString, valueOf, pool } = require('../lib/num');",
      "const { constructor } = require('../lib/num');",
      'async function show(n) {',
      '  const label = toString(n);',
      '  const c = await pool.connect();',
      "  await c.query('select $1', [label, valueOf()]);",
      '  c.release();',
      '}',
      'module.exports = { show, constructor };',
      '',
    ].join('\n'),
    'routes/b.js': [
      "import { toString, constructor } from '../lib/helpers';",
      "import { pool } from '../lib/num';",
      'export const run = () => toString(pool).then(() => constructor(pool));',
      '',
    ].join('\n'),
  };

  it('records no inherited member: every fact can be sent to a thread, and Object.prototype stays as it was', () => {
    const dir = makeProject(tree, false);
    const files = ['lib/num.js', 'lib/helpers.js', 'routes/a.js', 'routes/b.js'].map((rel) => ({ abs: path.join(dir, rel), rel, text: fs.readFileSync(path.join(dir, rel), 'utf8') }));
    const out = projectIndexPass.run(files, [], { ...ctx, cwd: dir });
    expect(() => structuredClone([...out.facts])).not.toThrow();
    const a = out.facts.get(path.join(dir, 'routes/a.js')) as IndexFacts;
    const num = a.exports[path.join(dir, 'lib/num.js')];
    expect(num.pool).toMatchObject({ library: 'pg', kind: 'Pool' });
    expect(num.toString ?? null).toBeNull();
    expect(Object.hasOwn(num, 'constructor') ? num.constructor : null).toBeNull();
    expect(Object.getOwnPropertyNames(Object.prototype.toString)).not.toContain('0');
    expect(Object.getOwnPropertyNames(Object.prototype.constructor)).not.toContain('0');
  });

  it('the run (with its worker threads) fixes the lifecycle beside them', () => {
    const dir = makeProject(tree, false);
    // Enough files for the run to use worker threads.
    for (let i = 0; i < 60; i++) fs.writeFileSync(path.join(dir, `routes/r${i}.js`), "const { pool } = require('../lib/num');\nmodule.exports = async () => { const c = await pool.connect(); await c.query('x'); c.release(); };\n");
    expect(findingLines(dir)).toContain('routes/a.js:5 fixed fixed-try-finally pg');
  });
});

/** The index over a tree made on disk: `run` are the files of the run, `dropped` those the prefilter dropped. */
function indexRun(tree: Record<string, string>, run: string[], dropped: string[]) {
  const dir = makeProject(tree, false);
  const load = (rel: string) => ({ abs: path.join(dir, rel), rel, text: fs.readFileSync(path.join(dir, rel), 'utf8') });
  const out = projectIndexPass.run(run.map(load), dropped.map(load), { ...ctx, cwd: dir });
  return { dir, out, facts: (rel: string) => out.facts.get(path.join(dir, rel)) as IndexFacts };
}

describe('project index: path aliases of several packages in one run', () => {
  // Each package maps `@/db` to its own module: one run over both must resolve each importer's alias with its
  // own package's tsconfig (the index resolves a bare specifier once per set of aliases, not once per folder).
  const tree = {
    'a/tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'] } } }),
    'a/src/db.js': "const { Pool } = require('pg');\nmodule.exports = new Pool();\n",
    'a/src/routes/users.js': "const pool = require('@/db');\nmodule.exports = async () => { const c = await pool.connect(); await c.query('x'); c.release(); };\n",
    'b/tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['lib/*'] } } }),
    'b/lib/db.js': "const mysql = require('mysql2/promise');\nmodule.exports = mysql.createPool({});\n",
    'b/src/routes/users.js': "const pool = require('@/db');\nmodule.exports = async () => { const c = await pool.getConnection(); await c.query('x'); c.release(); };\n",
    'b/src/routes/deep/orders.js': "const pool = require('@/db');\nmodule.exports = async () => { const c = await pool.getConnection(); await c.query('x'); c.release(); };\n",
  };

  it('gives each importer the module its own aliases name', () => {
    const { dir, facts } = indexRun(tree, ['a/src/db.js', 'a/src/routes/users.js', 'b/lib/db.js', 'b/src/routes/users.js', 'b/src/routes/deep/orders.js'], []);
    const exportsOf = (rel: string) => Object.keys(facts(rel).exports);
    expect(exportsOf('a/src/routes/users.js')).toEqual([path.join(dir, 'a/src/db.js')]);
    expect(exportsOf('b/src/routes/users.js')).toEqual([path.join(dir, 'b/lib/db.js')]);
    expect(exportsOf('b/src/routes/deep/orders.js')).toEqual([path.join(dir, 'b/lib/db.js')]);
  });
});

describe('project index: modules that are not there', () => {
  const tree = {
    'lib/pool.js': "const { Pool } = require('pg');\nmodule.exports = new Pool();\n",
    'routes/a.js': "const { openSession } = require('./generated/store');\nmodule.exports = async () => { const s = await openSession(); await s.count(); await s.close(); };\n",
    'routes/b.js': "const pool = require('../lib/pool');\nconst util = require('./util');\nmodule.exports = async () => { const c = await pool.connect(); await c.query(util.sql); c.release(); };\n",
    'routes/util.js': "module.exports = { sql: 'select 1' };\n",
    'routes/c.js': "const data = require('./data.json');\nmodule.exports = () => data.items.map((i) => i.close());\n",
    'routes/data.json': '{"items": []}',
  };

  it('records the relative imports that name nothing on disk, and brings back the file that has one', () => {
    const { dir, out, facts } = indexRun(tree, ['lib/pool.js'], ['routes/a.js', 'routes/b.js', 'routes/util.js', 'routes/c.js']);
    expect(facts('routes/a.js').missing).toEqual(['./generated/store']);
    expect(facts('routes/b.js').missing).toBeUndefined();
    expect(facts('routes/c.js').missing).toBeUndefined();
    expect(out.join).toContain(path.join(dir, 'routes/a.js'));
  });
});
