// The teardown emitter: one `@app.teardown_appcontext` function per need, right after the statement that
// makes the app. Imports go inside the function (the registry's module is loaded by then; adding a
// module-level import could change the import order an app relies on).
import type { PyNode } from '../parse/tree';
import type { PySource, TextEdit } from '../parse/text';
import { statements } from '../parse/syntax';
import { insertAfterLine, linesAt } from '../emit/edits';
import type { TeardownFacts, TeardownNeed } from '../project/requests';

export interface TeardownItem {
  resource: string;
  library: string;
  reasonId: 'fixed-teardown-remove' | 'fixed-teardown-close';
  values: Record<string, string>;
}

/** A module-level name not taken yet (`remove_session`, then `remove_session_2`). */
function freeName(src: PySource, base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name) || src.tree.root.hasIdentifier(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}

function moduleStep(src: PySource): string {
  for (const s of statements(src.tree.root)) {
    const def = s.kind === 'decorated_definition' ? s.field('definition') : s;
    const body = def?.field('body');
    if (def && body) {
      const step = src.stepOf(def, body);
      if (step) return step;
    }
  }
  return '    ';
}

export function emitTeardowns(src: PySource, app: NonNullable<TeardownFacts['app']>): { edits: TextEdit[]; items: TeardownItem[]; anchor: PyNode; line: number } | null {
  const anchor = statements(src.tree.root).find((s) => s.line === app.line);
  if (!anchor) return null;
  const step = moduleStep(src);
  const q = src.quote;
  const taken = new Set<string>();
  const blocks: string[][] = [];
  const items: TeardownItem[] = [];
  const gBound = /^\s*from\s+flask\s+import\s+[^\n]*\bg\b/m.test(src.text);
  for (const need of app.needs) {
    // Already there (the text was changed since the project pass, or an earlier run added it).
    if (need.kind === 'remove' && new RegExp(`\\b${need.registry}\\.remove\\(`).test(src.text)) continue;
    if (need.kind === 'close-g' && new RegExp(`\\bg\\.pop\\(\\s*["']${need.attr}["']`).test(src.text)) continue;
    blocks.push(need.kind === 'remove' ? removeBlock(src, need, step, taken) : closeBlock(src, need, step, taken, q, gBound));
    items.push(
      need.kind === 'remove'
        ? { resource: need.registry!, library: need.library, reasonId: 'fixed-teardown-remove', values: { registry: need.registry!, app: app.name, users: need.users } }
        : { resource: `g.${need.attr}`, library: need.library, reasonId: 'fixed-teardown-close', values: { attr: need.attr!, app: app.name, noun: need.noun } },
    );
  }
  if (!blocks.length) return null;
  const line = src.lineOf(anchor.end);
  // Two blank lines around each new top-level function, as the file's other definitions usually have.
  let after = 0;
  while (line + 1 + after < src.lineCount && src.isBlank(line + 1 + after)) after++;
  const body = blocks.map((b) => ["", "", ...b.map((l) => l.replace("@APP.", `@${app.name}.`))]).flat();
  const text = linesAt(src, '', [...body, ...Array(Math.max(0, 2 - after)).fill('')]);
  return { edits: [insertAfterLine(src, line, text)], items, anchor, line };
}

function removeBlock(src: PySource, need: TeardownNeed, step: string, taken: Set<string>): string[] {
  const fn = freeName(src, `remove_${need.registry}`, taken);
  return [`@APP.teardown_appcontext`, `def ${fn}(exception=None):`, ...(need.importFrom ? [`${step}from ${need.importFrom} import ${need.registry}`] : []), `${step}${need.registry}.remove()`].map((l) => l);
}

function closeBlock(src: PySource, need: TeardownNeed, step: string, taken: Set<string>, q: string, gBound: boolean): string[] {
  const fn = freeName(src, `close_${need.attr}`, taken);
  const v = /^[A-Za-z_]\w*$/.test(need.attr!) ? need.attr! : 'value';
  return [
    `@APP.teardown_appcontext`,
    `def ${fn}(exception=None):`,
    ...(gBound ? [] : [`${step}from flask import g`]),
    `${step}${v} = g.pop(${q}${need.attr}${q}, None)`,
    `${step}if ${v} is not None:`,
    `${step}${step}${v}.close()`,
  ];
}
