// A project object that holds resources under its property names: `module.exports = { getPool: async () =>
// … }`, or the registry a models module fills at load (`const db = {}; db.sequelize = sequelize; export default
// db`). `db.sequelize` is then what was put there, as long as nothing else ever writes that property.
import { bindingOwnerPath, collectPaths, type Node, type Path } from '../analysis/ast';
import { rootOf } from './tree';
import type { Value } from './values';

type Evaluate = (p: Path) => Value | null;

function keyName(q: Node): string | null {
  if (q.computed) return null;
  if (q.key.type === 'Identifier') return q.key.name;
  if (q.key.type === 'StringLiteral') return q.key.value;
  return null;
}

/** `name.key` as an assignment target, `name` being the module-level binding `program` declares. */
function assignedKey(left: Node): string | null {
  if (left?.type !== 'MemberExpression' || left.computed || left.property.type !== 'Identifier') return null;
  return left.property.name;
}

const writeCache = new WeakMap<Node, Map<string, Path[]>>();

/** Every assignment or update of a name or of a name's property in the file, by that name (one walk per tree). */
function writesOf(root: Path): Map<string, Path[]> {
  let out = writeCache.get(root.node);
  if (!out) {
    out = new Map();
    for (const a of collectPaths(root, (n: Node) => n.type === 'AssignmentExpression' || n.type === 'UpdateExpression')) {
      const target = a.node.type === 'AssignmentExpression' ? a.node.left : a.node.argument;
      const base = target?.type === 'MemberExpression' ? target.object : target;
      if (base?.type !== 'Identifier') continue;
      const list = out.get(base.name);
      if (list) list.push(a);
      else out.set(base.name, [a]);
    }
    writeCache.set(root.node, out);
  }
  return out;
}

/** The fields of an object literal (and, for a module's own object, of its top-level assignments) that hold resources. */
export function recordOf(p: Path, evaluate: Evaluate): Value | null {
  const fields = new Map<string, Path>();
  (p.node.properties as Node[]).forEach((q, i) => {
    // A spread may put anything under any earlier key.
    if (q.type === 'SpreadElement') return fields.clear();
    const key = keyName(q);
    if (key === null) return;
    fields.set(key, q.type === 'ObjectMethod' ? p.get('properties', i) : p.get('properties', i, 'value'));
  });
  const declarator = p.parent;
  const name = declarator?.node.type === 'VariableDeclarator' && declarator.node.init === p.node && declarator.node.id.type === 'Identifier' ? declarator.node.id.name : null;
  const owner = name ? bindingOwnerPath(declarator.get('id'), name) : null;
  if (name && owner?.node.type === 'Program') {
    // Filled at load: `db.sequelize = sequelize` as a statement of the module's top level, once per key. A key
    // written anywhere else (a function, a second time) is unknown; so is every key of a reassigned object.
    const writes = new Map<string, Path[]>();
    for (const a of writesOf(rootOf(p)).get(name) ?? []) {
      const target = a.node.type === 'AssignmentExpression' ? a.node.left : a.node.argument;
      const basePath = target.type === 'MemberExpression' ? a.get(a.node.type === 'AssignmentExpression' ? 'left' : 'argument', 'object') : a.get('left');
      if (bindingOwnerPath(basePath, name)?.node !== owner.node) continue;
      const key = assignedKey(target);
      if (key === null) return null;
      writes.set(key, [...(writes.get(key) ?? []), a]);
    }
    for (const [key, list] of writes) {
      const a = list[0];
      const topLevel = list.length === 1 && a.node.type === 'AssignmentExpression' && a.node.operator === '=' && a.parent?.node.type === 'ExpressionStatement' && a.parent.parent?.node === owner.node;
      if (topLevel) fields.set(key, a.get('right'));
      else fields.delete(key);
    }
  }
  const out: Record<string, Value> = {};
  for (const [key, at] of fields) {
    const v = evaluate(at);
    if (v) out[key] = v;
  }
  return Object.keys(out).length ? { t: 'record', fields: out } : null;
}
