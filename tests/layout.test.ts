// The layout rules of the restructuring (issue 14): no source file over 500 lines, and no import loop between
// folders of src/ (a folder may import a folder that never imports it back, directly or through others).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Folder → folders it imports (relative imports only), from the import and export statements of its files. */
function folderGraph(files: string[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = path.relative(SRC, path.dirname(file)) || '.';
    if (!graph.has(from)) graph.set(from, new Set());
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\b(?!\s+type\b)[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
      const abs = path.resolve(path.dirname(file), m[1]);
      const isDir = fs.existsSync(abs) && fs.statSync(abs).isDirectory();
      const target = path.relative(SRC, isDir ? abs : path.dirname(abs)) || '.';
      if (target !== from && !target.startsWith('..')) graph.get(from)!.add(target);
    }
  }
  return graph;
}

function cycles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): void => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      if (state.get(m) === 'open') found.push([...stack.slice(stack.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return found;
}

describe('source layout', () => {
  const files = sources(SRC);

  it('has no source file over 500 lines', () => {
    const long = files.map((f) => [path.relative(SRC, f), fs.readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > 500);
    expect(long).toEqual([]);
  });

  it('has no import loop between folders', () => {
    expect(cycles(folderGraph(files)).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('sees the folder imports it checks (the check can fail)', () => {
    const graph = folderGraph(files);
    expect(graph.get('cli')?.size).toBeGreaterThan(0);
    expect(graph.get('js/lifecycles')).toContain('js/analysis/lifecycles');
    expect(cycles(new Map([['a', new Set(['b'])], ['b', new Set(['a'])]]))).toEqual([['a', 'b', 'a']]);
  });
});
