import type { ReasonTable } from './reasons';

// The shapes shared by transforms, the runner and reports. The JSON report (README, "JSON schema") is built
// from these, so changing a field here changes a public contract.

/**
 * fixed: a leak the rewrite closes. modernized: code that already released on every path, restated because
 * `--modernize` asked for it. reported: left as it is, for a look by hand.
 */
export type Outcome = 'fixed' | 'modernized' | 'reported';

/** How a fixed lifecycle was rewritten. `null` on a report. */
export type Style = 'using' | 'with-session' | 'try-finally';

export interface Finding {
  transform: string;
  /** 1-based line and column of the acquire (or of what the finding is about). */
  line: number;
  column: number;
  library: string;
  /** The resource's name in the code (`client`) or, when it has none, the acquire expression. */
  resource: string;
  outcome: Outcome;
  style: Style | null;
  /** Stable id of the reason (a key of the transform's `meta.reasons`). */
  reasonId: string;
  /** The reason in plain words. */
  reason: string;
  /** For a fix: what was wrong before it, in plain words ("released only if nothing before release() throws"). */
  problem?: string;
}

export type AdapterKind = 'object' | 'stack';

/** `auto` picks per lifecycle: `using` where the file's toolchain takes it, else a native callback, else try/finally. */
export type StyleChoice = 'auto' | Style;

export interface TransformOptions {
  /** Analyse and report, never rewrite. */
  reportOnly?: boolean;
  /**
   * Also restate lifecycles that already release on every path (try/finally → `using` or a callback). Off by
   * default: leaks first, and code that is already safe stays byte-identical.
   */
  modernize?: boolean;
  /** Form of the disposer when the library has no native one. */
  adapter?: AdapterKind;
  /** Lifecycle style for the style-choosing transform (`leaks`); the named style transforms ignore it. */
  style?: StyleChoice;
  /** Module that call sites import `withSession` from, instead of a generated helper. */
  helperImport?: string;
  /** Where the generated `withSession` helper goes, relative to the package root. */
  helperPath?: string;
  /** `false` (`--no-prefilter`): parse every file, even one whose text cannot hold a lifecycle. */
  prefilter?: boolean;
  /**
   * What the project passes found for this file, by pass name (`types`: the checker's word on its calls,
   * `closePlan`: remove-redundant-close's project-wide plan, `python`: the Python project facts). Each pass
   * owns the type of its entry and gives a reader for it; a transform that finds none works from the file
   * alone (or makes the fact lazily, as the jscodeshift entry must).
   */
  facts?: FileFacts;
}

/** Plain, serialisable facts per pass name; see `TransformOptions.facts` and `src/core/passes.ts`. */
export type FileFacts = Readonly<Record<string, unknown>>;

export interface ExtraFile {
  /** Absolute path of a file the rewrite needs (a generated helper). Written only if absent. */
  path: string;
  source: string;
}

export interface TransformOutput {
  /** The new text, or `null` when the file is unchanged (the runner then never touches it). */
  source: string | null;
  findings: Finding[];
  /** Files the new text depends on, created alongside it (never overwriting an existing file). */
  extraFiles?: ExtraFile[];
}

export interface TransformMeta {
  name: string;
  description: string;
  /** reason id → its kind and words; every finding's reason comes from this table (and so do the docs). */
  reasons: ReasonTable;
}

/** A leakproof transform: pure function of (text, path, options). The jscodeshift wrapper calls the same. */
export interface LeakTransform {
  meta: TransformMeta;
  apply(source: string, path: string, options: TransformOptions): TransformOutput;
}
