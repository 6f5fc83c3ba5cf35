// remove-redundant-close on shapes the fixtures do not show, in a throwaway project with the repository's
// installed packages: test hooks left empty, a class used in its own file, namespace imports and static
// factories, private fields, calls from inside the class, default exports, subclasses.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeRedundantClose } from '../../transforms/remove-redundant-close';
import { clearCloseCaches } from '../../src/js/close/analyze';
import type { Finding, TransformOptions } from '../../src/core/model';

const REPO = path.resolve(__dirname, '../..');
const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** A project on disk; returns a function that runs the transform on one of its files. */
function project(files: Record<string, string>, options: TransformOptions = {}): (rel: string) => { source: string | null; findings: string[]; all: Finding[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-close-'));
  made.push(dir);
  const compilerOptions = { target: 'ES2022', module: 'commonjs', lib: ['ES2023', 'esnext.disposable'], types: ['node'], strict: true, esModuleInterop: true, skipLibCheck: true };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src/**/*.ts'] }));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'shapes', private: true, engines: { node: '>=20.19' } }));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  clearCloseCaches();
  return (rel) => {
    const out = removeRedundantClose.apply(files[rel], path.join(dir, rel), options);
    return { source: out.source, findings: out.findings.map((f) => `${f.outcome} ${f.reasonId}`), all: out.findings };
  };
}

const DEAD_STORE = `import type { PoolClient } from 'pg';
export class Store {
  #client: PoolClient | undefined;
  count(): number {
    return 0;
  }
  async close(): Promise<void> {
    await this.#client?.release();
    this.#client = undefined;
  }
  async reset(): Promise<void> {
    await this.close();
  }
}
`;

describe('remove-redundant-close: dead close() shapes', () => {
  const run = project({
    'src/store.ts': DEAD_STORE,
    'src/store.test.ts': `import { Store } from './store';
declare function afterAll(fn: () => unknown): void;
declare function it(name: string, fn: () => unknown): void;
const store = new Store();
it('counts', () => store.count());
afterAll(async () => {
  await store.close();
});
`,
  });

  it('removes a #private field, the call from inside the class, and the method', () => {
    const out = run('src/store.ts');
    expect(out.source).toBe(`export class Store {
  count(): number {
    return 0;
  }
  async reset(): Promise<void> {}
}
`);
    expect(out.findings).toEqual(['fixed fixed-close-removed', 'fixed fixed-call-removed']);
    expect(out.all[0].reason).toContain('(this.#client)');
  });

  it('removes a test hook whose callback only called it', () => {
    const out = run('src/store.test.ts');
    expect(out.source).not.toContain('afterAll(async');
    expect(out.source).toContain("it('counts', () => store.count());");
    expect(out.findings).toEqual(['fixed fixed-call-removed']);
  });
});

describe('remove-redundant-close: owning classes', () => {
  const run = project({
    'src/db.ts': `import { Pool } from 'pg';
export default class Db {
  private readonly pool = new Pool();
  static async connect(): Promise<Db> {
    const db = new Db();
    await db.pool.query('SELECT 1');
    return db;
  }
  async close(): Promise<void> {
    await this.pool.end();
  }
}
export async function ping(): Promise<void> {
  const db = await Db.connect();
  await db.close();
}
`,
    'src/users.ts': `import * as dbModule from './db';
import Db from './db';
export async function count(): Promise<void> {
  const a = new dbModule.default();
  const b = await Db.connect();
  await b.close();
  await a.close();
}
`,
    'src/base.ts': `import { Pool } from 'pg';
export class Base {
  protected pool = new Pool();
  async close(): Promise<void> {
    await this.pool.end();
  }
}
export class Derived extends Base {
  async close(): Promise<void> {
    await super.close();
  }
}
`,
  }, { modernize: true }); // a disposer for a class is a migration, on request

  it('makes a default-exported class disposable; a caller in its own file uses it', () => {
    const out = run('src/db.ts');
    expect(out.source).toContain('  async [Symbol.asyncDispose](): Promise<void> {\n    await this.close();\n  }');
    expect(out.source).toContain('  await using db = await Db.connect();\n}');
    // Nothing stands between connect() and close() there: safe as written, restated because modernize asked.
    expect(out.findings).toEqual(['modernized fixed-disposable', 'modernized fixed-caller-using']);
  });

  it('finds instances through a default import, a namespace import and a static factory', () => {
    const out = run('src/users.ts');
    expect(out.source).toContain('  await using a = new dbModule.default();\n');
    expect(out.source).toContain('    await using b = await Db.connect();\n');
    expect(out.source).not.toContain('close()');
    // `a` has b's work between its making and its close(); b has nothing between: safe, restated on request.
    expect(out.findings).toEqual(['fixed fixed-caller-using', 'modernized fixed-caller-using']);
  });

  it('gives a base class the disposer once; a subclass inherits it', () => {
    const out = run('src/base.ts');
    expect(out.source?.match(/Symbol\.asyncDispose/g)).toHaveLength(1);
    expect(out.findings).toEqual(['modernized fixed-disposable']);
  });
});

describe('remove-redundant-close: a subclass that overrides a dead close()', () => {
  const run = project({
    'src/conn.ts': `import type { PoolClient } from 'pg';
export class Conn {
  private client?: PoolClient;
  close(): void {
    this.client?.release();
  }
}
export class LoggedConn extends Conn {
  close(): void {
    console.log('closing');
    super.close();
  }
}
`,
  });

  it('keeps it, with the subclass named', () => {
    const out = run('src/conn.ts');
    expect(out.source).toBeNull();
    expect(out.findings).toEqual(['reported inherited-member']);
    expect(out.all[0].reason).toContain('LoggedConn');
  });
});
