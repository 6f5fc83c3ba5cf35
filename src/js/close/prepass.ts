// remove-redundant-close's project pass: one plan per tsconfig over the files of the run, made in the main
// thread before any transform runs, handed to each file's transform. The plan counts a call in a file outside
// the run as one it cannot remove. Files the plan changes join the run even when the text prefilter dropped
// them (a caller of a project class may name no library at all).
import * as path from 'node:path';
import type { TransformOptions } from '../../core/model';
import type { ProjectPass, RunFile } from '../../core/passes';
import { findTsconfig } from '../checker/typeFacts';
import { CloseAnalysis, closeClassLook, emptyPlan, mayDeclareCloseClass, rememberAnalysis } from './analyze';
import { readProjectFilesAhead } from './tsconfigFiles';
import { CLOSE_PREFILTER, declaresCloseClass } from './names';
import { localOnlyPlan, type FileClosePlan } from './plan';

export const CLOSE_PLAN = 'closePlan';

/** The run's plan for this file, when the runner made one. */
export function closePlanOf(options: TransformOptions): FileClosePlan | undefined {
  return options.facts?.[CLOSE_PLAN] as FileClosePlan | undefined;
}

export const closePlanPass: ProjectPass = {
  name: CLOSE_PLAN,
  // The plan finds its classes by name and checks its call sites against the text it was made from.
  boundToText: false,
  wanted: (ctx) => ctx.transforms.includes('remove-redundant-close'),
  readBy: ['remove-redundant-close'],
  // Its thread loads this module alone (babel and the catalogue; no transform, no jscodeshift).
  module: __filename,
  // Without a file at hand that declares a class with a close-like method or a disposer, there is no class
  // file to parse, no project to make (a file outside the run may still declare one; the plan is the same, only slower).
  weighs: declaresCloseClass,
  // The thread starts at such a file, while the runner reads on: its tsconfig's file list is read meanwhile,
  // which loads the compiler (~0.3 s, then off the plan's path).
  warmUp(first, ctx) {
    const tsconfig = ctx.project ? path.resolve(ctx.cwd, ctx.project) : findTsconfig(path.dirname(first));
    if (tsconfig) readProjectFilesAhead(tsconfig, ctx.listings);
  },
  run(files, dropped, ctx) {
    const all = [...files, ...dropped];
    const inRun = new Set(all.map((f) => f.abs));
    // Every file that runs gets the plan (an earlier transform may add the `using` this one looks for); a
    // dropped file only when its text may matter.
    const groups = new Map<string | null, RunFile[]>();
    for (const f of [...files, ...dropped.filter((d) => CLOSE_PREFILTER.test(d.text))]) {
      const tsconfig = ctx.project ? path.resolve(ctx.cwd, ctx.project) : findTsconfig(path.dirname(f.abs));
      const group = groups.get(tsconfig);
      if (group) group.push(f);
      else groups.set(tsconfig, [f]);
    }
    // The files under a folder, in the run's order: found among the files sorted by path (side by side there).
    const order = new Map(all.map((f, i) => [f, i]));
    const sorted = [...all].sort((a, b) => (a.abs < b.abs ? -1 : a.abs > b.abs ? 1 : 0));
    const under = (root: string): RunFile[] => {
      let lo = 0;
      for (let hi = sorted.length; lo < hi; ) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid].abs < root) lo = mid + 1;
        else hi = mid;
      }
      let end = lo;
      while (end < sorted.length && sorted[end].abs.startsWith(root)) end++;
      return sorted.slice(lo, end).sort((a, b) => order.get(a)! - order.get(b)!);
    };
    const facts = new Map<string, unknown>();
    const look = closeClassLook(ctx.listings);
    for (const [tsconfig, group] of groups) {
      let planOf: (f: RunFile) => FileClosePlan;
      if (!tsconfig) {
        const none = localOnlyPlan();
        planOf = () => none;
      } else {
        try {
          // Every file of the run under the tsconfig's directory is handed over: already read, never read again.
          const root = path.dirname(tsconfig) + path.sep;
          const given = under(root);
          let plan = emptyPlan(tsconfig);
          if (mayDeclareCloseClass(tsconfig, given, look)) {
            const analysis = new CloseAnalysis(tsconfig, given, ctx.listings);
            plan = analysis.plan((f) => inRun.has(f));
            // Kept only for a plan that removes something: a file an earlier transform changed has its call
            // sites found again on it. Otherwise its project (hundreds of MB on a large one) can go now.
            if (plan.decisions.some((d) => d.action === 'remove')) rememberAnalysis(analysis);
          }
          planOf = (f) => {
            const own = plan.files.get(f.abs);
            return { project: tsconfig, hash: own?.hash ?? null, calls: own?.calls ?? [], decisions: plan.decisions, resourceClasses: plan.resourceClasses };
          };
        } catch (e) {
          const failed = localOnlyPlan(`the project of ${path.basename(tsconfig)} could not be analysed (${e instanceof Error ? e.message : String(e)})`);
          planOf = () => failed;
        }
      }
      for (const f of group) facts.set(f.abs, planOf(f));
    }
    const join = dropped
      .filter((f) => {
        const plan = facts.get(f.abs) as FileClosePlan | undefined;
        if (!plan) return false;
        return (
          plan.calls.length > 0 ||
          plan.decisions.some((d) => d.file === f.abs) ||
          plan.resourceClasses.some((c) => new RegExp(`\\b${c.className.replace(/\$/g, '\\$')}\\b`).test(f.text))
        );
      })
      .map((f) => f.abs);
    return { facts, join, note: null };
  },
};
