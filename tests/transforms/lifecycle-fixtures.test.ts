// The lifecycle styles on their fixtures (`__testfixtures__/lifecycles/`, one input per case, an expected
// output per style: auto, await-using, try-finally, with-session), checked by the fixture runner; and what
// the runner does not check: how many cases each style has, bytes outside the changed lines, the reason table.
import { describe, expect, it } from 'vitest';
import { awaitUsing } from '../../transforms/await-using';
import { lifecycles } from '../../transforms/lifecycles';
import { describeFixtures, fixtureCase, inStyle, loadCases } from '../fixtures/runner';

describeFixtures('lifecycles');

const cases = loadCases('lifecycles');

describe('lifecycles fixtures per style', () => {
  /** Minimum number of rewriting cases and of cases with a refusal, per style. */
  const MINIMUM: Record<string, [number, number]> = { auto: [9, 3], 'await-using': [9, 10], 'try-finally': [9, 3], 'with-session': [9, 3] };
  for (const [style, [rewrites, refusals]] of Object.entries(MINIMUM)) {
    it(`${style} has fixtures for rewrites and for refusals`, () => {
      const of = cases.map((c) => inStyle(c, style));
      expect(of.filter((s) => s.outputPath).length).toBeGreaterThanOrEqual(rewrites);
      expect(of.filter((s) => s.expected.some((e) => e.startsWith('reported '))).length).toBeGreaterThanOrEqual(refusals);
    });
  }
});

describe('await-using keeps bytes outside the changed lines', () => {
  const linear = fixtureCase('lifecycles', 'linear.ts');
  const output = inStyle(linear, 'await-using').output;

  it('keeps CRLF line endings and a BOM', () => {
    const crlf = (s: string) => '\uFEFF' + s.replace(/\n/g, '\r\n');
    const result = awaitUsing.apply(crlf(linear.input), linear.inputPath, {});
    expect(result.source).toBe(crlf(output));
  });

  it('keeps comments, quotes and blank lines of untouched code', () => {
    const input = linear.input.replace("import { Pool } from 'pg';", 'import { Pool } from "pg"; // double quotes stay\n\n\n');
    const result = awaitUsing.apply(input, linear.inputPath, {});
    expect(result.source).toContain('import { Pool } from "pg"; // double quotes stay\n\n\n');
    const before = input.split('\n');
    const after = result.source!.split('\n');
    // Only the release line goes and one disposer line comes.
    expect(after.filter((l) => !before.includes(l))).toEqual([
      '  using _releaseClient = { [Symbol.dispose]: () => client.release() };',
    ]);
    expect(before.filter((l) => !after.includes(l))).toEqual(['  client.release();']);
  });

  it('leaves a file without any catalogue token alone without parsing it', () => {
    const result = awaitUsing.apply('this is not even JavaScript {{{', 'x.ts', {});
    expect(result).toEqual({ source: null, findings: [] });
  });

  it('throws a parse error for a broken file that mentions a driver', () => {
    expect(() => awaitUsing.apply("import { Pool } from 'pg';\nconst = ;\n", 'broken.ts', {})).toThrow();
  });
});

describe('reason table', () => {
  // The runner checks each case's findings exactly, so what the cases expect is what the transforms give.
  const expected = new Set(cases.flatMap((c) => c.styles.flatMap((s) => s.expected)));

  it('has a fixture asserting every refusal reason', () => {
    const refusals = Object.keys(awaitUsing.meta.reasons).filter((id) => !id.startsWith('fixed-') && !id.startsWith('would-'));
    expect(refusals.filter((id) => !expected.has(`reported ${id}`))).toEqual([]);
  });

  it('has a fixture producing every kind of fix', () => {
    const fixes = Object.keys(awaitUsing.meta.reasons).filter((id) => id.startsWith('fixed-'));
    expect(fixes.filter((id) => !expected.has(`fixed ${id}`) && !expected.has(`modernized ${id}`))).toEqual([]);
  });

  it('--report-only reports what it would fix and rewrites nothing', () => {
    const linear = fixtureCase('lifecycles', 'linear.ts');
    const result = awaitUsing.apply(linear.input, linear.inputPath, { reportOnly: true });
    expect(result.source).toBeNull();
    expect(result.findings.map((f) => `${f.outcome} ${f.reasonId}`)).toEqual(['reported would-fix']);
    expect(result.findings[0].reason).toBe('released only on the happy path; `using` would release it on every path');
  });

  it('--report-only says a release would move first in its callback, and rewrites nothing', () => {
    const c = fixtureCase('lifecycles', 'callback-release-first.js');
    const result = lifecycles.apply(c.input, c.inputPath, { reportOnly: true });
    expect(result.source).toBeNull();
    expect(result.findings.map((f) => `${f.outcome} ${f.reasonId}`)).toEqual(['reported would-release-first', 'reported would-release-first', 'reported callback-path-unreleased']);
    expect(result.findings[0].reason).toBe('released only if nothing before release() in its callback throws; moving it to the start of that callback would release it on every path');
  });
});

describe('lifecycles and pool-lifecycle', () => {
  it('leaves request-scoped sessions (req.db = …) to pool-lifecycle: no findings on its fixtures', () => {
    const scoped = loadCases('pool-lifecycle').filter((c) => /(request|koa|fastify|express)/.test(c.name));
    const texts = scoped.flatMap((c) => [{ f: c.name, text: c.input, file: c.inputPath }, ...c.styles.filter((s) => s.outputPath).map((s) => ({ f: `${c.name} (${s.style})`, text: s.output, file: s.outputPath! }))]);
    expect(scoped.length).toBeGreaterThan(10);
    for (const { f, text, file } of texts) {
      const out = lifecycles.apply(text, file, {});
      expect({ f, source: out.source, findings: out.findings }).toEqual({ f, source: null, findings: [] });
    }
  });
});
