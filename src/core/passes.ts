// Project passes: what the runner computes once per run, in the main thread, before any transform runs —
// analyse the files of the run (and what they import) into plain data, then hand each file its facts
// (Angular's migrations: analyze → merge → migrate). Transforms never go back to the other files themselves.
import type { Listings } from './listings';
import type { FileFacts } from './model';

/** A file of the run as a pass sees it. */
export interface RunFile {
  abs: string;
  rel: string;
  text: string;
}

export interface PassContext {
  cwd: string;
  /** `--project`, as given. */
  project?: string;
  /** The transforms that will run (a pass nobody reads is not run). */
  transforms: string[];
  /** Type-aware mode (`--no-types` turns it off). */
  types: boolean;
  /** The project index (`--no-index` turns it off). */
  index?: boolean;
  /**
   * The directories the run's discovery read, as it read them (core/listings.ts). A pass's thread gets them
   * with its start, as plain data.
   */
  listings?: Listings;
}

export interface PassOutput {
  /** Facts per file, by absolute path. */
  facts: Map<string, unknown>;
  /** Files the prefilter dropped that must be transformed after all (a caller of a project class). */
  join?: string[];
  /** One line for the run's summary: what the pass did, or why it could not. */
  note?: string | null;
}

export interface ProjectPass {
  /** The key of its facts in `FileFacts`. */
  name: string;
  /** Facts keyed by offsets into the text as read hold only until a transform changes the text. */
  boundToText: boolean;
  wanted(ctx: PassContext): boolean;
  /**
   * The only transforms that read its facts, when that is so. The transforms of the chain before the first
   * of them need not wait: the runner may run the pass beside them, in a thread of its own.
   */
  readBy?: string[];
  /**
   * The compiled module that exports the pass (its `__filename`): a thread of its own loads that module
   * alone instead of every frontend and transform (the close plan's thread saves ~0.1 s of loading).
   */
  module?: string;
  /**
   * Whether this text (of a file the pass will get, run or dropped) makes the pass slow enough to be worth a
   * thread of its own, when the pass can tell: the runner starts the thread at the first such text it reads;
   * with none, the pass runs in order, here (a thread's start costs the runner's reading more than it saves).
   */
  weighs?(text: string): boolean;
  /**
   * In the pass's own thread, right after it started (at the first text that `weighs`, `first` being its
   * file) and before its job comes: prepare what the job will most likely need, while the runner is still
   * reading. Nothing it does may change the output: the job must come to the same result without it.
   */
  warmUp?(first: string, ctx: Pick<PassContext, 'cwd' | 'project' | 'listings'>): void;
  /**
   * `files`: those that passed the prefilter; `dropped`: the others, which the pass may bring back. (The
   * project index relies on it: a JavaScript file the prefilter dropped calls nothing a library of the default
   * catalogue hands out.)
   */
  run(files: RunFile[], dropped: RunFile[], ctx: PassContext): PassOutput;
  /**
   * The same work in steps, when the pass can tell a file's facts are final before it is done: each file of
   * `files` with its facts as soon as they are, then the output `run` would return. The runner hands such a
   * file to the transforms while the pass goes on.
   */
  steps?(files: RunFile[], dropped: RunFile[], ctx: PassContext): Generator<[abs: string, facts: unknown], PassOutput>;
}

/** One file's facts from every pass's output (only the passes that had something for it). */
export function factsFor(abs: string, outputs: Map<string, PassOutput>): FileFacts | undefined {
  const facts: Record<string, unknown> = {};
  for (const [name, out] of outputs) {
    const f = out.facts.get(abs);
    if (f !== undefined) facts[name] = f;
  }
  return Object.keys(facts).length ? facts : undefined;
}
