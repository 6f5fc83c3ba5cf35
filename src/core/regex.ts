// Text that must match itself inside a pattern built from names (`createPool`, `mysql2/promise`, `$db`).
export const escapeRegExp = (w: string): string => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A test of a file's text, as a RegExp's `test` or a sharper one. */
export interface TextTest {
  test(text: string): boolean;
}

// A line that begins inside a comment: `// …`, `/* …`, or a doc comment's ` * …`.
const COMMENT_LINE = /^[ \t]*(?:\/\/|\/\*|\*(?=[ \t]|$))/;

/**
 * The matches of `pattern` in a text (each as its text), not counting one on a line that begins as a comment
 * (a doc comment's `require("pg")` example) unless the comment closes before it. Any other match counts,
 * comment or not.
 */
export function matchesOutsideCommentLines(pattern: RegExp): (text: string) => string[] {
  const all = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '') + 'g');
  const counts = (text: string, m: RegExpMatchArray): boolean => {
    const before = text.slice(text.lastIndexOf('\n', m.index! - 1) + 1, m.index);
    const comment = COMMENT_LINE.exec(before);
    return !comment || (comment[0].trimStart() !== '//' && before.includes('*/'));
  };
  return (text) => [...text.matchAll(all)].filter((m) => counts(text, m)).map((m) => m[0]);
}
