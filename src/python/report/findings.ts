// Findings of the Python transforms, in the shared shape of src/core/model.ts.
import type { Finding, Outcome, Style } from '../../core/model';
import type { PyNode } from '../parse/tree';
import type { PySource } from '../parse/text';
import type { ReasonTable } from '../../core/reasons';
import { fillProblem, fillReason } from './reasons';

export interface FindingInput {
  transform: string;
  table: ReasonTable;
  node: PyNode;
  library: string;
  resource: string;
  outcome: Outcome;
  /** `with-session` for a `with` block that ends the resource on every path, `try-finally` for a finally; null otherwise. */
  style: Style | null;
  reasonId: string;
  values?: Record<string, string | undefined>;
  /** Maps a line of the text the node is in back to the line of the text the run started from (0-based). */
  lineBack?: (line: number) => number;
}

export function pyFinding(src: PySource, f: FindingInput): Finding {
  const line = src.lineOf(f.node.start);
  return {
    transform: f.transform,
    line: (f.lineBack ? f.lineBack(line) : line) + 1,
    column: f.node.start - src.lineStart(line) + 1,
    library: f.library,
    resource: f.resource,
    outcome: f.outcome,
    style: f.style,
    reasonId: f.reasonId,
    reason: fillReason(f.table, f.reasonId, f.values ?? {}),
    ...(f.outcome !== 'reported' ? withProblem(fillProblem(f.table, f.reasonId, f.values ?? {})) : {}),
  };
}

const withProblem = (problem: string | undefined) => (problem ? { problem } : {});
