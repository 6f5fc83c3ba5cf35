// Small tree questions provenance asks of recast paths.
import type { Node, Path } from '../analysis/ast';

export function isInsideNode(p: Path, ancestor: Node): boolean {
  for (let cur: Path | null = p; cur; cur = cur.parent) if (cur.node === ancestor) return true;
  return false;
}

export function rootOf(p: Path): Path {
  let r = p;
  while (r.parent) r = r.parent;
  return r;
}

export function containsNode(haystack: Node, needle: Node): boolean {
  const hs = haystack.start ?? haystack.loc?.start?.index;
  const he = haystack.end ?? haystack.loc?.end?.index;
  const ns = needle.start ?? needle.loc?.start?.index;
  if (typeof hs === 'number' && typeof he === 'number' && typeof ns === 'number') return ns >= hs && ns < he;
  return true;
}

export function findIdentifierBinding(root: Path, name: string): { source: string; imported: string } | null {
  const program = root.node.type === 'File' ? root.node.program : root.node;
  for (const s of program.body) {
    if (s.type !== 'ImportDeclaration') continue;
    for (const spec of s.specifiers) {
      if (spec.local.name !== name) continue;
      if (spec.type === 'ImportNamespaceSpecifier') return { source: s.source.value, imported: '*' };
      if (spec.type === 'ImportDefaultSpecifier') return { source: s.source.value, imported: 'default' };
      return { source: s.source.value, imported: spec.imported.name ?? spec.imported.value };
    }
  }
  return null;
}

/** `exports` or `module.exports`: CommonJS's export object. */
export function isExportsObject(n: Node): boolean {
  return (n?.type === 'Identifier' && n.name === 'exports') || (n?.type === 'MemberExpression' && n.object.name === 'module' && n.property.name === 'exports');
}

/** The names a module exports (ESM and CommonJS), and the modules it re-exports whole (`export * from`). */
export function exportedNames(program: Node): { names: Set<string>; reexports: string[] } {
  const names = new Set<string>();
  const reexports: string[] = [];
  for (const s of program.body) {
    if (s.type === 'ExportNamedDeclaration') {
      const d = s.declaration;
      if ((d?.type === 'FunctionDeclaration' || d?.type === 'ClassDeclaration') && d.id?.name) names.add(d.id.name);
      if (d?.type === 'VariableDeclaration') for (const v of d.declarations) if (v.id.type === 'Identifier') names.add(v.id.name);
      for (const spec of s.specifiers ?? []) names.add(spec.exported.type === 'Identifier' ? spec.exported.name : spec.exported.value);
    } else if (s.type === 'ExportDefaultDeclaration') names.add('default');
    else if (s.type === 'ExportAllDeclaration' && !s.exported) reexports.push(s.source.value);
    else if (s.type === 'ExpressionStatement' && s.expression.type === 'AssignmentExpression') {
      const { left, right } = s.expression;
      if (left.type !== 'MemberExpression') continue;
      if (!left.computed && left.property?.name && isExportsObject(left.object)) names.add(left.property.name);
      if (isExportsObject(left)) {
        names.add('default');
        if (right.type === 'ObjectExpression') for (const q of right.properties) if (!q.computed && q.key?.name) names.add(q.key.name);
      }
    }
  }
  return { names, reexports };
}

/** The expressions a function returns: its expression body, or each `return x` outside nested functions. */
export function returnedExpressions(fnPath: Path): Path[] {
  const fn = fnPath.node;
  if (fn.body.type !== 'BlockStatement') return [fnPath.get('body')];
  const results: Path[] = [];
  const visit = (p: Path): void => {
    const n = p.value;
    if (n !== fn && (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'ClassMethod' || n.type === 'ObjectMethod')) return;
    if (n.type === 'ReturnStatement') {
      if (n.argument) results.push(p.get('argument'));
      return;
    }
    for (const key of Object.keys(n)) {
      if (key === 'loc' || key === 'comments' || key === 'leadingComments' || key === 'trailingComments' || key === 'extra') continue;
      const v = n[key];
      if (Array.isArray(v)) v.forEach((c, i) => c && typeof c.type === 'string' && visit(p.get(key, i)));
      else if (v && typeof v.type === 'string') visit(p.get(key));
    }
  };
  visit(fnPath.get('body'));
  return results;
}
