import { describe, expect, it } from 'vitest';
import { parsePython, PythonSyntaxError } from '../../src/python/parse/tree';
import { applyEdits, PySource } from '../../src/python/parse/text';
import { statements } from '../../src/python/parse/syntax';

const src = (text: string) => new PySource(parsePython(text));

describe('Python parsing', () => {
  it('mirrors the tree with offsets into the JavaScript string (BOM and non-ASCII included)', () => {
    const text = '\uFEFFs = "é😀"\r\nx = Session(engine)\r\n';
    const tree = parsePython(text);
    const [, second] = statements(tree.root);
    expect(second.text).toBe('x = Session(engine)');
    expect(text.slice(second.start, second.end)).toBe('x = Session(engine)');
  });

  it('rejects what Python rejects, with a line and column', () => {
    for (const bad of ['def f(:\n    pass\n', 'x = (1,\n', 'if x\n    y\n']) {
      let err: unknown;
      try {
        parsePython(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(PythonSyntaxError);
      expect(err).toBeInstanceOf(SyntaxError);
      expect((err as PythonSyntaxError).loc.line).toBeGreaterThan(0);
    }
  });

  it('accepts an empty file and empty strings', () => {
    expect(() => parsePython('')).not.toThrow();
    expect(() => parsePython('s = ""\nt = f""\n')).not.toThrow();
  });
});

describe('PySource', () => {
  it('finds the line ending, lines and indentation', () => {
    const s = src('def f():\r\n\tx = 1\r\n');
    expect(s.eol).toBe('\r\n');
    expect(s.lineText(1)).toBe('\tx = 1');
    expect(s.indentOf(1)).toBe('\t');
  });

  it('reads the indent step of a block from the file (spaces, tabs)', () => {
    for (const [text, step] of [
      ['def f():\n  x = 1\n', '  '],
      ['def f():\n\tx = 1\n', '\t'],
      ['class A:\n    def f(self):\n        x = 1\n', '    '],
    ] as const) {
      const s = src(text);
      const fns = s.tree.root.findAll(['function_definition']);
      const fn = fns[fns.length - 1];
      expect(s.stepOf(fn, fn.field('body')!)).toBe(step);
    }
    const oneLine = src('def f(): return 1\n');
    const fn = oneLine.tree.root.findAll(['function_definition'])[0];
    expect(oneLine.stepOf(fn, fn.field('body')!)).toBeNull();
  });

  it('never re-indents lines inside a string literal, backslash continuation lines or blank lines', () => {
    const text = [
      'def f():',
      '    sql = """',
      '  SELECT 1',
      '    """',
      '',
      '    rows = run(',
      '        sql,',
      '    )',
      "    msg = 'a' \\",
      "        'b'",
      '    doc = "x\\',
      'y"',
      '',
    ].join('\n');
    const s = src(text);
    const out = applyEdits(text, s.indentLines(1, 11, '    '));
    expect(out.split('\n')).toEqual([
      'def f():',
      '        sql = """',
      '  SELECT 1', // inside the string: untouched
      '    """', // the string's closing line is content too
      '',
      '        rows = run(',
      '            sql,', // a bracket continuation moves with its statement
      '        )',
      "        msg = 'a' \\",
      "        'b'", // a backslash continuation: untouched
      '        doc = "x\\',
      'y"', // inside a backslash-continued string: untouched
      '',
    ]);
  });

  it('applies splices in offset order and refuses overlaps', () => {
    expect(applyEdits('abcdef', [{ start: 4, end: 5, text: 'E' }, { start: 0, end: 1, text: 'A' }, { start: 2, end: 2, text: '+' }])).toBe('Ab+cdEf');
    expect(() => applyEdits('abcdef', [{ start: 0, end: 3, text: '' }, { start: 2, end: 4, text: '' }])).toThrow(/overlapping/);
  });

  it('finds the quote style the file uses most', () => {
    expect(src("a = 'x'\nb = 'y'\nc = \"z\"\n").quote).toBe("'");
    expect(src('a = 1\n').quote).toBe('"');
  });
});
