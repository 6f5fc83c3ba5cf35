// Members of the project's own classes, own or inherited from a project base class: a field's value (its
// declaration's value or type, a constructor parameter property, an assignment in the constructor) and a
// method that hands out a fresh resource. A base class from another module comes from the project index as
// the members that hold or hand out resources (`fields`, `methods`), without its tree.
import type { Node, Path } from '../analysis/ast';
import type { Value } from './values';
import { own } from '../../core/records';

/** What reading a class's members needs of the evaluator of the file the class is written in. */
export interface ClassReader {
  expr(p: Path, depth?: number): Value | null;
  exprOfNode(from: Path, node: Node, depth: number): Value | null;
  typeValue(annotation: Node, from: Path, depth: number): Value | null;
  freshReturns(fnPath: Path, depth: number): Value | null;
  /** The evaluator of the file `p` (a path of another module's tree) belongs to. */
  readerFor(p: Path): ClassReader;
}

const MAX_CHAIN = 6;

type Members = { methods?: Record<string, Value>; fields?: Record<string, Value>; statics?: Record<string, Value> } | null;
// A class's members without trees, once per class (with its fields, or its methods only).
const withFieldsMemo = new WeakMap<Node, Members>();
const methodsMemo = new WeakMap<Node, Members>();

const isMethod = (m: Node, name?: string) =>
  (m.type === 'ClassMethod' || m.type === 'ClassPrivateMethod') && !m.static && m.kind === 'method' && !m.computed && !!m.key?.name && (name === undefined || m.key.name === name);
const isField = (m: Node) => (m.type === 'ClassProperty' || m.type === 'PropertyDefinition') && !m.computed && m.key?.type === 'Identifier';

function constructorOf(cls: Path): { node: Node; index: number } | null {
  const body: Node[] = cls.node.body.body;
  const index = body.findIndex((m) => m.type === 'ClassMethod' && m.kind === 'constructor');
  return index < 0 ? null : { node: body[index], index };
}

/** `this.name = …` statements of the constructor's own body. */
function constructorAssignments(ctor: Node, name?: string): Node[] {
  const out: Node[] = [];
  for (const s of ctor.body.body) {
    const e = s.type === 'ExpressionStatement' ? s.expression : null;
    if (e?.type === 'AssignmentExpression' && e.operator === '=' && e.left.type === 'MemberExpression' && !e.left.computed && e.left.object.type === 'ThisExpression' && (name === undefined || e.left.property.name === name)) out.push(e);
  }
  return out;
}

/**
 * The class's own field `name`: the value of its declaration (else its type), a constructor parameter
 * property's type, or what the constructor assigns. `undefined` when the class itself says nothing of it.
 */
function ownField(reader: ClassReader, cls: Path, name: string, depth: number): Value | null | undefined {
  const body: Node[] = cls.node.body.body;
  let said = false;
  for (const member of body) {
    if (isField(member) && member.key.name === name) {
      if (member.value) {
        const v = reader.exprOfNode(cls, member.value, depth);
        if (v) return v;
      }
      return reader.typeValue(member.typeAnnotation, cls, depth);
    }
    if (member.type === 'ClassMethod' && member.kind === 'constructor') {
      for (const param of member.params) {
        if (param.type === 'TSParameterProperty' && param.parameter.type === 'Identifier' && param.parameter.name === name) {
          return reader.typeValue(param.parameter.typeAnnotation, cls, depth);
        }
      }
      for (const e of constructorAssignments(member, name)) {
        said = true;
        const v = reader.exprOfNode(cls, e.right, depth);
        if (v) return v;
      }
    }
  }
  return said ? null : undefined;
}

/** `static name = …` of `cls` itself: its value, else its type. */
export function staticOf(reader: ClassReader, cls: Path, name: string, depth: number): Value | null {
  const member = (cls.node.body.body as Node[]).find((m) => isField(m) && m.static && m.key.name === name);
  if (!member) return null;
  return (member.value ? reader.exprOfNode(cls, member.value, depth) : null) ?? reader.typeValue(member.typeAnnotation, cls, depth);
}

/** The project base class `cls` extends, with the evaluator of its own file. */
function baseOf(reader: ClassReader, cls: Path, depth: number): { value: Value & { t: 'project-class' }; reader: ClassReader } | null {
  if (!cls.node.superClass) return null;
  const v = reader.expr(cls.get('superClass'), depth + 1);
  if (v?.t !== 'project-class') return null;
  return { value: v, reader: v.cls ? reader.readerFor(v.cls) : reader };
}

/** The field `name` of an instance of `cls`: its own, or one it inherits. */
export function fieldOf(reader: ClassReader, cls: Path, name: string, depth: number, chain = 0): Value | null {
  const declared = ownField(reader, cls, name, depth);
  if (declared !== undefined) return declared;
  const base = chain < MAX_CHAIN ? baseOf(reader, cls, depth) : null;
  if (!base) return null;
  if (base.value.cls) return fieldOf(base.reader, base.value.cls, name, depth + 1, chain + 1);
  return own(base.value.fields, name) ?? null;
}

/** What calling the method `name` of an instance of `cls` hands out: a fresh resource, or null. */
export function methodOf(reader: ClassReader, cls: Path, name: string, depth: number, chain = 0): Value | null {
  const body: Node[] = cls.node.body.body;
  const i = body.findIndex((m) => isMethod(m, name));
  if (i >= 0) return reader.freshReturns(cls.get('body', 'body', i), depth + 1);
  // A method the class declares in another way (a getter, a field holding a function) is not the base's.
  if (body.some((m) => !m.computed && m.key?.name === name && !(m.type === 'ClassMethod' && m.kind === 'constructor'))) return null;
  const base = chain < MAX_CHAIN ? baseOf(reader, cls, depth) : null;
  if (!base) return null;
  if (base.value.cls) return methodOf(base.reader, base.value.cls, name, depth + 1, chain + 1);
  return own(base.value.methods, name) ?? null;
}

/** The instance methods (name → index in the class body) and fields `cls` itself declares. */
function ownMembers(cls: Path): { methods: Map<string, number>; fields: Set<string> } {
  const methods = new Map<string, number>();
  const fields = new Set<string>();
  (cls.node.body.body as Node[]).forEach((m, i) => {
    if (isMethod(m)) methods.set(m.key.name, i);
    if (isField(m) && !m.static) fields.add(m.key.name);
  });
  const ctor = constructorOf(cls);
  if (ctor) {
    for (const param of ctor.node.params) if (param.type === 'TSParameterProperty' && param.parameter.type === 'Identifier') fields.add(param.parameter.name);
    for (const e of constructorAssignments(ctor.node)) fields.add(e.left.property.name);
  }
  return { methods, fields };
}

/**
 * A value without trees: a project class (or object) as its methods that hand out resources and, with
 * `withFields`, its fields that hold one or an object whose methods do — inherited ones included.
 */
export function detachedValue(reader: ClassReader, v: Value | null, withFields = true): Value | null {
  if (v?.t !== 'project-class' && v?.t !== 'project-object') return v;
  const members: Members = v.cls ? membersOf(reader.readerFor(v.cls), v.cls, withFields) : v;
  const methods = members?.methods ?? {};
  const fields = withFields ? (members?.fields ?? {}) : {};
  const statics = v.t === 'project-class' && withFields ? (members?.statics ?? {}) : {};
  if (!Object.keys(methods).length && !Object.keys(fields).length && !Object.keys(statics).length) return null;
  const rest = Object.keys(fields).length ? { fields } : {};
  if (v.t === 'project-object') return { t: v.t, cls: null, methods, ...rest };
  return { t: v.t, cls: null, methods, ...rest, ...(Object.keys(statics).length ? { statics } : {}) };
}

/** The members of `cls` (read by the evaluator of its own file), its base's first. */
function membersOf(reader: ClassReader, cls: Path, withFields: boolean, chain = 0): Members {
  const memo = withFields ? withFieldsMemo : methodsMemo;
  if (memo.has(cls.node)) return memo.get(cls.node)!;
  memo.set(cls.node, null); // a class that extends itself through a cycle: nothing
  const base = chain < MAX_CHAIN ? baseOf(reader, cls, 1) : null;
  const inherited = base?.value.cls ? membersOf(base.reader, base.value.cls, withFields, chain + 1) : base ? base.value : null;
  const methods: Record<string, Value> = { ...inherited?.methods };
  const fields: Record<string, Value> = { ...(withFields ? inherited?.fields : {}) };
  const own = ownMembers(cls);
  for (const [name, i] of own.methods) {
    const r = reader.freshReturns(cls.get('body', 'body', i), 2);
    if (r) methods[name] = r;
    else delete methods[name];
  }
  for (const name of withFields ? own.fields : []) {
    const f = ownField(reader, cls, name, 1);
    const kept = f?.t === 'instance' ? f : f?.t === 'project-object' || f?.t === 'project-class' ? detachedValue(reader, f, false) : null;
    if (kept) fields[name] = kept;
    else delete fields[name];
  }
  // Static fields holding a resource the class keeps for the process (`static sequelize = sequelize`).
  const statics: Record<string, Value> = {};
  for (const m of withFields ? (cls.node.body.body as Node[]) : []) {
    if (!isField(m) || !m.static) continue;
    const v = staticOf(reader, cls, m.key.name, 1);
    if (v?.t === 'instance') statics[m.key.name] = v;
  }
  const members = { methods, ...(Object.keys(fields).length ? { fields } : {}), ...(Object.keys(statics).length ? { statics } : {}) };
  memo.set(cls.node, members);
  return members;
}

/**
 * Names of the project's methods whose calls may hand out a resource: those of the classes the index knows
 * (and of the objects their fields hold), and every method of a class written in this file.
 */
export function projectMethodNames(program: Node, known: Iterable<Value | null>): Set<string> {
  const out = new Set<string>();
  const add = (v: Value | null | undefined, depth: number): void => {
    if (!v || depth > 3) return;
    if (v.t !== 'project-class' && v.t !== 'project-object') return;
    for (const [name, m] of Object.entries(v.methods ?? {})) if (m) out.add(name);
    for (const f of Object.values(v.fields ?? {})) add(f, depth + 1);
  };
  for (const v of known) add(v, 0);
  const visit = (n: Node): void => {
    if (!n || typeof n.type !== 'string') return;
    if (n.type === 'ClassBody') for (const m of n.body) if (isMethod(m)) out.add(m.key.name);
    for (const key of Object.keys(n)) {
      if (key === 'loc' || key === 'comments' || key === 'leadingComments' || key === 'trailingComments' || key === 'extra' || key === 'tokens') continue;
      const c = n[key];
      if (Array.isArray(c)) c.forEach(visit);
      else if (c && typeof c.type === 'string') visit(c);
    }
  };
  visit(program);
  return out;
}
