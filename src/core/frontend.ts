// The language seam: everything the runner, the CLI, config and doctor need from a language. They know no
// language themselves; a file goes to the frontend that claims its extension.
import type { LeakTransform } from './model';
import type { ProjectPass } from './passes';
import type { TextTest } from './regex';

export interface DoctorSection {
  title: string;
  /** `label: value` lines. */
  lines: [string, string][];
}

export interface Frontend {
  language: string;
  /** Lower-case, with the leading dot. */
  extensions: string[];
  /**
   * The text test a file must pass to be parsed at all (`--no-prefilter` skips it). `extraNames`: acquire
   * names a package's leakproof.config.json adds.
   */
  prefilter(extraNames: string[]): RegExp;
  /**
   * A sharper test for the runner: a file that passes `prefilter` but not this one is dropped, and handed to
   * the project passes, which bring it back when they can tell it holds something (the checker, the index).
   */
  firstLook?(extraNames: string[]): TextTest;
  /** The transforms, under the shared names (`lifecycles`, `pool-lifecycle`, `remove-redundant-close`, …). */
  transforms: LeakTransform[];
  /**
   * Throws the parser's error when `source` does not parse as a file at `file`: the runner asks it of every
   * text a transform made, so a rewrite that would not parse is never written or shown as a fix.
   */
  checkParses(source: string, file: string): void;
  /** Project passes the runner runs before this language's transforms. */
  passes: ProjectPass[];
  /** Files whose presence makes a directory a package root (config is looked for there). */
  rootMarkers: string[];
  /** doctor: what decides the rewrites for the package at `dir`. */
  doctor?(dir: string): DoctorSection[];
}
