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
}

export interface PythonSourceFile {
  path: string;
  text: string;
}

const EMPTY: PythonFileFacts = { externals: new Map(), resourceClasses: new Map(), mentions: [] };

/** The facts of one file seen alone (no other module of the project is known). */
export function factsForFile(path: string, text: string): PythonFileFacts {
  void path;
  void text;
  return EMPTY;
}

/** The facts of every file of a project, keyed by path. */
export function planPythonProject(files: PythonSourceFile[]): Map<string, PythonFileFacts> {
  return new Map(files.map((f) => [f.path, factsForFile(f.path, f.text)]));
}
