import { describe, expect, it } from 'vitest';
import { validate } from './schema';

const good = () => ({
  version: 1,
  files: [
    {
      path: 'a.ts',
      status: 'error',
      diff: null,
      error: { message: 'Unexpected token', line: 3, column: 1 },
      findings: [
        { transform: 't', line: 1, column: 1, library: 'pg', resource: 'c', outcome: 'reported', style: null, reasonId: 'r', reason: 'why', problem: null },
      ],
    },
  ],
  created: [{ path: 'src/leakproof/with-session.ts', diff: '--- /dev/null\n+++ b/src/leakproof/with-session.ts\n' }],
  totals: { filesFound: 1, filesParsed: 0, changed: 0, unchanged: 0, skipped: 0, generated: 0, errors: 1, fixed: 0, modernized: 0, reported: 1, suppressed: 0, baselined: 0, created: 1, elapsedMs: 3 },
});

// The checker the CLI tests rely on must itself reject what the schema forbids.
describe('report schema checker', () => {
  it('accepts a conforming report', () => {
    expect(validate(good())).toEqual([]);
  });

  it.each([
    ['a wrong version', (d: any) => (d.version = 2)],
    ['an unknown status', (d: any) => (d.files[0].status = 'maybe')],
    ['a missing diff', (d: any) => delete d.files[0].diff],
    ['an extra file field', (d: any) => (d.files[0].extra = true)],
    ['a non-integer line', (d: any) => (d.files[0].findings[0].line = 1.5)],
    ['an unknown outcome', (d: any) => (d.files[0].findings[0].outcome = 'ignored')],
    ['a missing total', (d: any) => delete d.totals.elapsedMs],
    ['a created file without a diff', (d: any) => (d.created[0].diff = null)],
    ['no created list', (d: any) => delete d.created],
    ['a negative count', (d: any) => (d.totals.changed = -1)],
    ['a string where a number goes', (d: any) => (d.totals.fixed = '1')],
  ])('rejects %s', (_name, mutate) => {
    const d = good();
    mutate(d);
    expect(validate(d).length).toBeGreaterThan(0);
  });
});
