// What the three Python transforms share: the prefilter, the parse, the project facts for the file, and
// the loop that applies non-overlapping fixes, re-analysing for the ones a previous fix overlapped
// (a lifecycle nested in another is fixed on the second round).
import type { Finding, TransformOptions } from '../../core/model';
import { parsePython } from '../parse/tree';
import { applyEdits, lineMapBack, PySource, type TextEdit } from '../parse/text';
import { FileModel } from '../analysis/values';
import { factsForFile, type PythonFileFacts } from '../project/plan';
import { pythonFactsOf } from '../project/pass';

/** The options of a Python transform: the shared ones; project facts arrive in `facts.python`. */
export type PythonTransformOptions = TransformOptions;

export interface Fix {
  /** First and last line the fix edits (0-based), to keep fixes of one round apart. */
  span: [number, number];
  edits: TextEdit[];
  finding: (lineBack: (line: number) => number) => Finding | Finding[];
}

export interface RoundResult {
  fixes: Fix[];
  /** Reports (made on the text the round analysed). */
  findings: Finding[];
}

export type Round = (src: PySource, model: FileModel, facts: PythonFileFacts, options: PythonTransformOptions, path: string) => RoundResult;

const MAX_ROUNDS = 6;
/** Imported session factories known by name only (see FACTORY_NAMES in analysis/values). */
const GUESSABLE = /\b((Async)?SessionLocal|DBSession|ScopedSession|db_session|session_?(local|maker|factory))\s*\(/i;

export function runPythonTransform(source: string, path: string, options: PythonTransformOptions, prefilter: RegExp, round: Round): { source: string | null; findings: Finding[] } {
  // The runner's project facts, or (a file on its own) the facts this file gives by itself.
  const facts = pythonFactsOf(options) ?? factsForFile(path, source);
  if (options.prefilter !== false && !prefilter.test(source) && !facts.mentions.some((m) => source.includes(m)) && !GUESSABLE.test(source)) return { source: null, findings: [] };
  let text = source;
  let back: (line: number) => number = (l) => l;
  const findings: Finding[] = [];
  // Fixes a round put off for one they overlap, where the text as given has them: the next round finishes
  // them, or says why it cannot.
  let deferred: Finding[] = [];
  for (let k = 0; k < MAX_ROUNDS; k++) {
    const tree = parsePython(text);
    const src = new PySource(tree);
    const model = new FileModel(tree, facts.externals, new Set(facts.resourceClasses.keys()), new Set(facts.resolvedImports), facts.cogs);
    const result = round(src, model, facts, options, path);
    // Reports come from the first round, on the text as given; later rounds only finish nested fixes.
    if (k === 0) findings.push(...result.findings);
    else {
      // A lifecycle put off last round that this one reports (now nested in the other's block).
      for (const f of result.findings) {
        const line = back(f.line - 1) + 1;
        if (deferred.some((d) => d.line === line && d.resource === f.resource && d.transform === f.transform)) findings.push({ ...f, line });
      }
    }
    if (options.reportOnly || !result.fixes.length) break;
    // The innermost first: an outer block then holds the inner one's `with`, where the other way round the
    // inner lifecycle would be left in a nested block.
    const chosen: Fix[] = [];
    for (const f of result.fixes.sort((a, b) => a.span[1] - a.span[0] - (b.span[1] - b.span[0]) || a.span[0] - b.span[0]))
      if (!chosen.some((c) => c.span[0] <= f.span[1] && f.span[0] <= c.span[1])) chosen.push(f);
    chosen.sort((a, b) => a.span[0] - b.span[0]);
    for (const f of chosen) findings.push(...[f.finding(back)].flat());
    deferred = result.fixes.filter((f) => !chosen.includes(f)).flatMap((f) => [f.finding(back)].flat());
    const edits = chosen.flatMap((f) => f.edits);
    const next = applyEdits(text, dedupe(edits));
    const map = lineMapBack(text, dedupe(edits), next);
    const prev = back;
    back = (l) => prev(map(l));
    text = next;
    if (chosen.length === result.fixes.length) break;
  }
  return { source: text === source ? null : text, findings };
}

/** Identical edits (the same import added by two fixes) are applied once. */
function dedupe(edits: TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const key = `${e.start}:${e.end}:${e.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
