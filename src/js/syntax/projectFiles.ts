// Project files parsed for a look at what they export (provenance follows `import { pool } from './db'`):
// parsed once per run and thread instead of once per importing file, into analysis trees (analysisTree.ts:
// babel's tree with recast's locations; these trees are only read, never printed or edited). Provenance
// asks `has(file)` before it would parse a file itself: the cache parses it then, the cheaper way, so
// `get(file)` has it. The cache keeps a bounded amount of source (an analysis tree takes ~25 bytes of heap
// per byte of source): between two files the least recently used trees go; within a file nothing goes, so a
// tree read twice while transforming one file is the same object, as with a cache of its own.
import * as fs from 'node:fs';
import { runScoped } from '../../core/runScope';
import type { Path } from '../analysis/ast';
import { parseForAnalysis } from './analysisTree';

const MAX_SOURCE_BYTES = 3_000_000;

/** A Map of parsed files that parses a file on `has`, and forgets the least recently used over budget on `settle()`. */
export class ParsedFileCache extends Map<string, Path | null> {
  private bytes = 0;

  constructor(private readonly budget = MAX_SOURCE_BYTES) {
    super();
  }

  /** Always true: a file not yet here is parsed now (`null` when it cannot be read or parsed). */
  override has(file: string): boolean {
    if (!super.has(file)) this.set(file, load(file));
    return true;
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

function load(file: string): Path | null {
  try {
    return parseForAnalysis(file, fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    return null;
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
