// A value from a type annotation: `client: PoolClient`, `pool: pg.Pool`, `x: Pool | undefined` name a
// catalogue kind through the module the type is imported from; `db: Database` names an object of one of the
// project's own classes (imported, or declared in the file), whose methods may hand out resources.
import type { Catalog } from '../../catalog/js';
import type { Node, Path } from '../analysis/ast';
import { findIdentifierBinding, rootOf } from './tree';
import type { Value } from './values';
import { own } from '../../core/records';

/** An object of the project class `v` is, if it is one. */
function instanceOf(v: Value | null): Value | null {
  return v?.t === 'project-class' ? { ...v, t: 'project-object' } : null;
}

/** `client: PoolClient`, `pool: pg.Pool`, `x: Pool | undefined`, `db: Database`. */
export function annotatedValue(
  catalog: Catalog,
  annotation: Node,
  from: Path,
  imported: (source: string, name: string) => Value | null,
  local: (cls: Path) => Value | null,
): Value | null {
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
        if (spec.local.name !== name || spec.type === 'ImportNamespaceSpecifier') continue;
        const m = catalog.module(s.source.value);
        const importedName = spec.type === 'ImportDefaultSpecifier' ? 'default' : spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
        // A class of one of the project's own modules.
        if (!m) return instanceOf(imported(s.source.value, importedName));
        if (spec.type !== 'ImportSpecifier') return null;
        const kindName = own(m.spec.types, importedName);
        return kindName ? { t: 'instance', kind: { lib: m.lib, name: kindName } } : null;
      }
    }
    // A class declared in this file.
    const programPath = root.type === 'File' ? rootOf(from).get('program') : rootOf(from);
    for (let i = 0; i < program.body.length; i++) {
      const s = program.body[i];
      const exported = s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration';
      const d = exported ? s.declaration : s;
      if (d?.type === 'ClassDeclaration' && d.id?.name === name) return instanceOf(local(exported ? programPath.get('body', i, 'declaration') : programPath.get('body', i)));
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
    const kindName = own(m?.spec.types, name);
    return kindName ? { t: 'instance', kind: { lib: module.lib, name: kindName } } : null;
  }
  return null;
}

