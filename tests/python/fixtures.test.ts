import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LeakTransform } from '../../src/core/model';
import { pythonFrontend } from '../../src/python';
import { compilePython, loadPyFixtures, PY_FIXTURE_ROOT, pythonAvailable } from './fixtures';

const CI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
const transforms = pythonFrontend.transforms;
const dirs = fs.readdirSync(PY_FIXTURE_ROOT).filter((d) => fs.statSync(path.join(PY_FIXTURE_ROOT, d)).isDirectory());

/** Minimum number of rewriting fixtures and of expected refusals (findings) per transform. */
const MINIMUM: Record<string, [number, number]> = { lifecycles: [12, 10], 'pool-lifecycle': [5, 4], 'remove-redundant-close': [3, 2], chain: [1, 1] };

/** `chain/`: the default chain, each transform on the previous one's output (as the CLI runs them). */
const chain: LeakTransform = {
  meta: { name: 'chain', description: 'lifecycles, pool-lifecycle, remove-redundant-close', reasons: {} },
  apply(source, path, options) {
    let text = source;
    const findings = [];
    for (const t of transforms) {
      const out = t.apply(text, path, options);
      findings.push(...out.findings);
      if (out.source !== null) text = out.source;
    }
    return { source: text === source ? null : text, findings };
  },
};

for (const dir of dirs) {
  const transform = dir === 'chain' ? chain : (transforms.find((t) => t.meta.name === dir) as LeakTransform);
  describe(`python ${dir} fixtures`, () => {
    const cases = loadPyFixtures(dir);

    it('is a transform of the Python frontend, with rewrites and refusals', () => {
      expect(transform).toBeDefined();
      const [fixes, refusals] = MINIMUM[dir] ?? [1, 1];
      expect(cases.filter((c) => c.outputPath).length).toBeGreaterThanOrEqual(fixes);
      expect(cases.flatMap((c) => c.expected).length).toBeGreaterThanOrEqual(refusals);
      for (const c of cases) expect(c.input.split('\n').find((l) => !l.startsWith('#!')), `${c.name}: first comment says what it proves`).toMatch(/^# \S/);
    });

    const results = new Map(cases.map((c) => [c.name, transform.apply(c.input, c.inputPath, {})]));

    it('compiles every input and output with python3 -m py_compile', (ctx) => {
      if (!pythonAvailable()) {
        if (CI) throw new Error('/usr/bin/python3 is missing');
        ctx.skip();
      }
      const errors = compilePython(cases.flatMap((c) => [{ name: `${c.name}.input`, text: c.input }, { name: `${c.name}.output`, text: c.output }]));
      expect(errors).toEqual({});
    });

    for (const c of cases) {
      describe(c.name, () => {
        const result = results.get(c.name)!;

        it('produces the expected output', () => {
          expect(result.source ?? c.input).toBe(c.output);
          if (!c.outputPath) expect(result.source).toBeNull();
        });

        it('reports exactly the expected findings, every reason filled in', () => {
          const reported = result.findings.filter((f) => f.outcome === 'reported').map((f) => `${f.outcome} ${f.reasonId}`);
          expect(reported.sort()).toEqual(c.expected.map((e) => `${e.outcome} ${e.reasonId}`).sort());
          const fixed = result.findings.filter((f) => f.outcome === 'fixed');
          if (c.outputPath) expect(fixed.length).toBeGreaterThan(0);
          else expect(fixed).toEqual([]);
          for (const f of result.findings) {
            expect(f.reason).not.toMatch(/\{\w+\}/);
            expect(f.line).toBeGreaterThan(0);
            if (dir !== 'chain') expect(f.transform).toBe(dir);
            if (f.outcome === 'fixed') expect([null, 'with-session', 'try-finally']).toContain(f.style);
          }
        });

        it('changes nothing when run on its own output', () => {
          const again = transform.apply(c.output, c.outputPath ?? c.inputPath, {});
          expect(again.source).toBeNull();
          expect(again.findings.filter((f) => f.outcome === 'fixed')).toEqual([]);
          const before = result.findings.filter((f) => f.outcome === 'reported').map((f) => f.reasonId).sort();
          expect(again.findings.map((f) => f.reasonId).sort()).toEqual(before);
        });
      });
    }
  });
}

describe('python transforms compose', () => {
  const all = dirs.flatMap((d) => loadPyFixtures(d));

  it('runs the whole chain on every fixture: the result compiles and a second run changes nothing', (ctx) => {
    const outputs = all.map((c) => ({ c, out: chain.apply(c.input, c.inputPath, {}).source ?? c.input }));
    for (const { c, out } of outputs) expect(chain.apply(out, c.inputPath, {}).source, c.name).toBeNull();
    if (!pythonAvailable()) {
      if (CI) throw new Error('/usr/bin/python3 is missing');
      ctx.skip();
    }
    expect(compilePython(outputs.map(({ c, out }) => ({ name: c.name, text: out })))).toEqual({});
  });
});
