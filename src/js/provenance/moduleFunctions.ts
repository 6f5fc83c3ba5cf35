// Which library's module a called function belongs to: `fs.writeSync(…)`, or `writeSync(…)` imported or
// destructured from 'fs'. For resources that are plain values the module's functions take (a file
// descriptor), a call of one of them is a use of the resource, not a hand-off to unknown code.
import type { Catalog, LibrarySpec } from '../../catalog/js';
import { bindingOwnerPath, ownerStatements, pathOf, patternNames, type Node, type Path, unwrapExpression } from '../analysis/ast';
import type { Provenance } from './values';

/** The catalogue library whose module `callee` is a function of, or null. */
export function moduleFunctionLib(callee: Path, provenance: Provenance, catalog: Catalog): LibrarySpec | null {
  const node = unwrapExpression(callee.node);
  if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && !node.computed) {
    const obj = provenance.expr(callee.get('object'));
    return obj?.t === 'module' ? obj.lib : null;
  }
  if (node.type !== 'Identifier') return null;
  const owner = bindingOwnerPath(callee, node.name);
  if (!owner) return null;
  // `import { writeSync } from 'fs'`
  if (owner.node.type === 'Program') {
    for (const s of owner.node.body) {
      if (s.type !== 'ImportDeclaration') continue;
      const spec = s.specifiers.find((x: Node) => x.local.name === node.name);
      if (spec) return spec.type === 'ImportSpecifier' ? (catalog.module(s.source.value)?.lib ?? null) : null;
    }
  }
  // `const { writeSync } = require('fs')`, `const { writeSync } = fs`
  for (const s of ownerStatements(owner.node)) {
    if (s?.type !== 'VariableDeclaration') continue;
    for (const d of s.declarations) {
      if (d.id.type !== 'ObjectPattern' || !d.init || !patternNames(d.id).includes(node.name)) continue;
      const init = unwrapExpression(d.init);
      if (init.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' && init.arguments[0]?.type === 'StringLiteral') {
        return catalog.module(init.arguments[0].value)?.lib ?? null;
      }
      const at = pathOf(owner, d.init);
      const v = at ? provenance.expr(at) : null;
      return v?.t === 'module' ? v.lib : null;
    }
  }
  return null;
}
