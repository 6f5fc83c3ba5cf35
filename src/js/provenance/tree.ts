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
