// The name of the function a finding is in (`UserRepo.find`, `getUser.<callback of pool.query>`), for
// baseline keys: unlike a line number it survives code being added above it.
import type { Finding } from '../core/model';
import { parserFor } from '../js/syntax/parse';
import type { parsePython as ParsePython } from '../python/parse/tree';
import { isPythonFile } from './suppressions';
import { LineIndex } from './replacement';

/** The Python parser (tree-sitter, a native module) loads with the first Python file. */
const parsePython: typeof ParsePython = (text) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('../python/parse/tree') as typeof import('../python/parse/tree')).parsePython(text);

export const MODULE_SCOPE = '<module>';

/** One name per finding, in order. A text that does not parse gives `<module>` for every finding. */
export function enclosingNames(text: string, file: string, findings: Pick<Finding, 'line' | 'column'>[]): string[] {
  if (findings.length === 0) return [];
  const body = text.replace(/^\uFEFF/, '');
  const index = new LineIndex(body);
  const offsets = findings.map((f) => index.offset(f.line, f.column));
  try {
    return isPythonFile(file) ? pythonNames(body, offsets) : jsNames(body, file, offsets);
  } catch {
    return findings.map(() => MODULE_SCOPE);
  }
}

const join = (parts: string[]) => (parts.length === 0 ? MODULE_SCOPE : parts.join('.'));

// ---- JavaScript / TypeScript (Babel's AST, the parser the transforms use) ----------------------------------

interface BNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const SKIP = new Set(['loc', 'leadingComments', 'trailingComments', 'innerComments', 'extra', 'tokens', 'comments', 'typeAnnotation', 'returnType', 'typeParameters']);
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassMethod', 'ClassPrivateMethod', 'ObjectMethod']);
const CLASSES = new Set(['ClassDeclaration', 'ClassExpression']);

function isNode(v: unknown): v is BNode {
  return typeof v === 'object' && v !== null && typeof (v as BNode).type === 'string' && typeof (v as BNode).start === 'number';
}

function jsNames(text: string, file: string, offsets: number[]): string[] {
  const ast = parserFor(file).parse(text) as BNode;
  const src = (n: BNode) => text.slice(n.start, n.end);
  const keyName = (key: unknown, computed: unknown): string => {
    if (!isNode(key)) return '<anonymous>';
    if (key.type === 'Identifier') return computed ? `[${key.name as string}]` : (key.name as string);
    if (key.type === 'PrivateName' && isNode(key.id)) return `#${key.id.name as string}`;
    if (key.type === 'StringLiteral' || key.type === 'NumericLiteral') return String(key.value);
    return `[${shorten(src(key))}]`;
  };
  /** What a function or class is called, from itself or from where it sits. */
  const nameOf = (n: BNode, parent: BNode | null): string => {
    if (n.type === 'ClassMethod' || n.type === 'ClassPrivateMethod' || n.type === 'ObjectMethod') return keyName(n.key, n.computed);
    if (isNode(n.id) && n.id.type === 'Identifier') return n.id.name as string;
    if (!parent) return '<anonymous>';
    switch (parent.type) {
      case 'VariableDeclarator':
        return isNode(parent.id) ? shorten(src(parent.id)) : '<anonymous>';
      case 'AssignmentExpression':
        return isNode(parent.left) ? shorten(src(parent.left)) : '<anonymous>';
      case 'ObjectProperty':
      case 'ClassProperty':
      case 'ClassPrivateProperty':
      case 'ClassAccessorProperty':
        return keyName(parent.key, parent.computed);
      case 'CallExpression':
      case 'NewExpression':
      case 'OptionalCallExpression':
        if (parent.callee === n) return '<iife>';
        return isNode(parent.callee) ? `<callback of ${shorten(src(parent.callee))}${title(parent)}>` : '<callback>';
      case 'ExportDefaultDeclaration':
        return 'default';
      default:
        return '<anonymous>';
    }
  };
  return offsets.map((offset) => {
    const parts: string[] = [];
    let node: BNode = ast;
    let parent: BNode | null = null;
    for (;;) {
      if (FUNCTIONS.has(node.type) || CLASSES.has(node.type)) parts.push(nameOf(node, parent));
      const next = childAt(node, offset);
      if (!next) break;
      parent = node;
      node = next;
    }
    return join(parts);
  });
}

/** A call's first argument when it is a plain string (`it('closes the cursor', …)`): tells test callbacks apart. */
function title(call: BNode): string {
  const first = Array.isArray(call.arguments) ? (call.arguments[0] as unknown) : undefined;
  if (!isNode(first)) return '';
  if (first.type === 'StringLiteral') return ` ${JSON.stringify(shorten(String(first.value)))}`;
  const quasis = first.quasis as { value: { cooked: string } }[] | undefined;
  if (first.type === 'TemplateLiteral' && quasis?.length === 1) return ` ${JSON.stringify(shorten(quasis[0].value.cooked))}`;
  return '';
}

/** The child node whose range holds the offset. */
function childAt(node: BNode, offset: number): BNode | null {
  for (const key of Object.keys(node)) {
    if (SKIP.has(key)) continue;
    const value = node[key];
    const list = Array.isArray(value) ? value : [value];
    for (const v of list) {
      if (isNode(v) && v.start <= offset && offset < v.end) return v;
    }
  }
  return null;
}

function shorten(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}

// ---- Python (tree-sitter through the Python frontend's parser) ---------------------------------------------

function pythonNames(text: string, offsets: number[]): string[] {
  const root = parsePython(text).root;
  const scopes = root.findAll(['function_definition', 'class_definition', 'lambda']);
  return offsets.map((offset) => {
    const parts = scopes
      .filter((s) => s.start <= offset && offset < s.end)
      .sort((a, b) => a.start - b.start)
      .map((s) => (s.kind === 'lambda' ? '<lambda>' : (s.field('name')?.text ?? '<anonymous>')));
    return join(parts);
  });
}
