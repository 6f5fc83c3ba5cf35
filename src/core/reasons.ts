// Reasons as data: every finding's words come from a table of these, one per transform and language, and
// the generated docs (docs/reasons.md) are made from the same tables, so what the tool says, what the docs
// say and what a test asserts can never drift apart.

/**
 * fix: a rewrite was made (its `problem` says what was wrong before it). refusal: the code leaks or may, but
 * no rewrite is provably safe. hazard: something wrong that no rewrite of the lifecycle could fix (a
 * transaction never rolled back, BEGIN sent through a pool). preview: what --report-only would have fixed.
 * problem: a sentence a fix uses to say what was wrong, chosen by the code's shape rather than by the fix.
 */
export type ReasonKind = 'fix' | 'refusal' | 'hazard' | 'preview' | 'problem';

export interface Reason {
  kind: ReasonKind;
  /** The message, with `{placeholders}` filled per finding. */
  message: string;
  /** For a fix: what was wrong before it, with placeholders of its own. */
  problem?: string;
  /** A paragraph for the docs: when it happens and what to do. */
  doc?: string;
}

export type ReasonTable = Readonly<Record<string, Reason>>;

export const fix = (message: string, problem?: string, doc?: string): Reason => ({ kind: 'fix', message, ...(problem ? { problem } : {}), ...(doc ? { doc } : {}) });
export const refusal = (message: string, doc?: string): Reason => ({ kind: 'refusal', message, ...(doc ? { doc } : {}) });
export const hazard = (message: string, doc?: string): Reason => ({ kind: 'hazard', message, ...(doc ? { doc } : {}) });
export const preview = (message: string): Reason => ({ kind: 'preview', message });
export const problem = (message: string): Reason => ({ kind: 'problem', message });

/**
 * The one formatter: `{name}` takes `values.name`; a placeholder without a value becomes empty (optional
 * parts such as `{why}`). Under the test runner a placeholder left without a value is an error, so a message
 * can never silently lose a word it was meant to have.
 */
export function fill(template: string, values: Readonly<Record<string, string | undefined>>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = values[key];
    if (v === undefined && process.env.VITEST && !(key in values)) throw new Error(`reason placeholder {${key}} has no value in: ${template}`);
    return v ?? '';
  });
}

/** A table's message for `id`, filled. */
export function formatReason(table: ReasonTable, id: string, values: Readonly<Record<string, string | undefined>>): string {
  const r = table[id];
  if (!r) throw new Error(`unknown reason ${id}`);
  return fill(r.message, values);
}

/** A fix's problem sentence for `id` (the fix's own, or a problem entry), filled; undefined when it has none. */
export function formatProblem(table: ReasonTable, id: string, values: Readonly<Record<string, string | undefined>>): string | undefined {
  const r = table[id];
  const template = r?.kind === 'problem' ? r.message : r?.problem;
  return template === undefined ? undefined : fill(template, values);
}

/** The reason ids of one kind. */
export function idsOf(table: ReasonTable, kind: ReasonKind): string[] {
  return Object.keys(table).filter((id) => table[id].kind === kind);
}
