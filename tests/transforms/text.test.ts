// Text helpers that keep output byte-faithful outside the changed lines.
import { describe, expect, it } from 'vitest';
import { dropAddedBlankLines } from '../../src/parse/text';

describe('dropAddedBlankLines', () => {
  it('drops blank lines the printer added next to a rewritten statement, and only those', () => {
    const original = 'a();\n\nb();\nc();\n';
    const printed = 'a();\n\ntry {\n  b();\n} finally {}\n\nc();\n';
    expect(dropAddedBlankLines(original, printed)).toBe('a();\n\ntry {\n  b();\n} finally {}\nc();\n');
  });

  it('keeps CRLF lines and text that is unchanged', () => {
    expect(dropAddedBlankLines('x();\r\ny();\r\n', 'x();\r\n\r\nz();\r\ny();\r\n')).toBe('x();\r\nz();\r\ny();\r\n');
    expect(dropAddedBlankLines('same\n\n', 'same\n\n')).toBe('same\n\n');
  });
});
