// Text helpers that keep output byte-faithful outside the changed lines.
import { describe, expect, it } from 'vitest';
import { keepOriginalLayout, omitsSemicolons } from '../../src/core/text';

describe('keepOriginalLayout', () => {
  it('drops blank lines the printer added next to a rewritten statement, and only those', () => {
    const original = 'a();\n\nb();\nc();\n';
    const printed = 'a();\n\ntry {\n  b();\n} finally {}\n\nc();\n';
    expect(keepOriginalLayout(original, printed, '\n')).toBe('a();\n\ntry {\n  b();\n} finally {}\nc();\n');
    // …unless a transform sets a new statement apart on purpose.
    expect(keepOriginalLayout(original, printed, '\n', true)).toBe(printed);
  });

  it('keeps CRLF lines and text that is unchanged', () => {
    expect(keepOriginalLayout('x();\r\ny();\r\n', 'x();\r\n\r\nz();\r\ny();\r\n', '\r\n')).toBe('x();\r\nz();\r\ny();\r\n');
    expect(keepOriginalLayout('same\n\n', 'same\n\n', '\n')).toBe('same\n\n');
  });

  it('gives back trailing spaces and whitespace-only lines the printer stripped from lines it did not move', () => {
    const original = 'function f() { \n  a();  \n  \n  b();\n}\n';
    const printed = 'function f() {\n  a();\n  try {\n    b();\n  } finally {}\n}\n';
    // `a();  ` keeps its spaces; `b();` moved into the try (deeper), so it keeps the printer's indentation.
    expect(keepOriginalLayout(original, printed, '\n')).toBe('function f() { \n  a();  \n  try {\n    b();\n  } finally {}\n}\n');
  });

  it('puts back blank lines the printer dropped between two lines that stay neighbours', () => {
    const original = 'f();\n\n\ng();\nh();\n';
    const printed = 'f();\ng();\ntry {\n  h();\n} finally {}\n';
    expect(keepOriginalLayout(original, printed, '\n')).toBe('f();\n\n\ng();\ntry {\n  h();\n} finally {}\n');
  });

  it('in a file without semicolons, new lines lose the ones the printer added, unless ASI would join the next line', () => {
    const original = 'const a = 1\nconst b = 2\nuse(a)\nuse(b)\n';
    const printed = 'const a = 1\nusing x = { [Symbol.dispose]: () => a.close() };\nconst b = 2\nlet y = 3;\n(y)\nuse(a)\nuse(b)\n';
    expect(keepOriginalLayout(original, printed, '\n')).toBe('const a = 1\nusing x = { [Symbol.dispose]: () => a.close() }\nconst b = 2\nlet y = 3;\n(y)\nuse(a)\nuse(b)\n');
    expect(omitsSemicolons(original)).toBe(true);
    expect(omitsSemicolons('a();\nb();\nc()\n')).toBe(false);
  });
});

describe('a report quotes the code as written', () => {
  it('the same words with --report-only (no printer) as in a dry run', async () => {
    const { lifecycles } = await import('../../transforms/lifecycles');
    const { FIXTURE_ROOT } = await import('../fixtures/runner');
    const fs = await import('node:fs');
    const path = await import('node:path');
    const file = path.join(FIXTURE_ROOT, 'lifecycles', 'returned-in-use.input.ts');
    const text = fs.readFileSync(file, 'utf8');
    const reasons = (reportOnly: boolean) => lifecycles.apply(text, file, { reportOnly }).findings.map((f) => `${f.resource} ${f.reason}`);
    expect(reasons(true)).toEqual(reasons(false));
    expect(reasons(true).join('\n')).toContain("client.db('app')");
  });
});
