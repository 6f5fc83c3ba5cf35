import { describe, expect, it } from 'vitest';
import { awaitUsing } from '../../transforms/await-using';
import { withSession } from '../../transforms/with-session';
import { tryFinally } from '../../transforms/try-finally';
import { lifecycles } from '../../transforms/lifecycles';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LeakTransform } from '../../src/core/model';
import { loadFixtures } from './fixtures';

const STYLES: [string, LeakTransform, number][] = [
  ['await-using', awaitUsing, 10],
  ['with-session', withSession, 3],
  ['try-finally', tryFinally, 3],
];

for (const [dir, transform, minimumRefusals] of STYLES) describe(`${dir} fixtures`, () => {
  const cases = loadFixtures(dir);

  it('has fixtures for rewrites and for refusals', () => {
    expect(cases.filter((c) => c.input !== c.output).length).toBeGreaterThan(8);
    expect(cases.filter((c) => c.expected.length > 0).length).toBeGreaterThanOrEqual(minimumRefusals);
  });

  for (const c of cases) {
    describe(c.name, () => {
      const result = transform.apply(c.input, c.inputPath, c.options);

      it('produces the expected output', () => {
        expect(result.source ?? c.input).toBe(c.output);
        // "unchanged" is reported as null, never as an identical copy.
        if (c.input === c.output) expect(result.source).toBeNull();
      });

      it('reports exactly the expected findings', () => {
        const reported = result.findings.filter((f) => f.outcome === 'reported').map((f) => `${f.outcome} ${f.reasonId}`);
        expect(reported.sort()).toEqual(c.expected.map((e) => `${e.outcome} ${e.reasonId}`).sort());
        const fixed = result.findings.filter((f) => f.outcome !== 'reported');
        if (c.input !== c.output) expect(fixed.length).toBeGreaterThan(0);
        else expect(fixed).toEqual([]);
        // Leaks first: only --modernize restates code that was already safe.
        if (!c.options.modernize) expect(fixed.filter((f) => f.outcome === 'modernized')).toEqual([]);
        for (const f of result.findings) {
          expect(f.reason).not.toMatch(/\{\w+\}/); // every placeholder filled
          expect(f.line).toBeGreaterThan(0);
          // A fix says what was wrong before it.
          if (f.outcome !== 'reported') expect(f.problem).toMatch(/^[a-z`{]/);
          if (f.problem) expect(f.problem).not.toMatch(/\{\w+\}/);
        }
      });

      it('changes nothing when run on its own output', () => {
        const again = transform.apply(c.output, c.outputPath, c.options);
        expect(again.source).toBeNull();
        expect(again.findings.filter((f) => f.outcome !== 'reported')).toEqual([]);
        // The rewrite creates nothing new to report: what is reported now was reported before.
        const before = result.findings.filter((f) => f.outcome === 'reported').map((f) => f.reasonId).sort();
        expect(again.findings.map((f) => f.reasonId).sort()).toEqual(before);
      });
    });
  }
});

describe('await-using keeps bytes outside the changed lines', () => {
  const linear = loadFixtures('await-using').find((c) => c.name === 'linear.ts')!;

  it('keeps CRLF line endings and a BOM', () => {
    const crlf = (s: string) => '\uFEFF' + s.replace(/\n/g, '\r\n');
    const result = awaitUsing.apply(crlf(linear.input), linear.inputPath, {});
    expect(result.source).toBe(crlf(linear.output));
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
  const all = STYLES.flatMap(([dir]) => loadFixtures(dir));

  it('has a fixture asserting every refusal reason', () => {
    const asserted = new Set(all.flatMap((c) => c.expected.map((e) => e.reasonId)));
    const refusals = Object.keys(awaitUsing.meta.reasons).filter((id) => !id.startsWith('fixed-') && id !== 'would-fix');
    expect(refusals.filter((id) => !asserted.has(id))).toEqual([]);
  });

  it('has a fixture producing every kind of fix', () => {
    const produced = new Set<string>();
    for (const [dir, transform] of STYLES) {
      for (const c of loadFixtures(dir)) for (const f of transform.apply(c.input, c.inputPath, c.options).findings) produced.add(f.reasonId);
    }
    const fixes = Object.keys(awaitUsing.meta.reasons).filter((id) => id.startsWith('fixed-'));
    expect(fixes.filter((id) => !produced.has(id))).toEqual([]);
  });

  it('--report-only reports what it would fix and rewrites nothing', () => {
    const linear = all.find((c) => c.name === 'linear.ts')!;
    const result = awaitUsing.apply(linear.input, linear.inputPath, { reportOnly: true });
    expect(result.source).toBeNull();
    expect(result.findings.map((f) => `${f.outcome} ${f.reasonId}`)).toEqual(['reported would-fix']);
    expect(result.findings[0].reason).toBe('released only on the happy path; `using` would release it on every path');
  });
});

describe('lifecycles and pool-lifecycle', () => {
  it('leaves request-scoped sessions (req.db = …) to pool-lifecycle: no findings on its fixtures', () => {
    const dir = path.resolve(__dirname, '../../__testfixtures__/pool-lifecycle');
    const files = fs.readdirSync(dir).filter((f) => /(request|koa|fastify|express)/.test(f));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const out = lifecycles.apply(fs.readFileSync(path.join(dir, f), 'utf8'), path.join(dir, f), {});
      expect({ f, source: out.source, findings: out.findings }).toEqual({ f, source: null, findings: [] });
    }
  });
});
