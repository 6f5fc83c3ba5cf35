// The Python frontend behind the language seam: what the runner needs to run leakproof on `.py` files.
// The transform names are the JavaScript ones, so the CLI's default chain (lifecycles, pool-lifecycle,
// remove-redundant-close) runs on both languages.
import type { Frontend } from '../core/frontend';
import { pythonProjectPass } from './project/pass';
import { PYTHON_EXTENSIONS } from './parse/extensions';
import { pyLifecycles } from './transforms/lifecycles';
import { pyPoolLifecycle } from './transforms/pool';
import { pyRemoveRedundantClose } from './transforms/close';
import { parsePython } from './parse/tree';

export { planPythonProject, factsForFile } from './project/plan';
export type { PythonFileFacts, PythonSourceFile } from './project/plan';
export type { PythonTransformOptions } from './transforms/run';
export { PythonSyntaxError } from './parse/tree';

/** A file whose text does not match cannot hold anything the transforms look for. */
const PREFILTER = /\b(sqlalchemy|sqlmodel|psycopg2?|sqlite3|pymysql|MySQLdb|flask|flask_sqlalchemy)\b|\.(close|dispose|remove)\(|[Ss]ession/;

export const pythonFrontend: Frontend = {
  language: 'python',
  extensions: PYTHON_EXTENSIONS,
  prefilter: () => PREFILTER,
  transforms: [pyLifecycles, pyPoolLifecycle, pyRemoveRedundantClose],
  checkParses: (source) => void parsePython(source),
  passes: [pythonProjectPass],
  rootMarkers: ['pyproject.toml', 'setup.py', 'setup.cfg'],
};
