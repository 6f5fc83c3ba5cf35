// Which SQLAlchemy a project runs, from its dependency files. The Session context manager (`with
// Session(engine) as session:`) exists from 1.4 on; a project pinned below that gets try/finally instead.
import * as path from 'node:path';

export type Sqlalchemy14 = 'yes' | 'no' | 'unknown';

const DEPENDENCY_FILES = /(^|\/)(requirements[^/]*\.(txt|in)|pyproject\.toml|setup\.py|setup\.cfg|Pipfile|environment\.ya?ml)$/i;

export function isDependencyFile(file: string): boolean {
  return DEPENDENCY_FILES.test(file.split(path.sep).join('/'));
}

function compare(a: string, b: string): number {
  const pa = a.split('.').map((n) => parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/**
 * What one dependency line says about SQLAlchemy 1.4: an exact or compatible pin decides by its version,
 * an upper bound at or below 1.4 says no, a requirement with no upper bound installs the newest (yes).
 * Flask-SQLAlchemy 3 requires SQLAlchemy 1.4.18 or later.
 */
function fromLine(line: string): Sqlalchemy14 {
  const l = line.replace(/#.*$/, '').trim();
  const fsa = /\bflask[-_]sqlalchemy\b\s*["']?\s*(==|~=|>=|\^)\s*["']?\s*(\d+(\.\d+)*)/i.exec(l);
  if (fsa && compare(fsa[2], '3') >= 0) return 'yes';
  const m = /(?<![-\w.])sqlalchemy(?![-\w])(\[[^\]]*\])?\s*["']?\s*(?:[:=](?![=~]))?\s*(.*)$/i.exec(l);
  if (!m) return 'unknown';
  const spec = m[2].replace(/["',]/g, ' ');
  const pinned = /(==|~=|\^|~)\s*(\d+(?:\.\d+)*)/.exec(spec)?.[2] ?? /^\s*(\d+(?:\.\d+)+)/.exec(spec)?.[1];
  if (pinned) return compare(pinned, '1.4') >= 0 ? 'yes' : 'no';
  const upper = /<=?\s*(\d+(\.\d+)*)/.exec(spec);
  if (upper && compare(upper[1], '1.4') <= 0) return 'no';
  return 'yes';
}

/** The verdict of every dependency file together: any pin below 1.4 wins (the project must run there too). */
export function sqlalchemy14FromDependencies(files: { path: string; text: string }[]): Sqlalchemy14 {
  let verdict: Sqlalchemy14 = 'unknown';
  for (const f of files) {
    if (!isDependencyFile(f.path)) continue;
    for (const line of f.text.split(/\r?\n/)) {
      if (!/sqlalchemy/i.test(line)) continue;
      const v = fromLine(line);
      if (v === 'no') return 'no';
      if (v === 'yes') verdict = 'yes';
    }
  }
  return verdict;
}
