// What the evaluators of one run share, so no file is parsed twice and no export evaluated twice.
import type { Path } from '../analysis/ast';
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
