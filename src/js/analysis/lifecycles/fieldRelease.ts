// A resource kept in a field of the object that releases it (`this.client = createClient()` in a class whose
// disconnect() calls `this.client.disconnect()`): the object owns it, and its callers' close() is
// remove-redundant-close's business.
import { collectPaths, type Node, type Path, unwrapExpression } from '../ast';
import { argumentReleaseName } from './flow';
import { RELEASE_NAMES, type ReleaseSpec } from '../../../catalog/js';

/**
 * Does the class around `assignment` call a release method on the same `this.<field>` anywhere, or a release
 * that takes it (`fs.closeSync(this.fd)`)? Its base classes declared in the same file count too: a subclass
 * that makes the client its base's disconnect() releases (logto's RedisCache).
 */
export function classReleasesField(assignment: Path, field: Node, releases: ReleaseSpec[]): boolean {
  if (field.computed || field.property?.type !== 'Identifier') return false;
  let p: Path | null = assignment.parent;
  while (p && p.node.type !== 'ClassBody' && p.node.type !== 'Program') p = p.parent;
  if (!p || p.node.type !== 'ClassBody') return false;
  const name = field.property.name;
  const isField = (n: Node): boolean => {
    const m = unwrapExpression(n);
    return (m?.type === 'MemberExpression' || m?.type === 'OptionalMemberExpression') && m.object.type === 'ThisExpression' && !m.computed && m.property.name === name;
  };
  const releasesIn = (body: Path): boolean =>
    collectPaths(body, (n: Node) => {
      if (n.type !== 'CallExpression' && n.type !== 'OptionalCallExpression') return false;
      const callee = n.callee;
      if (n.arguments.length === 1 && isField(n.arguments[0]) && argumentReleaseName(callee, releases)) return true;
      return (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed && RELEASE_NAMES.includes(callee.property.name) && isField(callee.object);
    }).length > 0;
  let program: Path | null = p;
  while (program && program.node.type !== 'Program') program = program.parent;
  const seen = new Set<Node>();
  for (let body: Path | null = p, depth = 0; body && depth < 4 && !seen.has(body.node); depth++) {
    seen.add(body.node);
    if (releasesIn(body)) return true;
    body = program ? baseBody(program, body.parent?.node) : null;
  }
  return false;
}

/** The body of the class `cls` extends when that base is a class declared at the top of the same file. */
function baseBody(program: Path, cls: Node | undefined): Path | null {
  const base = cls?.superClass;
  if (base?.type !== 'Identifier') return null;
  const statements: Node[] = program.node.body;
  const i = statements.findIndex((s) => {
    const d = s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' ? s.declaration : s;
    return d?.type === 'ClassDeclaration' && d.id?.name === base.name;
  });
  if (i < 0) return null;
  const st = program.get('body', i);
  const decl = st.node.type === 'ClassDeclaration' ? st : st.get('declaration');
  return decl.get('body');
}
