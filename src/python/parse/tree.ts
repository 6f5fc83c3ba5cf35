// Python syntax trees from tree-sitter's Python grammar, through @ast-grep/napi (prebuilt native parser,
// synchronous API — a transform's `apply` is synchronous, which web-tree-sitter's async wasm loading is not).
//
// Crossing into the native side costs a few microseconds per node, so the tree is mirrored lazily: a
// node's children are fetched when first asked for. Analyses look at the few functions a file's text
// says may hold a resource; the rest of the tree is never materialised.
import { parse, registerDynamicLanguage, type SgNode } from '@ast-grep/napi';

let registered = false;

function ensurePython(): void {
  if (registered) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const python = require('@ast-grep/lang-python') as Parameters<typeof registerDynamicLanguage>[0][string];
  registerDynamicLanguage({ python });
  registered = true;
}

/** A syntax error, shaped like the JS parsers' (`loc.line` 1-based, `loc.column` 0-based) so the runner reports it. */
export class PythonSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly loc: { line: number; column: number },
  ) {
    super(`${message} (${loc.line}:${loc.column})`);
  }
}

export class PyNode {
  readonly kind: string;
  readonly start: number;
  readonly end: number;
  /** 0-based line of the first character. */
  readonly line: number;
  readonly column: number;
  private kids: PyNode[] | null = null;
  private namedFlag: boolean | null = null;

  constructor(
    private readonly sg: SgNode,
    readonly parent: PyNode | null,
    private readonly source: string,
  ) {
    this.kind = String(sg.kind());
    const r = sg.range();
    this.start = r.start.index;
    this.end = r.end.index;
    this.line = r.start.line;
    this.column = r.start.column;
  }

  /** All children, keywords and punctuation included. */
  get children(): PyNode[] {
    if (!this.kids) this.kids = this.sg.children().map((c) => new PyNode(c, this, this.source));
    return this.kids;
  }

  /** Children that are not punctuation or keywords (comments included). */
  get named(): PyNode[] {
    return this.children.filter((c) => c.isNamed);
  }

  get isNamed(): boolean {
    if (this.namedFlag === null) this.namedFlag = this.sg.isNamed();
    return this.namedFlag;
  }

  get text(): string {
    return this.source.slice(this.start, this.end);
  }

  private fields: Map<string, PyNode | null> | null = null;

  /** The child in grammar field `name` (`function`, `arguments`, `left`, `right`, `body`, `name`, …). */
  field(name: string): PyNode | null {
    this.fields ??= new Map();
    const known = this.fields.get(name);
    if (known !== undefined) return known;
    const f = this.sg.field(name as never) as SgNode | null;
    let found: PyNode | null = null;
    if (f) {
      const start = f.range().start.index;
      const kind = String(f.kind());
      found = this.children.find((c) => c.start === start && c.kind === kind) ?? null;
    }
    this.fields.set(name, found);
    return found;
  }

  /** Every child in field `name` (a with_clause's items, a call's arguments are not fields). */
  fieldAll(name: string): PyNode[] {
    const fs = this.sg.fieldChildren(name as never) as SgNode[];
    return fs.map((f) => {
      const start = f.range().start.index;
      const kind = String(f.kind());
      return this.children.find((c) => c.start === start && c.kind === kind)!;
    });
  }

  /** Descendants of the given kinds, in source order, found natively (cheap) and mirrored on demand. */
  findAll(kinds: string[]): PyNode[] {
    const found = this.sg.findAll({ rule: { any: kinds.map((kind) => ({ kind })) } });
    return found.map((f) => this.locate(f.range().start.index, f.range().end.index, String(f.kind()))).filter((n): n is PyNode => n !== null);
  }

  /** The mirrored descendant with exactly this range and kind. */
  locate(start: number, end: number, kind: string): PyNode | null {
    let node: PyNode = this;
    for (;;) {
      if (node.start === start && node.end === end && node.kind === kind) return node;
      const next: PyNode | undefined = node.children.find((c) => c.start <= start && c.end >= end && (c.start < c.end || start === end));
      if (!next) return null;
      node = next;
    }
  }

  /** Whether the subtree holds an identifier spelled `name` (found natively; comments and strings do not count). */
  hasIdentifier(name: string): boolean {
    return this.sg.find({ rule: { kind: 'identifier', regex: `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` } }) !== null;
  }

  ancestors(): PyNode[] {
    const out: PyNode[] = [];
    for (let p = this.parent; p; p = p.parent) out.push(p);
    return out;
  }

  /** Walks the subtree depth-first; `visit` returning false skips a node's children. */
  walk(visit: (n: PyNode) => boolean | void): void {
    const stack: PyNode[] = [this];
    while (stack.length) {
      const n = stack.pop()!;
      if (visit(n) === false) continue;
      const kids = n.children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }

  contains(other: PyNode): boolean {
    return this.start <= other.start && other.end <= this.end;
  }
}

export interface PyTree {
  root: PyNode;
  text: string;
}

// Trees are immutable for a given text, and the project pass and each transform of a chain parse the same
// texts: the last few trees are kept (with whatever of them has been mirrored already).
const recent = new Map<string, PyTree>();
const RECENT = 64;

export function parsePython(text: string): PyTree {
  const cached = recent.get(text);
  if (cached) {
    recent.delete(text);
    recent.set(text, cached);
    return cached;
  }
  const tree = parseAnew(text);
  recent.set(text, tree);
  if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
  return tree;
}

function parseAnew(text: string): PyTree {
  ensurePython();
  const sgRoot = parse('python', text).root();
  // tree-sitter recovers from errors; leakproof must not rewrite a file Python itself would reject. An
  // ERROR node or a zero-width token (a MISSING one the parser made up) means the file does not parse.
  const bad = sgRoot.find({ rule: { any: [{ kind: 'ERROR' }, { all: [{ regex: '^$' }, { not: { kind: 'module' } }] }] } });
  if (bad) {
    const pos = bad.range().start;
    const what = bad.kind() === 'ERROR' ? 'invalid syntax' : `expected '${bad.kind()}'`;
    throw new PythonSyntaxError(`Python: ${what}`, { line: pos.line + 1, column: pos.column });
  }
  return { root: new PyNode(sgRoot, null, text), text };
}
