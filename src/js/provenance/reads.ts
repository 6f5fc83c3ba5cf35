// What the evaluators of one run share, so no file is parsed twice and no export evaluated twice.
import * as fs from 'node:fs';
import type { Path } from '../analysis/ast';
import { parseForAnalysis } from '../syntax/analysisTree';
import type { Value } from './values';

/**
 * Parsed files and evaluated exports shared by the evaluators of one run; `follow`, when given, says which
 * project modules can hold a resource at all (the index's test): the others are never read, and their
 * names have no resource value.
 */
export interface SharedReads {
  files: Map<string, Path | null>;
  exports: Map<string, Value | null>;
  follow?: (file: string) => boolean;
  /** How a file is parsed (default: the analysis tree, whose locations findings may quote). */
  parse?: (file: string, text: string) => Path;
}

/** The file each shared tree was read from: an evaluator asks a tree's own file about its names. */
export const fileOfTree = new WeakMap<object, string>();

/**
 * The tree of `file`, parsed once for every reader of `shared` (null when it cannot be read or parsed).
 * `text` is the file's text when the caller has it already (the runner's copy of a file of the run).
 */
export function sharedTree(shared: SharedReads, file: string, text?: string): Path | null {
  if (shared.files.has(file)) return shared.files.get(file) ?? null;
  let root: Path | null = null;
  try {
    root = (shared.parse ?? parseForAnalysis)(file, (text ?? fs.readFileSync(file, 'utf8')).replace(/^\uFEFF/, ''));
    fileOfTree.set(root.node, file);
  } catch {
    root = null;
  }
  shared.files.set(file, root);
  return root;
}
