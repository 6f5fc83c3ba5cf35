import { describe, expect, it } from 'vitest';
import { pythonFrontend } from '../../src/python';
import { fixtureCase } from '../fixtures/runner';

const crlf = (s: string) => '\uFEFF' + s.replace(/\n/g, '\r\n');

describe('python transforms keep CRLF line endings and a BOM, also in the lines they add', () => {
  const cases: [string, string][] = [
    ['lifecycles', 'psycopg2-closing'],
    ['lifecycles', 'session-pre14'],
    ['pool-lifecycle', 'flask-g-teardown'],
    ['pool-lifecycle', 'worker-remove'],
    ['remove-redundant-close', 'founding-example'],
  ];
  for (const [dir, name] of cases)
    it(`${dir}/${name}`, () => {
      const c = fixtureCase(`python/${dir}`, `${name}.py`);
      const t = pythonFrontend.transforms.find((x) => x.meta.name === dir)!;
      const out = t.apply(crlf(c.input), c.inputPath, {});
      expect(out.source).toBe(crlf(c.styles[0].output));
    });
});

describe('python transforms with --report-only', () => {
  it('report what they would fix and change nothing', () => {
    for (const [dir, name] of [['pool-lifecycle', 'dispose-module-engine'], ['pool-lifecycle', 'flask-scoped-teardown'], ['remove-redundant-close', 'founding-example'], ['remove-redundant-close', 'redundant-close']]) {
      const c = fixtureCase(`python/${dir}`, `${name}.py`);
      const t = pythonFrontend.transforms.find((x) => x.meta.name === dir)!;
      const out = t.apply(c.input, c.inputPath, { reportOnly: true });
      expect(out.source, name).toBeNull();
      expect(out.findings.filter((f) => f.outcome === 'fixed'), name).toEqual([]);
      expect(out.findings.filter((f) => f.reasonId === 'would-fix').length, name).toBeGreaterThan(0);
    }
  });
});
