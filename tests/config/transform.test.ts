// Configured resources are rewritten like catalogue ones: the `lifecycles` transform on the custom-resource
// fixture project declares `using` for the project's own acquire/release pairs.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lifecycles } from '../../transforms/lifecycles';
import { clearConfigCache } from '../../src/config/load';
import { catalogFor } from '../../src/config/toCatalog';
import { defaultCatalog } from '../../src/catalog/js';
import { clearPackageCaches } from '../../src/js/project/packageInfo';
import { cleanup, copyProject, runCli } from '../cli/helpers';

const PROJECT = path.resolve(__dirname, '../../__testfixtures__/projects/custom-resource');
const ORDERS = path.join(PROJECT, 'src/orders.ts');

afterEach(() => {
  cleanup();
  clearConfigCache();
  clearPackageCaches();
});

describe('custom resources from leakproof.config.json', () => {
  it('rewrites a configured acquire/release pair to `await using`, findings named after the configured library', () => {
    const out = lifecycles.apply(fs.readFileSync(ORDERS, 'utf8'), ORDERS, {});
    expect(out.source).not.toBeNull();
    expect(out.source).toContain('await using _releaseConn = { [Symbol.asyncDispose]: async () => { await conn.free(); } };');
    expect(out.source).not.toMatch(/^\s*await conn\.free\(\);$/m);
    expect(out.findings).toContainEqual(expect.objectContaining({ resource: 'conn', library: 'acme-db', outcome: 'fixed', style: 'using', reasonId: 'fixed-adapter' }));
  });

  it('Export.method acquires: `pool.checkout()` on the exported pool, released with a sync `using`', () => {
    const out = lifecycles.apply(fs.readFileSync(ORDERS, 'utf8'), ORDERS, {});
    expect(out.source).toContain('using _releaseLease = { [Symbol.dispose]: () => lease.checkin() };');
    expect(out.source).not.toContain('await using _releaseLease');
    expect(out.findings).toContainEqual(expect.objectContaining({ resource: 'lease', library: 'acme-db', outcome: 'fixed', style: 'using' }));
  });

  it('finds the configured module through any relative import of the same file', () => {
    const seed = path.join(PROJECT, 'scripts/seed.ts');
    const out = lifecycles.apply(fs.readFileSync(seed, 'utf8'), seed, {});
    expect(out.findings).toEqual([expect.objectContaining({ resource: 'conn', library: 'acme-db', outcome: 'fixed' })]);
  });

  it('in type-aware mode the configuration wins over the checker for the calls it names', () => {
    const source = fs.readFileSync(ORDERS, 'utf8');
    // What the checker says about a project type that is not a catalogue type: nothing of interest.
    const typeFacts = { calls: { [source.indexOf('getConn()')]: {}, [source.indexOf('pool.checkout()')]: {} } };
    const out = lifecycles.apply(source, ORDERS, { facts: { types: typeFacts } });
    expect(out.findings.map((f) => [f.resource, f.outcome])).toEqual([
      ['conn', 'fixed'],
      ['lease', 'fixed'],
    ]);
  });

  it('the same code outside the configured package is left alone', () => {
    const elsewhere = path.resolve(__dirname, '../../__testfixtures__/projects/typed-service/src/orders.ts');
    expect(lifecycles.apply(fs.readFileSync(ORDERS, 'utf8'), elsewhere, {})).toEqual({ source: null, findings: [] });
  });

  it('the configuration style is a default; the option given wins', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-styled-'));
    try {
      fs.cpSync(PROJECT, dir, { recursive: true });
      const config = JSON.parse(fs.readFileSync(path.join(dir, 'leakproof.config.json'), 'utf8'));
      fs.writeFileSync(path.join(dir, 'leakproof.config.json'), JSON.stringify({ ...config, style: 'try-finally' }));
      const file = path.join(dir, 'src/orders.ts');
      const source = fs.readFileSync(file, 'utf8');
      const byConfig = lifecycles.apply(source, file, {});
      expect(byConfig.findings.map((f) => f.style)).toEqual(['try-finally', 'try-finally']);
      expect(byConfig.source).toContain('} finally {');
      const byFlag = lifecycles.apply(source, file, { style: 'using' });
      expect(byFlag.findings.map((f) => f.style)).toEqual(['using', 'using']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('one catalogue per package root: built-ins plus the configured libraries', () => {
    const a = catalogFor(ORDERS);
    expect(catalogFor(path.join(PROJECT, 'src/db.ts'))).toBe(a);
    expect(a.catalog).not.toBe(defaultCatalog);
    expect([...a.custom].map((l) => l.library)).toEqual(['acme-db']);
    expect(a.catalog.moduleForFile(path.join(PROJECT, 'src/db.ts'))?.lib.library).toBe('acme-db');
    expect(a.prefilter.test('const c = await getConn();')).toBe(true);
    expect(a.prefilter.test('const c = await getConnection;')).toBe(false);
    expect(catalogFor(path.resolve(__dirname, '../../__testfixtures__/projects/typed-service/src/users.ts')).catalog).toBe(defaultCatalog);
  });
});

describe('configured resources reach every transform', () => {
  const OWNERS = path.resolve(__dirname, '../../__testfixtures__/projects/custom-resource-owners');
  const run = (dir: string) => {
    const r = runCli(['--json', '.'], dir);
    const report = JSON.parse(r.stdout) as { files: { path: string; findings: { transform: string; outcome: string; reasonId: string; library: string }[] }[] };
    return report.files.flatMap((f) => f.findings.map((x) => `${f.path} ${x.transform} ${x.outcome} ${x.reasonId} ${x.library}`)).sort();
  };

  it('pool-lifecycle scopes a configured resource kept on the request; remove-redundant-close sees a class that owns one', () => {
    expect(run(OWNERS)).toEqual([
      'src/app.ts pool-lifecycle fixed fixed-request-scope acme-store',
      'src/catalogue.ts remove-redundant-close fixed fixed-adapter Catalogue',
    ]);
  });

  it('without the configuration the same project names no resource', () => {
    const dir = copyProject(OWNERS);
    fs.rmSync(path.join(dir, 'leakproof.config.json'));
    expect(run(dir)).toEqual([]);
  });
});
