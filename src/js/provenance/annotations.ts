// A value from a type annotation: `client: PoolClient`, `pool: pg.Pool`, `x: Pool | undefined` name a
// catalogue kind through the module the type is imported from.
import type { Catalog } from '../../catalog/js';
import type { Node, Path } from '../analysis/ast';
import { findIdentifierBinding, rootOf } from './tree';
import type { Value } from './values';

/** `client: PoolClient`, `pool: pg.Pool`, `x: Pool | undefined`. */
export function annotatedValue(catalog: Catalog, annotation: Node, from: Path, imported: (source: string, name: string) => Value | null): Value | null {
  if (!annotation) return null;
  let t = annotation.type === 'TSTypeAnnotation' ? annotation.typeAnnotation : annotation;
  if (t.type === 'TSUnionType') {
    t = t.types.find((m: Node) => m.type === 'TSTypeReference') ?? t;
  }
  if (t.type !== 'TSTypeReference') return null;
  const typeName = t.typeName;
  let module: Value | null = null;
  let name: string;
  if (typeName.type === 'Identifier') {
    name = typeName.name;
    const root = rootOf(from).node;
    const program = root.type === 'File' ? root.program : root;
    for (const s of program.body) {
      if (s.type !== 'ImportDeclaration') continue;
      for (const spec of s.specifiers) {
        if (spec.local.name !== name || spec.type !== 'ImportSpecifier') continue;
        const m = catalog.module(s.source.value);
        if (!m) return null;
        const imported = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
        const kindName = m.spec.types?.[imported];
        return kindName ? { t: 'instance', kind: { lib: m.lib, name: kindName } } : null;
      }
    }
    return null;
  }
  if (typeName.type === 'TSQualifiedName' && typeName.left.type === 'Identifier') {
    name = typeName.right.name;
    const root = rootOf(from);
    const ns = findIdentifierBinding(root, typeName.left.name);
    module = ns ? imported(ns.source, ns.imported) : null;
    if (module?.t !== 'module') return null;
    const m = catalog.module(module.specifier);
    const kindName = m?.spec.types?.[name];
    return kindName ? { t: 'instance', kind: { lib: module.lib, name: kindName } } : null;
  }
  return null;
}

