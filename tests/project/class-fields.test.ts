// Resources reached through class fields (issue 13): a field typed with, or filled from, one of the project's
// own classes whose method hands out a fresh resource — declared by the class itself, by a constructor
// parameter property (dependency injection), or inherited from a project base class in another module — and
// a static field holding the process's pool.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectIndexPass } from '../../src/js/provenance/pass';
import type { IndexFacts } from '../../src/js/provenance/serial';
import { cleanup, copyProject, findingLines } from '../cli/helpers';

const PROJECT = path.resolve(__dirname, '../../__testfixtures__/projects/class-fields');
const FILES = ['src/data/registry.ts', 'src/data/repository.ts', 'src/data/store.ts', 'src/repos/audit.ts', 'src/repos/invoices.ts', 'src/services/transfers.ts', 'src/tx/unit-of-work.ts'];
const ctx = { cwd: PROJECT, transforms: ['lifecycles'], types: false };
const runFiles = (dir: string, files = FILES) => files.map((rel) => ({ abs: path.join(dir, rel), rel, text: fs.readFileSync(path.join(dir, rel), 'utf8') }));

afterEach(cleanup);

describe('class fields holding project objects', () => {
  it('finds the lifecycles of what an inherited or injected field hands out, and leaves shared handles alone', () => {
    expect(findingLines(PROJECT)).toEqual([
      'src/repos/audit.ts:5 fixed fixed-adapter pg',
      'src/repos/invoices.ts:10 reported never-released pg',
      'src/repos/invoices.ts:24 fixed fixed-adapter pg',
      'src/services/transfers.ts:20 reported never-released typeorm',
      // The factory itself: connect() or startTransaction() can throw after the runner is made.
      'src/tx/unit-of-work.ts:8 reported returned-after-work typeorm',
    ]);
  });

  it('records a base class as the fields it fills, an injected class as the methods that hand out resources, a class as its static pool', () => {
    const out = projectIndexPass.run(runFiles(PROJECT), [], ctx);
    const invoices = out.facts.get(path.join(PROJECT, 'src/repos/invoices.ts')) as IndexFacts;
    expect(invoices.exports[path.join(PROJECT, 'src/data/repository.ts')]).toEqual({
      Repository: { t: 'project-class', methods: {}, fields: { store: { t: 'project-object', methods: { checkout: { t: 'returns', value: { t: 'instance', library: 'pg', kind: 'PoolClient' } } } } } },
    });
    const transfers = out.facts.get(path.join(PROJECT, 'src/services/transfers.ts')) as IndexFacts;
    const audit = out.facts.get(path.join(PROJECT, 'src/repos/audit.ts')) as IndexFacts;
    expect(audit.exports[path.join(PROJECT, 'src/data/registry.ts')]).toEqual({ Registry: { t: 'project-class', methods: {}, statics: { pool: { t: 'instance', library: 'pg', kind: 'Pool' } } } });
    expect(transfers.exports[path.join(PROJECT, 'src/tx/unit-of-work.ts')].UnitOfWork).toMatchObject({ t: 'project-class', methods: { begin: { t: 'returns', value: { library: 'typeorm', kind: 'QueryRunner' } } } });
  });

  it('a field no annotation or assignment ties to a project class stays unknown', () => {
    const dir = copyProject(PROJECT);
    const file = path.join(dir, 'src/data/repository.ts');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('protected store: Store;', 'protected store: any;').replace('this.store = Store.shared();', 'this.store = (globalThis as any).store;'));
    expect(findingLines(dir).filter((f) => f.startsWith('src/repos/invoices'))).toEqual([]);
  });

  it('a subclass that declares the field itself is not read through its base', () => {
    const dir = copyProject(PROJECT);
    const file = path.join(dir, 'src/repos/invoices.ts');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace("class Invoices extends Repository {\n", "class Invoices extends Repository {\n  protected declare store: any;\n"));
    expect(findingLines(dir).filter((f) => f.startsWith('src/repos/invoices'))).toEqual([]);
  });
});
