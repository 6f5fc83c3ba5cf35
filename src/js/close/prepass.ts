// The runner's pre-pass for remove-redundant-close: one plan per tsconfig over the files of the run, made in
// the main thread before any transform runs (like the type facts), handed to each file's transform. The
// plan counts a call in a file outside the run as one it cannot remove. Files the plan changes join the
// run even when the text prefilter dropped them (a caller of a project class may name no library at all).
import * as path from 'node:path';
import type { WorkItem } from '../../cli/work';
import type { FileReport } from '../../cli/report';
import { findTsconfig } from '../checker/typeFacts';
import { CloseAnalysis, emptyPlan, mayDeclareCloseClass, rememberAnalysis } from './analyze';
import { CLOSE_PREFILTER } from './names';
import { localOnlyPlan, type FileClosePlan } from './plan';

export function planCloseRun(items: WorkItem[], skipped: WorkItem[], reports: Map<number, FileReport>, options: { project?: string; cwd: string }): void {
  const taken = new Set(items.map((i) => i.id));
  const dropped = skipped.filter((s) => !taken.has(s.id));
  const all = [...items, ...dropped];
  const inRun = new Set(all.map((i) => i.abs));
  const groups = new Map<string | null, WorkItem[]>();
  // Every file that runs gets the plan (an earlier transform may add the `using` this one looks for); a
  // dropped file only when its text may matter.
  for (const item of [...items, ...dropped.filter((d) => CLOSE_PREFILTER.test(d.text))]) {
    const tsconfig = options.project ? path.resolve(options.cwd, options.project) : findTsconfig(path.dirname(item.abs));
    groups.set(tsconfig, [...(groups.get(tsconfig) ?? []), item]);
  }
  for (const [tsconfig, group] of groups) {
    let planOf: (item: WorkItem) => FileClosePlan;
    if (!tsconfig) {
      const none = localOnlyPlan();
      planOf = () => none;
    } else {
      try {
        // Every file of the run under the tsconfig's directory is handed over: already read, never read again.
        const root = path.dirname(tsconfig) + path.sep;
        const given = all.filter((i) => i.abs.startsWith(root));
        let plan = emptyPlan(tsconfig);
        if (mayDeclareCloseClass(tsconfig, given)) {
          const analysis = new CloseAnalysis(tsconfig, given);
          plan = analysis.plan((f) => inRun.has(f));
          rememberAnalysis(analysis);
        }
        planOf = (item) => {
          const own = plan.files.get(item.abs);
          return { project: tsconfig, hash: own?.hash ?? null, calls: own?.calls ?? [], decisions: plan.decisions, resourceClasses: plan.resourceClasses };
        };
      } catch (e) {
        const failed = localOnlyPlan(`the project of ${path.basename(tsconfig)} could not be analysed (${e instanceof Error ? e.message : String(e)})`);
        planOf = () => failed;
      }
    }
    for (const item of group) item.closePlan = planOf(item);
  }
  for (const item of dropped) {
    const plan = item.closePlan;
    if (!plan) continue;
    const touched =
      plan.calls.length > 0 ||
      plan.decisions.some((d) => d.file === item.abs) ||
      plan.resourceClasses.some((c) => new RegExp(`\\b${c.className.replace(/\$/g, '\\$')}\\b`).test(item.text));
    if (!touched) continue;
    reports.delete(item.id);
    items.push(item);
  }
  items.sort((a, b) => a.id - b.id);
}
