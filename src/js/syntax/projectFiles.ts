// Project files parsed for a look at what they export (provenance follows `import { pool } from './db'`):
// parsed once per run and thread instead of once per importing file. Trees are only read, never edited.
// The cache keeps a bounded amount of source (a recast tree takes ~65 bytes of heap per byte of source):
// between two files the least recently used trees go; within a file nothing goes, so a tree read twice
// while transforming one file is the same object, as with a cache of its own.
import { runScoped } from '../../core/runScope';
import type { Path } from '../analysis/ast';

const MAX_SOURCE_BYTES = 3_000_000;

/** A Map whose least recently used entries go when `settle()` finds their source over the budget. */
export class ParsedFileCache extends Map<string, Path | null> {
  private bytes = 0;

  constructor(private readonly budget = MAX_SOURCE_BYTES) {
    super();
  }

  override get(file: string): Path | null | undefined {
    if (!super.has(file)) return undefined;
    const root = super.get(file)!;
    // Most recently used last: iteration order is the eviction order.
    super.delete(file);
    super.set(file, root);
    return root;
  }

  override set(file: string, root: Path | null): this {
    this.delete(file);
    this.bytes += sizeOf(root);
    return super.set(file, root);
  }

  override delete(file: string): boolean {
    if (!super.has(file)) return false;
    this.bytes -= sizeOf(super.get(file)!);
    return super.delete(file);
  }

  override clear(): void {
    this.bytes = 0;
    super.clear();
  }

  settle(): void {
    for (const file of super.keys()) {
      if (this.bytes <= this.budget) break;
      this.delete(file);
    }
  }
}

function sizeOf(root: Path | null): number {
  const end = root?.node?.end;
  return typeof end === 'number' ? end : 0;
}

/** The run's cache of parsed project files (a fresh one, private to the caller, outside a run). */
export function projectFileCache(): Map<string, Path | null> {
  return runScoped('js.parsedProjectFiles', () => new ParsedFileCache());
}
