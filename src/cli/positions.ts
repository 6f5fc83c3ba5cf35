// Findings of a later transform in a chain are placed in the text the earlier ones produced; reports (and
// ignore comments, baselines, SARIF locations, editor squiggles) need them in the file as it is. A line diff
// maps them back: a line the edits kept moves by what was inserted or removed above it; a line the edits
// made lands on the first line they replaced, column 1.
import { diffLib } from '../core/diffLib';
import type { Finding } from '../core/model';

export function placeInOriginal(findings: Finding[], original: string, current: string): Finding[] {
  if (original === current || findings.length === 0) return findings;
  const parts = diffLib().diffLines(original, current);
  return findings.map((f) => {
    let oldLine = 1;
    let newLine = 1;
    for (const part of parts) {
      const n = part.count ?? 0;
      const inside = f.line >= newLine && f.line < newLine + n;
      if (inside && !part.added && !part.removed) return { ...f, line: oldLine + (f.line - newLine) };
      if (inside && part.added) return { ...f, line: oldLine, column: 1 };
      if (!part.added) oldLine += n;
      if (!part.removed) newLine += n;
    }
    return f;
  });
}
