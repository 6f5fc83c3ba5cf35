// The Python project pass: the modules of the run read together (imports between them, resource classes,
// request boundaries, the SQLAlchemy version the project pins), facts handed to each file's transforms.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TransformOptions } from '../../core/model';
import type { ProjectPass } from '../../core/passes';
import { planPythonProject, type PythonFileFacts } from './plan';
import { isDependencyFile } from './versions';

export const PYTHON_FACTS = 'python';

/** The project facts for this file, when the runner made them. */
export function pythonFactsOf(options: TransformOptions): PythonFileFacts | undefined {
  return options.facts?.[PYTHON_FACTS] as PythonFileFacts | undefined;
}

/** Dependency files in the directories of the run's modules and their parents, up to the run's root. */
function dependencyFiles(modules: string[], cwd: string): { path: string; text: string }[] {
  const dirs = new Set<string>();
  for (const m of modules) {
    for (let d = path.dirname(m); ; d = path.dirname(d)) {
      dirs.add(d);
      if (d === cwd || d === path.dirname(d) || !d.startsWith(cwd)) break;
    }
  }
  const out: { path: string; text: string }[] = [];
  for (const d of dirs) {
    let names: string[];
    try {
      names = fs.readdirSync(d);
    } catch {
      continue;
    }
    for (const n of names) {
      if (!isDependencyFile(path.join(d, n))) continue;
      try {
        out.push({ path: path.join(d, n), text: fs.readFileSync(path.join(d, n), 'utf8') });
      } catch {
        // unreadable: no evidence
      }
    }
  }
  return out;
}

export const pythonProjectPass: ProjectPass = {
  name: PYTHON_FACTS,
  // Facts name modules, classes and names, not offsets.
  boundToText: false,
  wanted: () => true,
  run(files, dropped, ctx) {
    const modules = [...files, ...dropped];
    const facts = new Map<string, unknown>();
    if (files.length === 0) return { facts, note: null };
    const plan = planPythonProject([...modules.map((f) => ({ path: f.abs, text: f.text })), ...dependencyFiles(modules.map((f) => f.abs), path.resolve(ctx.cwd))]);
    for (const f of modules) {
      const own = plan.get(f.abs);
      if (own) facts.set(f.abs, own);
    }
    // A module the prefilter dropped that the project facts make worth reading (it names a project
    // factory or resource class) joins the run.
    const join = dropped.filter((f) => (plan.get(f.abs)?.mentions ?? []).some((m) => f.text.includes(m))).map((f) => f.abs);
    return { facts, join, note: null };
  },
};
