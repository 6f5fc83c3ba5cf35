// The Python frontend behind the language seam: what the runner needs to run leakproof on `.py` files.
// The transform names are the JavaScript ones, so the CLI's default chain (lifecycles, pool-lifecycle,
// remove-redundant-close) runs on both languages.
import type { LeakTransform } from '../core/model';
import { pyLifecycles } from './transforms/lifecycles';
import { pyPoolLifecycle } from './transforms/pool';
import { pyRemoveRedundantClose } from './transforms/close';

export { planPythonProject, factsForFile } from './project/plan';
export type { PythonFileFacts, PythonSourceFile } from './project/plan';
export type { PythonTransformOptions } from './transforms/run';
export { PythonSyntaxError } from './parse/tree';

export interface LanguageFrontend {
  language: string;
  extensions: string[];
  /** A file whose text does not match cannot hold anything the transforms look for (`--no-prefilter` ignores it). */
  prefilter: RegExp;
  transforms: LeakTransform[];
}

export const pythonFrontend: LanguageFrontend = {
  language: 'python',
  extensions: ['.py'],
  prefilter: /\b(sqlalchemy|sqlmodel|psycopg2?|sqlite3|pymysql|MySQLdb|flask|flask_sqlalchemy)\b|\.(close|dispose|remove)\(|[Ss]ession/,
  transforms: [pyLifecycles, pyPoolLifecycle, pyRemoveRedundantClose],
};
