// The Python transforms on their fixtures (`__testfixtures__/python/<transform>/<case>.input.py`, `.output.py`
// when it changes; `chain/`: the default chain), checked by the fixture runner; and what it does not check:
// how many cases each has, that each says what it proves, that python3 compiles them, and that the
// transforms compose on every one.
import { describe, expect, it } from 'vitest';
import { describeFixtures, FAMILIES, loadCases, pythonChain } from '../fixtures/runner';
import { compilePython, pythonAvailable } from './compile';

const CI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
const families = FAMILIES.filter((f) => f.name.startsWith('python/')).map((f) => f.name);

/** Minimum number of rewriting fixtures and of expected refusals (findings) per transform. */
const MINIMUM: Record<string, [number, number]> = { 'python/lifecycles': [12, 10], 'python/pool-lifecycle': [5, 4], 'python/remove-redundant-close': [3, 2], 'python/chain': [1, 1] };

for (const family of families) {
  describeFixtures(family);

  describe(`${family} fixtures, as a whole`, () => {
    const cases = loadCases(family).map((c) => ({ ...c, ...c.styles[0] }));

    it('has rewrites and refusals, and each case says first what it proves', () => {
      const [fixes, refusals] = MINIMUM[family];
      expect(cases.filter((c) => c.outputPath).length).toBeGreaterThanOrEqual(fixes);
      expect(cases.flatMap((c) => c.expected.filter((e) => e.startsWith('reported '))).length).toBeGreaterThanOrEqual(refusals);
      for (const c of cases) expect(c.input.split('\n').find((l) => !l.startsWith('#!')), `${c.name}: first comment says what it proves`).toMatch(/^# (?!(expect|again|options|as)(\[[\w,-]+\])?: )\S/);
    });

    it('compiles every input and output with python3 -m py_compile', (ctx) => {
      if (!pythonAvailable()) {
        if (CI) throw new Error('/usr/bin/python3 is missing');
        ctx.skip();
      }
      const errors = compilePython(cases.flatMap((c) => [{ name: `${c.name}.input`, text: c.input }, { name: `${c.name}.output`, text: c.output }]));
      expect(errors).toEqual({});
    });
  });
}

describe('python transforms compose', () => {
  const all = families.flatMap((d) => loadCases(d));

  it('runs the whole chain on every fixture: the result compiles and a second run changes nothing', (ctx) => {
    const outputs = all.map((c) => ({ c, out: pythonChain.apply(c.input, c.inputPath, {}).source ?? c.input }));
    for (const { c, out } of outputs) expect(pythonChain.apply(out, c.inputPath, {}).source, c.name).toBeNull();
    if (!pythonAvailable()) {
      if (CI) throw new Error('/usr/bin/python3 is missing');
      ctx.skip();
    }
    expect(compilePython(outputs.map(({ c, out }) => ({ name: c.name, text: out })))).toEqual({});
  });
});
