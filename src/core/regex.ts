// Text that must match itself inside a pattern built from names (`createPool`, `mysql2/promise`, `$db`).
export const escapeRegExp = (w: string): string => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A test of a file's text, as a RegExp's `test` or a sharper one. */
export interface TextTest {
  test(text: string): boolean;
}

// A line that begins inside a comment: `// …`, `/* …`, or a doc comment's ` * …`.
const COMMENT_LINE = /^[ \t]*(?:\/\/|\/\*|\*(?=[ \t]|$))/;

/**
 * `pattern`, not counting matches on a line that begins as a comment (a doc comment's `require("pg")`
 * example) unless the comment closes before the match. Any other match counts, comment or not.
 */
export function outsideCommentLines(pattern: RegExp): TextTest & { matches(text: string): string[] } {
  const all = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '') + 'g');
  const counts = (text: string, m: RegExpMatchArray): boolean => {
    const before = text.slice(text.lastIndexOf('\n', m.index! - 1) + 1, m.index);
    const comment = COMMENT_LINE.exec(before);
    return !comment || (comment[0].trimStart() !== '//' && before.includes('*/'));
  };
  return {
    test(text: string): boolean {
      for (const m of text.matchAll(all)) if (counts(text, m)) return true;
      return false;
    },
    /** Every match that counts, as its text. */
    matches(text: string): string[] {
      return [...text.matchAll(all)].filter((m) => counts(text, m)).map((m) => m[0]);
    },
  };
}
