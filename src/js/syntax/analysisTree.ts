// A tree to analyse, not to print. recast's parse copies babel's whole tree (so a printer can compare edits
// with the original), gathers tokens and attaches comments: most of its cost, and none of it is read until
// something is printed. This tree is babel's own, with the locations recast would give it (tabs expanded
// the way recast expands them, recast's location fixes applied in recast's order), so every line, column
// and offset the analysis reads is the one it reads on recast's tree. A transform analyses here and parses
// with recast only a file it will rewrite. The tree is never edited: within a run, the transforms of one
// chain share it while the text stays the same.
import type { JSCodeshift } from 'jscodeshift';
import { runScoped } from '../../core/runScope';
import type { Node, Path } from '../analysis/ast';
import { parseModuleOrScript, parserOptionsFor } from './parse';

interface Recast {
  jscodeshift: JSCodeshift;
  lines: { fromString(s: string, o: object): RecastLines };
  util: {
    fixFaultyLocations(node: Node, lines: RecastLines): void;
    getTrueLoc(node: Node, lines: RecastLines): { start: unknown; end: unknown } | null;
  };
  options: { normalize(o: object): { tabWidth: number } };
}
let loaded: Recast | null = null;
/**
 * jscodeshift (for its paths) and recast's own line model and location fixes (the same code its parse
 * runs), loaded with the first tree: a thread that parses no file (the close plan's) never loads them.
 */
function recast(): Recast {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return (loaded ??= {
    jscodeshift: require('jscodeshift') as JSCodeshift,
    lines: require('recast/lib/lines') as Recast['lines'],
    util: require('recast/lib/util') as Recast['util'],
    options: require('recast/lib/options') as Recast['options'],
  });
  /* eslint-enable @typescript-eslint/no-require-imports */
}

interface RecastLines {
  toString(o: object): string;
}

/** A fresh analysis tree of `body` (the text without its BOM), or the parser's error thrown as recast's parse would throw it. */
export function parseForAnalysis(file: string, body: string): Path {
  const { jscodeshift, lines: recastLines, util: recastUtil, options: recastOptions } = recast();
  const options = recastOptions.normalize({});
  const lines = recastLines.fromString(body, options);
  const withoutTabs = lines.toString({ tabWidth: options.tabWidth, reuseWhitespace: false, useTabs: false });
  const ast = parseModuleOrScript(withoutTabs, parserOptionsFor(file, { tokens: false })) as unknown as Node;
  const comments: Node[] = Array.isArray(ast.comments) ? ast.comments : [];
  delete ast.comments;
  recastUtil.fixFaultyLocations(ast, lines);
  const program = ast.program;
  const trueLoc = recastUtil.getTrueLoc({ type: program.type, loc: program.loc, body: [], comments } as Node, lines);
  if (trueLoc) {
    program.loc.start = trueLoc.start;
    program.loc.end = trueLoc.end;
  }
  fixAll(ast, lines);
  return jscodeshift(ast as never).paths()[0] as Path;
}

/**
 * A tree to read values from, never to report at: babel's locations as they are (no tab expansion, none of
 * recast's fixes), a third cheaper on a large file. For the project index, whose facts hold names, not places.
 */
export function parseForValues(file: string, body: string): Path {
  // (Nothing here reads a comment: none is attached to a node, a third less of the parse on commented code.)
  const ast = parseModuleOrScript(body, parserOptionsFor(file, { tokens: false, attachComment: false })) as unknown as Node;
  delete ast.comments;
  return recast().jscodeshift(ast as never).paths()[0] as Path;
}

/** recast's copy fixes each node's location before its children's, in key order, each node once. */
function fixAll(root: Node, lines: RecastLines): void {
  const { fixFaultyLocations } = recast().util;
  const seen = new Set<object>();
  const visit = (node: Node): void => {
    if (Array.isArray(node)) {
      for (const item of node) if (item && typeof item === 'object') visit(item);
      return;
    }
    if (seen.has(node)) return;
    seen.add(node);
    if (mayNeedFix(node)) fixFaultyLocations(node, lines);
    for (const key of Object.keys(node)) {
      if (key === 'loc') continue;
      const v = node[key];
      if (v && typeof v === 'object') visit(v);
    }
  };
  visit(root);
}

// The node types recast's fix looks at by type (ast-types' Property and MethodDefinition have no subtypes).
const FIXED_TYPES = new Set(['File', 'ForStatement', 'TemplateLiteral', 'ObjectTypeProperty', 'MethodDefinition', 'Property']);

/** Would `fixFaultyLocations` change anything here? Its every branch asks one of these first. */
function mayNeedFix(node: Node): boolean {
  const loc = node.loc;
  return (loc && (loc.start.line < 1 || loc.end.line < 1)) || !!node.decorators || !!node.declaration || FIXED_TYPES.has(node.type);
}

/** The analysis tree of this text of `file`: shared within a run while the text is the same, fresh outside one. */
export function analysisTree(file: string, body: string): Path {
  const cache = runScoped('js.analysisTrees', () => new Map<string, { body: string; root: Path }>());
  const hit = cache.get(file);
  if (hit && hit.body === body) return hit.root;
  const root = parseForAnalysis(file, body);
  // One text per file: the chain hands the next transform either this text or a new one.
  cache.clear();
  cache.set(file, { body, root });
  return root;
}
