// Which pool is this? Provenance says a receiver is a pg Pool; the origin says which one and how long it
// lives: a module-level binding (here or in a project module), a class field, an injected parameter, or a
// pool made inside the function itself. Two teardowns of the same pool share a key, across files.
import * as fs from 'node:fs';
import { findPaths } from '../syntax/find';
import * as path from 'node:path';
import { parseForAnalysis } from '../syntax/analysisTree';
import { resolveLocalModule } from '../provenance/resolve';
import { bindingOwnerPath, enclosingFunction, isFunction, patternNames, walk, type Node, type Path } from '../analysis/ast';

export type PoolOrigin =
  /** A module-level binding of `file` (this file or, when imported, the project module that makes it). */
  | { scope: 'module'; key: string; name: string; file: string; at: Node; imported: Node | null; exported: boolean; reassigned: boolean }
  /** `this.pool` of a class, set once in its declaration or constructor. */
  | { scope: 'field'; key: string; name: string; at: Node; injected: boolean; reassigned: boolean }
  /** A function parameter: the caller owns it. */
  | { scope: 'param'; name: string }
  /** Made by an enclosing function's own code; `fn` is that function. */
  | { scope: 'local'; key: string; name: string; at: Node; fn: Node }
  | { scope: 'unknown'; why: string };

export interface LoadedFile {
  root: Path;
  source: string;
}

const fileCache = new Map<string, { mtimeMs: number; size: number; loaded: LoadedFile | null }>();

/** A project file parsed once per process (per version on disk). */
export function loadFile(file: string): LoadedFile | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  const cached = fileCache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.loaded;
  let loaded: LoadedFile | null = null;
  try {
    const source = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    // Only read, never printed: an analysis tree is enough.
    loaded = { root: parseForAnalysis(file, source), source };
  } catch {
    loaded = null;
  }
  fileCache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, loaded });
  return loaded;
}

const programOf = (root: Path): Node => (root.node.type === 'File' ? root.node.program : root.node);

/** Through parentheses, casts and `await` to the expression itself. */
export function unwrapPath(p: Path): Path {
  let q = p;
  while (q.node && ['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'ParenthesizedExpression', 'AwaitExpression'].includes(q.node.type)) {
    q = q.get('expression' in q.node && q.node.type !== 'AwaitExpression' ? 'expression' : 'argument');
  }
  return q;
}

/** Is module-level `name` assigned anywhere after its declaration (`pool = new Pool()` in a lazy getter)? */
function moduleBindingReassigned(program: Node, name: string, root: Path): boolean {
  let found = false;
  findPaths(root, 'AssignmentExpression').forEach((a) => {
    const left = a.node.left;
    if (left.type === 'Identifier' && left.name === name && bindingOwnerPath(a.get('left'), name)?.node === program) found = true;
  });
  return found;
}

function moduleExports(program: Node, name: string): boolean {
  for (const s of program.body) {
    if (s.type === 'ExportNamedDeclaration') {
      if (s.declaration?.type === 'VariableDeclaration' && s.declaration.declarations.some((d: Node) => patternNames(d.id).includes(name))) return true;
      if ((s.specifiers ?? []).some((sp: Node) => !s.source && sp.local?.name === name)) return true;
    }
    if (s.type === 'ExportDefaultDeclaration' && s.declaration.type === 'Identifier' && s.declaration.name === name) return true;
    if (s.type === 'ExpressionStatement' && s.expression.type === 'AssignmentExpression') {
      let hit = false;
      walk(s.expression.right, (n) => void (n.type === 'Identifier' && n.name === name && (hit = true)));
      const left = s.expression.left;
      const isExports = (n: Node) => (n.type === 'Identifier' && n.name === 'exports') || (n.type === 'MemberExpression' && n.object.name === 'module' && n.property.name === 'exports');
      if (hit && left.type === 'MemberExpression' && (isExports(left) || isExports(left.object))) return true;
    }
  }
  return false;
}

/** The module-level declarator of `name` in `program`, or null. */
function moduleDeclarator(program: Node, name: string): Node | null {
  for (const raw of program.body) {
    const s = raw.type === 'ExportNamedDeclaration' ? raw.declaration : raw;
    if (s?.type !== 'VariableDeclaration') continue;
    for (const d of s.declarations) if (d.id.type === 'Identifier' && d.id.name === name) return d;
  }
  return null;
}

export class OriginResolver {
  /** `creates(init)`: does this expression make a new pool (provenance knows it as one)? */
  constructor(
    private readonly file: string,
    private readonly creates: (init: Path) => boolean = () => false,
  ) {}

  resolve(receiver: Path, depth = 0): PoolOrigin {
    if (depth > 8) return { scope: 'unknown', why: 'too many aliases' };
    const p = unwrapPath(receiver);
    const node = p.node;
    if (node.type === 'MemberExpression' && !node.computed && node.object.type === 'ThisExpression' && node.property.type === 'Identifier') {
      return this.field(p, node.property.name);
    }
    // `createConnection(uri).close()`: made right there, by the function the call is in.
    if ((node.type === 'CallExpression' || node.type === 'NewExpression') && this.creates(p)) {
      return { scope: 'local', key: `${this.file}#${node.start}`, name: 'it', at: node, fn: enclosingFunction(p).node };
    }
    if (node.type !== 'Identifier') return { scope: 'unknown', why: 'the receiver is not a variable or a field' };
    const name: string = node.name;
    const owner = bindingOwnerPath(p, name);
    if (!owner) return { scope: 'unknown', why: `${name} is a global` };
    if (owner.node.type === 'Program') return this.moduleBinding(owner.node, name, this.file, rootOf(p), null, depth);
    if (isFunction(owner.node)) return { scope: 'param', name };
    // A catch parameter, a class expression's own name, a loop variable: not a pool this code can place.
    if (owner.node.type !== 'BlockStatement' && owner.node.type !== 'StaticBlock') {
      return { scope: 'unknown', why: `${name} is bound by a ${owner.node.type === 'CatchClause' ? 'catch clause' : owner.node.type === 'ClassExpression' ? 'class expression' : 'loop or switch'}` };
    }
    // A block inside a function (or a top-level block).
    const statements: Node[] = owner.node.body;
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i];
      if (s?.type !== 'VariableDeclaration') continue;
      for (let k = 0; k < s.declarations.length; k++) {
        const d = s.declarations[k];
        if (d.id.type !== 'Identifier' || d.id.name !== name) continue;
        if (!d.init) return { scope: 'unknown', why: `${name} is declared without a value` };
        const initPath = unwrapPath(owner.get('body', i, 'declarations', k, 'init'));
        const init = initPath.node;
        if (init.type === 'Identifier' || init.type === 'MemberExpression') return this.resolve(initPath, depth + 1);
        if ((init.type === 'NewExpression' || init.type === 'CallExpression') && this.creates(initPath)) {
          const fn = enclosingFunction(owner).node;
          if (fn.type === 'Program') return { scope: 'unknown', why: 'declared in a top-level block' };
          return { scope: 'local', key: `${this.file}#${d.start}`, name, at: d, fn };
        }
        return { scope: 'unknown', why: `${name} comes from code that may return a shared one` };
      }
    }
    return { scope: 'unknown', why: `${name} is not a plain declaration` };
  }

  private moduleBinding(program: Node, name: string, file: string, root: Path, imported: Node | null, depth: number): PoolOrigin {
    for (const s of program.body) {
      if (s.type !== 'ImportDeclaration') continue;
      for (const spec of s.specifiers) {
        if (spec.local.name !== name) continue;
        const source: string = s.source.value;
        if (!source.startsWith('.')) return { scope: 'unknown', why: `${name} comes from the package ${source}` };
        const target = resolveLocalModule(path.dirname(file), source);
        if (!target) return { scope: 'unknown', why: `${source} cannot be found` };
        const exportName = spec.type === 'ImportDefaultSpecifier' ? 'default' : spec.type === 'ImportNamespaceSpecifier' ? null : (spec.imported.name ?? spec.imported.value);
        if (!exportName) return { scope: 'unknown', why: `${name} is a namespace` };
        return this.exported(target, exportName, imported ?? spec, depth + 1);
      }
    }
    const d = moduleDeclarator(program, name);
    if (!d) return { scope: 'unknown', why: `${name} is not a module-level variable` };
    return {
      scope: 'module',
      key: `${file}#${name}`,
      name,
      file,
      at: d,
      imported,
      exported: moduleExports(program, name),
      reassigned: moduleBindingReassigned(program, name, root),
    };
  }

  /** Follow `export const pool`, `export { pool as db }`, `export default pool` in a project module. */
  private exported(file: string, exportName: string, imported: Node, depth: number): PoolOrigin {
    if (depth > 8) return { scope: 'unknown', why: 'too many re-exports' };
    const loaded = loadFile(file);
    if (!loaded) return { scope: 'unknown', why: `${path.basename(file)} cannot be read` };
    const program = programOf(loaded.root);
    let local: string | null = null;
    for (const s of program.body) {
      if (s.type === 'ExportNamedDeclaration') {
        if (s.declaration?.type === 'VariableDeclaration' && s.declaration.declarations.some((d: Node) => d.id.name === exportName)) local = exportName;
        for (const sp of s.specifiers ?? []) {
          const exported = sp.exported.name ?? sp.exported.value;
          if (exported !== exportName) continue;
          if (s.source) {
            const next = resolveLocalModule(path.dirname(file), s.source.value);
            return next ? this.exported(next, sp.local?.name ?? exported, imported, depth + 1) : { scope: 'unknown', why: 'a re-export cannot be found' };
          }
          local = sp.local?.name ?? exported;
        }
      }
      if (s.type === 'ExportDefaultDeclaration' && exportName === 'default' && s.declaration.type === 'Identifier') local = s.declaration.name;
    }
    if (!local) return { scope: 'unknown', why: `${path.basename(file)} does not export ${exportName} as a variable` };
    const resolver = new OriginResolver(file, this.creates);
    return resolver.moduleBinding(program, local, file, loaded.root, imported, depth);
  }

  /** `this.pool`: declared on the class, set in the constructor or passed to it. */
  private field(p: Path, name: string): PoolOrigin {
    let c: Path | null = p.parent;
    while (c && c.node.type !== 'ClassBody') c = c.parent;
    if (!c) return { scope: 'unknown', why: '`this` is not inside a class' };
    const classNode = c.parent.node;
    const key = `${this.file}#class@${classNode.start}.${name}`;
    let at: Node | null = null;
    let injected = false;
    let reassigned = false;
    for (const member of c.node.body) {
      if ((member.type === 'ClassProperty' || member.type === 'PropertyDefinition') && member.key?.name === name) at = member;
      if (member.type === 'ClassMethod' || member.type === 'ClassPrivateMethod') {
        const isConstructor = member.kind === 'constructor';
        if (isConstructor) {
          for (const param of member.params) {
            if (param.type === 'TSParameterProperty' && param.parameter.type === 'Identifier' && param.parameter.name === name) {
              at = param;
              injected = true;
            }
          }
        }
        walk(
          member.body,
          (n) => {
            if (n.type !== 'AssignmentExpression' || n.left.type !== 'MemberExpression' || n.left.object.type !== 'ThisExpression' || n.left.property.name !== name) return;
            if (!isConstructor) reassigned = true;
            else {
              at ??= n;
              // `this.pool = pool` from a constructor parameter: the caller made it.
              if (n.right.type === 'Identifier' && member.params.some((q: Node) => patternNames(q).includes(n.right.name))) injected = true;
            }
          },
          true,
        );
      }
    }
    if (!at) return { scope: 'unknown', why: `the field ${name} is not declared on the class` };
    return { scope: 'field', key, name, at, injected, reassigned };
  }
}

function rootOf(p: Path): Path {
  let r = p;
  while (r.parent) r = r.parent;
  return r;
}
