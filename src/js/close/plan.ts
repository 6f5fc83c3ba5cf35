// The project-wide plan of remove-redundant-close, as plain data: made once per run with ts-morph (in the
// runner's main thread, or lazily per tsconfig when the transform runs on its own) and handed to the
// per-file transform, possibly in a worker thread. Classes are named (file + class name), so a decision
// still finds its class after an earlier transform changed the text; call sites are offsets into the text
// the plan was made from, valid only while that text is unchanged (`hash`).
import type { CloseReasonId } from './reasons';

/** A class of the project, found again by its file and name. */
export interface ClassRef {
  /** Absolute path of the file that declares the class. */
  file: string;
  className: string;
}

/** Case 1: `method` only releases fields that no longer hold anything; it goes with them and its calls. */
export interface RemoveDecision extends ClassRef {
  action: 'remove';
  method: string;
  /** The dead fields the method released or reset (`client`, `#session`). */
  fields: string[];
  /** The calls removed across the project, in words ("2 calls in 2 files"). */
  calls: string;
  library: string;
}

/** Case 2: the class owns a long-lived resource; it gets `[Symbol.asyncDispose]` (or `[Symbol.dispose]`) calling `method`. */
export interface DisposeDecision extends ClassRef {
  action: 'dispose';
  method: string;
  dispose: 'async' | 'sync';
  /** The field holding the resource, its noun and library, for the finding. */
  field: string;
  noun: string;
  library: string;
}

/** A close-like method that could have gone (or a class that could have become disposable) but stays, with why. */
export interface KeepDecision extends ClassRef {
  action: 'keep';
  method: string;
  reasonId: CloseReasonId;
  values: Record<string, string>;
  library: string;
}

export type ClassDecision = RemoveDecision | DisposeDecision | KeepDecision;

/**
 * A project class whose instances release their resource through `releases` — and, when `dispose` is set,
 * dispose themselves (already, or once this run adds the disposer). Callers' `const x = new C(); …
 * x.close()` lifecycles and double releases after `using x = new C()` are found through these.
 */
export interface ResourceClass extends ClassRef {
  /** Names the class is exported under by its file (`default` for a default export). */
  exports: string[];
  /** Static methods that return an instance (`Database.connect()`). */
  statics: string[];
  /** Methods that release the instance (the close-like method the disposer calls). */
  releases: string[];
  /** The release returns a promise (`await db.close()`). */
  releaseAsync: boolean;
  /** `null`: the class has no disposer and gets none (its callers get an adapter or try/finally). */
  dispose: 'async' | 'sync' | null;
}

/** A call statement (or an arrow function's expression body) to remove: the method it calls is gone. */
export interface CallSite {
  /** Where the call expression starts: 1-based line, 0-based column (line endings make offsets differ between parsers). */
  line: number;
  column: number;
  /** The call (possibly awaited or `void`) is a statement of its own, or the whole body of an arrow function. */
  form: 'statement' | 'arrow-body';
  className: string;
  method: string;
}

export interface FileClosePlan {
  /** The tsconfig.json the plan was made with; `null` when there was none: only double releases are fixed then. */
  project: string | null;
  /**
   * When `project` is null and something prevented a plan the user asked for (jscodeshift flags, a tsconfig
   * that cannot be read): why, reported at each class that was not analysed. Absent for a package without a
   * tsconfig.json, which simply gets the local fixes.
   */
  why?: string;
  /** sha1 of the text the plan was made from (BOM off); `null` when the file was not part of it, or the plan removes nothing. */
  hash: string | null;
  /** Calls of removed methods in this file. */
  calls: CallSite[];
  /** Every class decision of the project (a file needs the ones about its own classes and the removed methods). */
  decisions: ClassDecision[];
  resourceClasses: ResourceClass[];
}

/** A plan that can do only what needs no other file (double releases after `using`). */
export function localOnlyPlan(why?: string): FileClosePlan {
  return { project: null, ...(why ? { why } : {}), hash: null, calls: [], decisions: [], resourceClasses: [] };
}
