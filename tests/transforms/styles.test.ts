// The style choice and the generated helper, on small throwaway packages (their package.json decides).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { lifecycles } from '../../transforms/lifecycles';
import { withSession } from '../../transforms/with-session';
import { clearPackageCaches } from '../../src/js/project/packageInfo';

const REPO = path.resolve(__dirname, '../..');
const made: string[] = [];

/** A package inside the repo (so `pg` resolves from the root node_modules) with the given files. */
function makePackage(files: Record<string, string>, options: { outside?: boolean } = {}): string {
  // Outside the repository, neither its package.json (engines, devDependencies) nor its installed
  // packages (@types/node 20) are evidence for the package.
  const root = fs.mkdtempSync(options.outside ? path.join(os.tmpdir(), 'lp-styles-') : path.join(REPO, 'tests', '.tmp-pkg-'));
  made.push(root);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  clearPackageCaches();
  return root;
}

afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

const TS_SOURCE = `import { Pool } from 'pg';

const pool = new Pool();

export async function getUser(id: number) {
  const client = await pool.connect();
  const res = await client.query('SELECT * FROM users WHERE id = $1', [id]);
  client.release();
  return res.rows[0];
}
`;

const JS_SOURCE = `const { Pool } = require('pg');
const { MongoClient } = require('mongodb');

const pool = new Pool();
const mongo = new MongoClient('mongodb://127.0.0.1');

async function getUser(id) {
  const client = await pool.connect();
  const res = await client.query('SELECT * FROM users WHERE id = $1', [id]);
  client.release();
  return res.rows[0];
}

async function touch(id) {
  const session = mongo.startSession();
  await mongo.db('app').collection('users').updateOne({ id }, { $set: { seen: true } }, { session });
  await session.endSession();
}

module.exports = { getUser, touch };
`;

const KNEX_SOURCE = `import knex from 'knex';

const db = knex({ client: 'pg' });

export async function placeOrder(customerId: number): Promise<void> {
  const trx = await db.transaction();
  await trx('orders').insert({ customer_id: customerId });
  await trx.commit();
}
`;

describe('--style auto', () => {
  it('gives a .ts file of a TypeScript 5.9 project that tsc compiles down, on Node >= 20.4, `await using`/`using`', () => {
    const root = makePackage({
      'package.json': JSON.stringify({ name: 'ts-app', devDependencies: { typescript: '^5.9.0' }, engines: { node: '>=20.19' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { lib: ['ES2022', 'esnext.disposable'] } }),
      'src/users.ts': TS_SOURCE,
    });
    const file = path.join(root, 'src/users.ts');
    const out = lifecycles.apply(TS_SOURCE, file, {});
    expect(out.source).toContain('using _releaseClient = { [Symbol.dispose]: () => client.release() };');
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ outcome: 'fixed', style: 'using' });
    expect(out.findings[0].reason).toMatch(/auto: tsc \(tsconfig\.json\).* compile `using` down; Node 20\.19\.0\+ \(engines\.node\) has Symbol\.asyncDispose takes `using`/);
  });

  // The case: tsc leaves `using` as written for ESNext, and Node 20 cannot parse it.
  it('gives a .ts file built for ESNext on Node >= 20 try/finally, and says why', () => {
    const root = makePackage({
      'package.json': JSON.stringify({ name: 'esnext-app', devDependencies: { typescript: '^5.9.0' }, engines: { node: '>=20' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ESNext', module: 'NodeNext' } }),
      'src/users.ts': TS_SOURCE,
    });
    const out = lifecycles.apply(TS_SOURCE, path.join(root, 'src/users.ts'), {});
    expect(out.source).not.toMatch(/\busing\b/);
    expect(out.source).toContain('} finally {\n    client.release();\n  }');
    expect(out.findings).toEqual([expect.objectContaining({ outcome: 'fixed', style: 'try-finally' })]);
    expect(out.findings[0].reason).toMatch(/auto: no `using` here — tsc \(tsconfig\.json\) leaves `using` as written \(tsconfig\.json targets ESNext\); engines\.node ">=20" \(package\.json\) admits Node 20\.0\.0, which cannot parse `using`/);
    // --style using is refused for the same reason rather than shipping syntax Node 20 cannot parse.
    const forced = lifecycles.apply(TS_SOURCE, path.join(root, 'src/users.ts'), { style: 'using' });
    expect(forced.source).toBeNull();
    expect(forced.findings.map((f) => f.reasonId)).toEqual(['using-unsupported']);
  });

  it('gives the same ESNext build `using` once Node >= 24 is required', () => {
    const root = makePackage(
      {
        'package.json': JSON.stringify({ name: 'node24-app', devDependencies: { typescript: '^5.9.0' }, engines: { node: '>=24' } }),
        'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ESNext', module: 'NodeNext' } }),
        'src/users.ts': TS_SOURCE,
      },
      { outside: true },
    );
    const out = lifecycles.apply(TS_SOURCE, path.join(root, 'src/users.ts'), {});
    expect(out.source).toContain('using _releaseClient = { [Symbol.dispose]: () => client.release() };');
    expect(out.findings[0].reason).toMatch(/auto: Node 24\.0\.0\+ runs `using` as written \(engines\.node ">=24" \(package\.json\)\) takes `using`/);
  });

  it('gives a plain .js file for Node >= 20 a callback API where one exists, else try/finally', () => {
    const root = makePackage({
      'package.json': JSON.stringify({ name: 'js-app', engines: { node: '>=20' } }),
      'lib/users.js': JS_SOURCE,
    });
    const out = lifecycles.apply(JS_SOURCE, path.join(root, 'lib/users.js'), {});
    expect(out.source).not.toMatch(/\busing\b/);
    const styles = out.findings.map((f) => `${f.library} ${f.outcome} ${f.style}`);
    expect(styles).toEqual(['pg fixed try-finally', 'mongodb fixed with-session']);
    expect(out.source).toContain('} finally {\n    client.release();\n  }');
    expect(out.source).toContain('await mongo.withSession(async (session) => {');
    for (const f of out.findings) expect(f.reason).toMatch(/auto: no `using` here — Node runs the JavaScript as written .*engines\.node ">=20" \(package\.json\) admits Node 20\.0\.0/);
  });

  it('sends a manual transaction to its library callback even where `using` is available, and says why', () => {
    const root = makePackage({
      'package.json': JSON.stringify({ name: 'ts-app', devDependencies: { typescript: '^5.9.0' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { lib: ['ES2022', 'esnext.disposable'] } }),
      'orders.ts': KNEX_SOURCE,
    });
    const out = lifecycles.apply(KNEX_SOURCE, path.join(root, 'orders.ts'), {});
    expect(out.source).toContain('await db.transaction(async (trx) => {');
    expect(out.source).not.toContain('trx.commit()');
    expect(out.findings).toEqual([
      expect.objectContaining({ library: 'knex', outcome: 'fixed', style: 'with-session', reasonId: 'fixed-callback-api' }),
    ]);
    expect(out.findings[0].reason).toMatch(/auto: a `using` declaration cannot choose between commit\(\) and rollback\(\)/);
  });

  it('keeps a sequelize transaction manual when the package uses CLS', () => {
    const source = `import { Sequelize } from 'sequelize';

const sequelize = new Sequelize('sqlite::memory:');

export async function archive(id: number): Promise<void> {
  const t = await sequelize.transaction();
  await sequelize.query('DELETE FROM orders WHERE id = ?', { replacements: [id], transaction: t });
  await t.commit();
}
`;
    const withCls = makePackage({ 'package.json': JSON.stringify({ name: 'cls-app', dependencies: { 'cls-hooked': '^4.2.2' } }), 'a.ts': source });
    const refused = withSession.apply(source, path.join(withCls, 'a.ts'), {});
    expect(refused.source).toBeNull();
    expect(refused.findings.map((f) => f.reasonId)).toEqual(['callback-changes-meaning']);
    expect(refused.findings[0].reason).toContain('cls-hooked');
    const plain = makePackage({ 'package.json': JSON.stringify({ name: 'plain-app' }), 'a.ts': source });
    expect(withSession.apply(source, path.join(plain, 'a.ts'), {}).source).toContain('await sequelize.transaction(async (t) => {');
  });

  it('falls back to a callback where `using` cannot scope values the rest reads', () => {
    const source = `import { Pool } from 'pg';

const pool = new Pool();
declare function cache(key: string, value: unknown): Promise<void>;

export async function cachedUsers() {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT * FROM users');
  client.release();
  await cache('users', rows);
  return rows;
}
`;
    const root = makePackage({
      'package.json': JSON.stringify({ name: 'ts-app', devDependencies: { typescript: '^5.9.0' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { lib: ['ES2022', 'esnext.disposable'] } }),
      'users.ts': source,
    });
    const file = path.join(root, 'users.ts');
    const out = lifecycles.apply(source, file, {});
    expect(out.findings).toEqual([expect.objectContaining({ outcome: 'fixed', style: 'with-session', reasonId: 'fixed-with-session' })]);
    expect(out.findings[0].reason).toMatch(/auto: `using` cannot — values computed while the client is held .*; a callback returns them/);
    expect(out.source).toContain("const rows = await withSession(() => pool.connect(), (client) => client.release(), async (client) => {");
    expect(out.source).toContain("await cache('users', rows);");
    expect(out.extraFiles?.map((f) => path.relative(root, f.path))).toEqual(['leakproof/with-session.ts']);
  });

  it('honours an explicit --style', () => {
    const root = makePackage({
      'package.json': JSON.stringify({ name: 'ts-app', devDependencies: { typescript: '^5.9.0' } }),
      'users.ts': TS_SOURCE,
    });
    const out = lifecycles.apply(TS_SOURCE, path.join(root, 'users.ts'), { style: 'try-finally' });
    expect(out.findings.map((f) => f.style)).toEqual(['try-finally']);
    expect(out.source).toContain('} finally {');
  });
});

describe('with-session helper', () => {
  it('is generated once per package root and imported at the call site; the result type-checks', () => {
    const root = makePackage({
      'package.json': JSON.stringify({ name: 'svc', devDependencies: { typescript: '^5.9.0' } }),
      'src/repo/users.ts': TS_SOURCE,
    });
    const file = path.join(root, 'src/repo/users.ts');
    const out = withSession.apply(TS_SOURCE, file, {});
    expect(out.source).toContain("import { withSession } from '../leakproof/with-session';");
    expect(out.extraFiles).toHaveLength(1);
    const helper = out.extraFiles![0];
    expect(helper.path).toBe(path.join(root, 'src/leakproof/with-session.ts'));
    fs.mkdirSync(path.dirname(helper.path), { recursive: true });
    fs.writeFileSync(helper.path, helper.source);
    fs.writeFileSync(file, out.source!);
    // Once the helper exists, another file does not generate it again.
    const again = withSession.apply(TS_SOURCE, path.join(root, 'src/orders.ts'), {});
    expect(again.extraFiles).toBeUndefined();
    expect(again.source).toContain("import { withSession } from './leakproof/with-session';");

    const program = ts.createProgram([file, helper.path], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [path.join(REPO, 'node_modules/@types')],
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual([]);
  }, 60_000);

  it('imports an existing helper with --helper-import and generates nothing', () => {
    const root = makePackage({ 'package.json': JSON.stringify({ name: 'svc', devDependencies: { typescript: '^5.9.0' } }), 'a.ts': TS_SOURCE });
    const out = withSession.apply(TS_SOURCE, path.join(root, 'a.ts'), { helperImport: '@acme/db/with-session' });
    expect(out.extraFiles).toBeUndefined();
    expect(out.source).toContain("import { withSession } from '@acme/db/with-session';");
  });

  it('generates a CommonJS helper for JavaScript and requires it', () => {
    const root = makePackage({ 'package.json': JSON.stringify({ name: 'js', engines: { node: '>=20' } }), 'users.js': JS_SOURCE });
    const out = withSession.apply(JS_SOURCE, path.join(root, 'users.js'), {});
    expect(out.source).toContain("const { withSession } = require('./leakproof/with-session.cjs');");
    expect(out.extraFiles?.[0].path).toBe(path.join(root, 'leakproof/with-session.cjs'));
    expect(out.extraFiles?.[0].source).toContain('exports.withSession = withSession;');
  });
});

describe('transactions a callback rewrite keeps manual', () => {
  const fixture = (name: string) => {
    const file = path.join(REPO, '__testfixtures__/lifecycles', `${name}.input.ts`);
    return withSession.apply(fs.readFileSync(file, 'utf8'), file, { helperImport: './lib/with-session' });
  };

  it('says why: a callback that may run the work again, or none at all', () => {
    expect(fixture('mongodb-transaction').findings[0].reason).toMatch(/its transaction stays manual: its callback, session\.withTransaction\(\), may run the work more than once$/);
    expect(fixture('catch-and-after').findings[0].reason).toMatch(/its transaction stays manual: pg has no transaction callback$/);
    expect(fixture('typeorm-runner-kept').findings[0].reason).toMatch(/its transaction stays manual: dataSource\.transaction\(\) passes its callback another object .*\(queryRunner\.hasTable\)$/);
  });
});

describe('values used after the release: the reason says where', () => {
  it("at a module's top level it names the top level, not an await", () => {
    // An export reads a class the region declares: it can neither move into a block nor be declared before it.
    const source = "import Database from 'better-sqlite3';\nconst db = new Database('app.db');\nconst rows = db.prepare('SELECT * FROM t').all();\nclass Report { n = rows.length; }\ndb.close();\nexport const report = new Report();\n";
    const out = lifecycles.apply(source, '/tmp/script.ts', { style: 'try-finally' });
    const f = out.findings.find((x) => x.reasonId === 'values-used-after-release');
    expect(f?.reason).toContain("at the module's top level");
    expect(f?.reason).not.toContain('await');
  });

  it("at a module's top level a tail with no import, export, declaration or await goes into the try with the work", () => {
    const source = "import Database from 'better-sqlite3';\nconst db = new Database('app.db');\nconst rows = db.prepare('SELECT * FROM t').all();\ndb.close();\nconsole.log(rows);\n";
    const out = lifecycles.apply(source, '/tmp/script.ts', { style: 'try-finally' });
    expect(out.findings.map((x) => `${x.outcome} ${x.reasonId}`)).toEqual(['fixed fixed-try-finally']);
    expect(out.source).toBe("import Database from 'better-sqlite3';\nconst db = new Database('app.db');\ntry {\n  const rows = db.prepare('SELECT * FROM t').all();\n  console.log(rows);\n} finally {\n  db.close();\n}\n");
    // A function declared after it would be hoisted out of the block: the tail stays, and `rows` is declared
    // before the try instead.
    const hoisted = source + 'function later() { return rows; }\n';
    const out2 = lifecycles.apply(hoisted, '/tmp/script.ts', { style: 'try-finally' });
    expect(out2.source).toBe("import Database from 'better-sqlite3';\nconst db = new Database('app.db');\nlet rows;\ntry {\n  rows = db.prepare('SELECT * FROM t').all();\n} finally {\n  db.close();\n}\nconsole.log(rows);\nfunction later() { return rows; }\n");
  });
});
