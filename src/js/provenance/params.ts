// Parameters across files: `export async function inTransaction(pool, work) { … pool.connect() … }`, or
// `function queryResult(conn, sql) { … conn.release() … }`, whose every call in the project passes the same
// resource. Only functions that acquire through a parameter, or release a pooled resource it holds, are asked
// about, and only the files that import their module (or a module that re-exports it) are read.
import type { Catalog } from '../../catalog/js';
import { bindingOwnerPath, collectPaths, type Node, type Path } from '../analysis/ast';
import { catalogueWords } from './moduleText';
import { isExportsObject } from './tree';
import type { Value } from './values';

/**
 * An exported function of a module with the parameters it acquires through (`pool.connect()` on `pool`) or
 * releases (`conn.release()` on `conn`): `name` is its own name (the key of its facts), `exportNames` the
 * names importers call it by (`default` for `module.exports = f`).
 */
export interface ParamCandidate {
  name: string;
  exportNames: string[];
  fn: Path;
  indexes: number[];
}

/** The names each top-level binding is exported under: `export { f as g }`, `module.exports = { g: f }`, `module.exports = f`, `export default f`. */
function exportNamesOf(body: Node[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (local: string, exported: string) => (out.get(local) ?? out.set(local, new Set()).get(local)!).add(exported);
  for (const s of body) {
    if (s.type === 'ExportNamedDeclaration' && !s.source) for (const spec of s.specifiers ?? []) if (spec.local?.name) add(spec.local.name, spec.exported?.name ?? spec.exported?.value ?? spec.local.name);
    if (s.type === 'ExportDefaultDeclaration' && s.declaration.type === 'Identifier') add(s.declaration.name, 'default');
    if (s.type === 'ExpressionStatement' && s.expression.type === 'AssignmentExpression' && s.expression.left.type === 'MemberExpression') {
      const { left, right } = s.expression;
      if (isExportsObject(left) && right.type === 'ObjectExpression') {
        for (const q of right.properties) if (q.value?.type === 'Identifier' && !q.computed && (q.key?.name ?? q.key?.value)) add(q.value.name, q.key.name ?? q.key.value);
      }
      if (isExportsObject(left) && right.type === 'Identifier') add(right.name, 'default');
      if (!left.computed && isExportsObject(left.object) && right.type === 'Identifier') add(right.name, left.property.name);
    }
  }
  return out;
}

/** Exported functions whose parameter is the receiver of a catalogue acquire method, or of a pooled release. */
export function acquiringParams(program: Path, catalog: Catalog): ParamCandidate[] {
  const methods = new Set([...catalog.acquireNames(), ...catalogueWords(catalog).pooledReleases]);
  const out: ParamCandidate[] = [];
  const body: Node[] = program.node.body;
  const exported = exportNamesOf(body);
  body.forEach((s, i) => {
    const at = program.get('body', i);
    let fn: Path | null = null;
    let name: string | null = null;
    let exportNames: string[] = [];
    const named = s.type === 'ExportNamedDeclaration';
    const isDefault = s.type === 'ExportDefaultDeclaration';
    const decl = named || isDefault ? s.declaration : s;
    const declPath = named || isDefault ? at.get('declaration') : at;
    if (decl?.type === 'FunctionDeclaration' && decl.id) {
      const own: string = decl.id.name;
      name = own;
      exportNames = named ? [own] : isDefault ? ['default'] : [...(exported.get(own) ?? [])];
      fn = declPath;
    } else if (decl?.type === 'VariableDeclaration' && decl.declarations.length === 1) {
      const d = decl.declarations[0];
      if (d.id.type === 'Identifier' && (d.init?.type === 'ArrowFunctionExpression' || d.init?.type === 'FunctionExpression')) {
        const own: string = d.id.name;
        name = own;
        exportNames = named ? [own] : [...(exported.get(own) ?? [])];
        fn = declPath.get('declarations', 0, 'init');
      }
    } else if (s.type === 'ExpressionStatement' && s.expression.type === 'AssignmentExpression' && s.expression.left.type === 'MemberExpression') {
      const { left, right: r } = s.expression;
      if (r.type === 'FunctionExpression' || r.type === 'ArrowFunctionExpression') {
        if (isExportsObject(left.object) && !left.computed) {
          name = left.property.name;
          exportNames = [left.property.name];
          fn = at.get('expression', 'right');
        } else if (isExportsObject(left) && r.id?.name) {
          // `module.exports = function queryResult(conn, sql) {…}`
          name = r.id.name;
          exportNames = ['default'];
          fn = at.get('expression', 'right');
        }
      }
    }
    if (!fn || !name || !exportNames.length) return;
    const params: Node[] = fn.node.params;
    const indexes: number[] = [];
    params.forEach((param, index) => {
      const id = param.type === 'AssignmentPattern' ? param.left : param;
      if (id.type !== 'Identifier' || id.typeAnnotation) return;
      const isCallOnParam = (n: Node) => {
        if (n.type !== 'CallExpression' && n.type !== 'OptionalCallExpression') return false;
        const c = n.callee;
        return (c.type === 'MemberExpression' || c.type === 'OptionalMemberExpression') && !c.computed && c.object.type === 'Identifier' && c.object.name === id.name && methods.has(c.property.name);
      };
      const used = collectPaths(fn!.get('body'), isCallOnParam).some((p) => bindingOwnerPath(p.get('callee', 'object'), id.name)?.node === fn!.node);
      if (used) indexes.push(index);
    });
    if (indexes.length) out.push({ name, exportNames, fn, indexes });
  });
  return out;
}

/**
 * The calls in an importing file of `exportName` from the module `specifiers` name: every reference must be a
 * call (anything else: the function escapes, so its callers are unknown). Null when some use is not a call.
 */
export function callsOfImport(program: Path, isModule: (specifier: string) => boolean, exportName: string): Path[] | null {
  const locals = new Set<string>();
  const namespaces = new Set<string>();
  const body: Node[] = program.node.body;
  for (const s of body) {
    if (s.type === 'ImportDeclaration' && isModule(s.source.value)) {
      for (const spec of s.specifiers) {
        if (spec.type === 'ImportNamespaceSpecifier' || (spec.type === 'ImportDefaultSpecifier' && exportName !== 'default')) namespaces.add(spec.local.name);
        else if (spec.type === 'ImportDefaultSpecifier') locals.add(spec.local.name);
        else if (spec.type === 'ImportSpecifier' && (spec.imported.name ?? spec.imported.value) === exportName) locals.add(spec.local.name);
      }
    }
    if (s.type === 'VariableDeclaration') {
      for (const d of s.declarations) {
        const init = d.init?.type === 'AwaitExpression' ? d.init.argument : d.init;
        if (init?.type !== 'CallExpression' || init.callee.name !== 'require' || init.arguments[0]?.type !== 'StringLiteral' || !isModule(init.arguments[0].value)) continue;
        // (`module.exports = f`: what require() returns is the function itself, called by that name.)
        if (d.id.type === 'Identifier') namespaces.add(d.id.name);
        if (d.id.type === 'Identifier' && exportName === 'default') locals.add(d.id.name);
        if (d.id.type === 'ObjectPattern') for (const q of d.id.properties) if (q.key?.name === exportName && q.value?.type === 'Identifier') locals.add(q.value.name);
      }
    }
  }
  if (!locals.size && !namespaces.size) return [];
  const calls: Path[] = [];
  let escapes = false;
  const candidates = collectPaths(program, (n) =>
    (n.type === 'Identifier' && locals.has(n.name)) ||
    ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && !n.computed && n.object.type === 'Identifier' && namespaces.has(n.object.name) && n.property.name === exportName),
  );
  for (const p of candidates) {
    if (escapes) break;
    const n = p.node;
    const parent = p.parent?.node;
    let callee: Path | null = null;
    if (n.type === 'Identifier') {
      if (parent?.type === 'ImportSpecifier' || (parent?.type === 'ObjectProperty' && p.parent.parent?.node.type === 'ObjectPattern')) continue;
      if ((parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.property === n && !parent.computed) continue;
      // `m.default(…)` of `const m = require('./m')`: the member is the callee, asked below.
      if ((parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.object === n && !parent.computed && namespaces.has(n.name) && parent.property.name === exportName) continue;
      if (parent?.type === 'ObjectProperty' && parent.key === n && !parent.shorthand) continue;
      if (bindingOwnerPath(p, n.name)?.node.type !== 'Program') continue;
      callee = p;
    } else callee = p;
    const call = callee.parent?.node;
    if ((call?.type === 'CallExpression' || call?.type === 'OptionalCallExpression') && call.callee === callee.node) calls.push(callee.parent);
    else escapes = true;
  }
  return escapes ? null : calls;
}

/** The one value every call passes at `index`, or null when they disagree, any is unknown, or there is none. */
export function agreedArgument(calls: { call: Path; evaluate: (arg: Path) => Value | null }[], index: number): Value | null {
  let value: Value | null = null;
  for (const { call, evaluate } of calls) {
    if (index >= call.node.arguments.length) return null;
    const v = evaluate(call.get('arguments', index));
    if (v?.t !== 'instance') return null;
    if (value?.t === 'instance' && (value.kind.lib !== v.kind.lib || value.kind.name !== v.kind.name)) return null;
    value = v;
  }
  return value;
}

/** Calls of a module's own exported function `name` inside the module (its export itself is no use). */
export function callsInModule(program: Path, name: string): Path[] | null {
  const calls: Path[] = [];
  for (const p of collectPaths(program, (n) => n.type === 'Identifier' && n.name === name)) {
    const n = p.node;
    const parent = p.parent?.node;
    if (!parent) continue;
    if ((parent.type === 'FunctionDeclaration' || parent.type === 'FunctionExpression') && parent.id === n) continue;
    if (parent.type === 'VariableDeclarator' && parent.id === n) continue;
    if (parent.type === 'ExportSpecifier') continue;
    if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === n && !parent.computed) continue;
    if ((parent.type === 'ObjectProperty' || parent.type === 'Property') && parent.key === n && !parent.shorthand) continue;
    if (bindingOwnerPath(p, name)?.node.type !== 'Program') continue;
    // `module.exports = { f }`, `exports.f = f`: the export, not a use.
    let exported = false;
    for (let q: Path | null = p.parent; q; q = q.parent) {
      const a = q.node;
      if (a.type === 'AssignmentExpression' && a.left.type === 'MemberExpression' && (isExportsObject(a.left) || isExportsObject(a.left.object))) exported = true;
      if (exported || a.type === 'Program' || a.type.includes('Function')) break;
    }
    if (exported) continue;
    if ((parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression') && parent.callee === n) calls.push(p.parent);
    else return null;
  }
  return calls;
}
