// Type-aware mode as a project pass: one checker run over the files of the run, before any transform.
import type { TransformOptions } from '../../core/model';
import type { ProjectPass } from '../../core/passes';
import { defaultCatalog } from '../../catalog/js';
import { computeTypeFacts, RELEASE_LIKE, type FileTypeFacts } from './typeFacts';

export const TYPES = 'types';

/** The checker's facts for this file, when type-aware mode ran and the text is still the one it saw. */
export function typeFactsOf(options: TransformOptions): FileTypeFacts | undefined {
  return options.facts?.[TYPES] as FileTypeFacts | undefined;
}

export const typeFactsPass: ProjectPass = {
  name: TYPES,
  // Facts are keyed by offsets in the text as read.
  boundToText: true,
  wanted: (ctx) => ctx.types,
  run(files, dropped, ctx) {
    // A file that names no library but releases something may use a resource from the project's own
    // wrapper (`await getClient()`), and one that acquires on a receiver nothing names (`.connect(`, which
    // the runner's first look drops): only the checker can tell, so they get a look too.
    const acquires = defaultCatalog.prefilterPattern();
    const typeOnly = dropped.filter((f) => RELEASE_LIKE.test(f.text) || acquires.test(f.text));
    const facts = new Map<string, unknown>();
    if (files.length + typeOnly.length === 0) return { facts, note: null };
    const result = computeTypeFacts([...files, ...typeOnly], { project: ctx.project, cwd: ctx.cwd });
    for (const f of files) {
      const own = result.facts.get(f.abs);
      if (own) facts.set(f.abs, own);
    }
    const join: string[] = [];
    for (const f of typeOnly) {
      const own = result.facts.get(f.abs);
      if (!own || !Object.values(own.calls).some((c) => c.kind || c.dispose)) continue;
      facts.set(f.abs, own);
      join.push(f.abs);
    }
    return { facts, join, note: result.note };
  },
};
