// Before a ts-morph project is made: can any class of the project come out of the plan at all? A class
// enters the plan's decisions or resource classes only through one of three doors, each visible in the
// syntax of its own file (what the plan then asks the checker is only ever a narrowing of these):
//   1. a close-like method that only releases or resets fields declared without a value (a dead close);
//   2. a disposer of its own (`[Symbol.asyncDispose]()`) that calls one of its close-like methods;
//   3. a field it fills with a `new …` or a call, released in a close-like method (`this.pool.end()`).
// (A disposer inherited from a base class opens nothing: the plan reads no calls from it, and it keeps the
// class from being an owner.) A project where no class opens a door needs no plan: nothing to remove,
// nothing to dispose; a class that opens none costs the plan no checker time.
import { parseModuleOrScript, parserOptionsFor } from '../syntax/parse';
import type { Node } from '../analysis/ast';
import { CLOSE_METHOD_SET } from './names';
import { mayOpenDoor } from './textGate';

const DISPOSER_KEY = /^Symbol\.(?:asyncDispose|dispose)$/;

/**
 * The names of this file's classes that may come out of the close plan; `'all'` when babel cannot parse
 * the text (the checker may still read it: every class is assumed to).
 */
export function classesThatMayMatter(file: string, text: string): Set<string> | 'all' {
  const doors = classDoors(file, text);
  return doors === 'all' ? 'all' : new Set(doors.keys());
}

/** The door each class may come in by: 1 (a dead close: the only one that needs other files' references) or 2/3. */
export type Door = 'dead-close' | 'disposer-or-owner';
/** A class's door, and its close-like methods that may be dead (door 1), by name. */
export interface ClassDoor {
  door: Door;
  deadCloses: string[];
  /** Door 2 is open (a disposer of its own calls a close-like method), whichever door it is listed by. */
  ownDisposer: boolean;
  /** Every dead close has no statement at all (only an inherited one can then stay without the checker). */
  emptyDeadCloses: boolean;
  /** The names its `implements` clause gives (null for one that is not a plain identifier). */
  implements: (string | null)[];
  /** The name its `extends` clause gives, when a plain identifier. */
  extends: string | null;
  /** Another class of the file by the same name opens a door too. */
  ambiguous?: boolean;
}

/**
 * Per class of the file that may come out of the plan, its door; `'all'` when babel cannot parse the text
 * (a text that shows no door at all is not parsed: textGate.ts; `gate: false` parses it anyway, for tests).
 */
export function classDoors(file: string, text: string, gate = true): Map<string, ClassDoor> | 'all' {
  const body = text.replace(/^\uFEFF/, '');
  // Most files with a close-like method have no class that could open a door: their text shows it, and
  // the parse (most of the first look's time on a large project) is skipped.
  if (gate && !mayOpenDoor(file, body)) return new Map();
  let program: Node;
  try {
    program = (parseModuleOrScript(body, parserOptionsFor(file, { tokens: false, attachComment: false })) as Node).program;
  } catch {
    return 'all';
  }
  const doors = new Map<string, ClassDoor>();
  // A class declaration holds its `class` keyword: a node whose text holds none is not entered.
  const keywords = [...body.matchAll(/\bclass\b/g)].map((m) => m.index!);
  const holdsClass = (n: Node): boolean => {
    if (typeof n.start !== 'number' || typeof n.end !== 'number') return true;
    let lo = 0;
    let hi = keywords.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keywords[mid] < n.start) lo = mid + 1;
      else hi = mid;
    }
    return lo < keywords.length && keywords[lo] < n.end;
  };
  walk(program, (n) => {
    if (n.type !== 'ClassDeclaration' || !n.id) return;
    const door = classDoor(n, body);
    // Two classes of one name (one nested) that both open a door: the facts kept by name may be the other's.
    if (door && doors.has(n.id.name)) door.ambiguous = true;
    if (door) doors.set(n.id.name, door);
  }, holdsClass);
  return doors;
}

const unwrap = (n: Node): Node => {
  let e = n;
  while (e && ['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'ParenthesizedExpression'].includes(e.type)) e = e.expression;
  return e;
};

/** `this.x` / `this.#x`: the field's name. */
function thisField(n: Node): string | null {
  const e = unwrap(n);
  if (!e || (e.type !== 'MemberExpression' && e.type !== 'OptionalMemberExpression') || e.computed) return null;
  if (unwrap(e.object)?.type !== 'ThisExpression') return null;
  if (e.property.type === 'Identifier') return e.property.name;
  if (e.property.type === 'PrivateName') return `#${e.property.id.name}`;
  return null;
}

const isNullish = (n: Node | null | undefined): boolean => {
  if (!n) return true;
  const e = unwrap(n);
  return e.type === 'NullLiteral' || (e.type === 'Identifier' && e.name === 'undefined') || (e.type === 'UnaryExpression' && e.operator === 'void');
};

const memberName = (m: Node): string | null => (m.computed ? null : m.key?.type === 'Identifier' ? m.key.name : m.key?.type === 'PrivateName' ? `#${m.key.id.name}` : null);

function classDoor(cls: Node, text: string): ClassDoor | null {
  // ts-morph's getClasses(): named class declarations only.
  if (cls.type !== 'ClassDeclaration' || !cls.id) return null;
  const members: Node[] = cls.body.body;
  const methods = members.filter((m) => (m.type === 'ClassMethod' || m.type === 'TSDeclareMethod') && !m.static && m.kind === 'method');
  const closeMethods = methods.filter((m) => m.type === 'ClassMethod' && !m.abstract && CLOSE_METHOD_SET.has(memberName(m) ?? ''));
  const computed = methods.some((m) => m.computed);
  if (closeMethods.length === 0 && !computed) return null;
  // Door 2: a disposer of its own whose statements call one of the class's close-like methods (the plan
  // makes a resource class of it only then). Door 1 is asked first: a class may open both.
  const closeNames = new Set(closeMethods.map((m) => memberName(m)));
  const disposer = methods.find((m) => m.type === 'ClassMethod' && m.computed && DISPOSER_KEY.test(text.slice(m.key.start, m.key.end).replace(/\s/g, '')));
  const ownDisposer = !!disposer && disposerCalls(disposer).some((c) => closeNames.has(c));
  // Door 1: a close-like method that only releases or resets fields declared without a value.
  const properties = new Map<string, Node>();
  for (const m of members) {
    if ((m.type === 'ClassProperty' || m.type === 'ClassPrivateProperty' || m.type === 'ClassAccessorProperty') && !m.static) {
      const name = memberName(m);
      if (name) properties.set(name, m);
    }
  }
  const deadCloses: string[] = [];
  for (const m of closeMethods) {
    const overloaded = methods.some((o) => o !== m && o.type === 'TSDeclareMethod' && memberName(o) === memberName(m));
    if (overloaded || (m.decorators?.length ?? 0) > 0) continue;
    const fields: string[] = [];
    if (!m.body.body.every((st: Node) => releaseItems(st, fields))) continue;
    if (fields.length === 0 && m.body.body.length > 0) continue;
    const declared = fields.every((f) => {
      const p = properties.get(f);
      return !!p && !(p.decorators?.length > 0) && !p.declare && !p.abstract && isNullish(p.value);
    });
    // The plan asks the checker for every reference to those fields: one the class itself makes outside the
    // method, other than a reset, already keeps them alive (`this.client = await connect()` in `open()`).
    if (declared && !fields.some((f) => usedOutside(cls, m, f))) deadCloses.push(memberName(m)!);
  }
  const implemented = ((cls.implements ?? []) as Node[]).map((i) => (i.expression?.type === 'Identifier' && !i.typeParameters && !i.typeArguments ? (i.expression.name as string) : null));
  const emptyDeadCloses = closeMethods.every((m) => !deadCloses.includes(memberName(m)!) || (m.body.body.length === 0 && (m.body.directives?.length ?? 0) === 0));
  const base = cls.superClass?.type === 'Identifier' && !cls.superTypeParameters && !cls.superTypeArguments ? (cls.superClass.name as string) : null;
  const facts = { deadCloses, ownDisposer, emptyDeadCloses, implements: implemented, extends: base };
  if (deadCloses.length > 0) return { door: 'dead-close', ...facts };
  if (ownDisposer) return { door: 'disposer-or-owner', ...facts };
  // Door 3: a field filled with `new …` or a call, whose release a close-like method calls (never for a
  // class with a disposer of its own).
  if (disposer) return null;
  const created = new Set<string>();
  for (const [name, p] of properties) if (p.value && isCreation(p.value)) created.add(name);
  walk(cls, (n) => {
    if (n.type === 'AssignmentExpression' && ['=', '??=', '||='].includes(n.operator)) {
      const f = thisField(n.left);
      if (f && isCreation(n.right)) created.add(f);
    }
  });
  if (created.size === 0) return null;
  const owns = closeMethods.some((m) => {
    let releases = false;
    walk(m, (n) => {
      if (n.type !== 'CallExpression' && n.type !== 'OptionalCallExpression') return;
      const callee = unwrap(n.callee);
      if ((callee?.type === 'MemberExpression' || callee?.type === 'OptionalMemberExpression') && !callee.computed) {
        const f = thisField(callee.object);
        if (f && created.has(f)) releases = true;
      }
    });
    return releases;
  });
  return owns ? { door: 'disposer-or-owner', ...facts } : null;
}

/**
 * Does the class read or write `this.<field>` outside `method`, other than in a reset statement
 * (`this.client = undefined;`)? Only a `this` that is the instance counts: not one inside a nested
 * `function`, object method or class.
 */
function usedOutside(cls: Node, method: Node, field: string): boolean {
  let used = false;
  const visit = (n: Node): void => {
    if (used || !n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(visit);
    if (typeof n.type !== 'string' || n === method) return;
    if (['FunctionExpression', 'FunctionDeclaration', 'ObjectMethod', 'ClassExpression', 'ClassDeclaration'].includes(n.type)) return;
    if (n.type === 'ExpressionStatement') {
      const e = unwrap(n.expression);
      const reset = e.type === 'AssignmentExpression' && e.operator === '=' && thisField(e.left) === field && isNullish(e.right);
      if (reset) return visit(e.right);
    }
    if (thisField(n) === field) {
      used = true;
      return;
    }
    for (const key of Object.keys(n)) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments' || key === 'extra') continue;
      const v = n[key];
      if (v && typeof v === 'object') visit(v);
    }
  };
  // The class's own members (its `this`): the body, not the class node itself (which the visitor stops at).
  visit(cls.body.body);
  return used;
}

/** The methods a disposer calls on `this` in its own statements (classFacts.disposerOf). */
function disposerCalls(m: Node): string[] {
  const calls: string[] = [];
  for (const st of m.body.body as Node[]) {
    let e = st.type === 'ExpressionStatement' ? st.expression : st.type === 'ReturnStatement' ? st.argument : null;
    e = e && unwrap(e);
    if (e?.type === 'AwaitExpression') e = unwrap(e.argument);
    if (e?.type !== 'CallExpression' && e?.type !== 'OptionalCallExpression') continue;
    const callee = unwrap(e.callee);
    if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed && unwrap(callee.object).type === 'ThisExpression') {
      const name = memberName(callee.property.type === 'Identifier' || callee.property.type === 'PrivateName' ? { key: callee.property } : {});
      if (name) calls.push(name);
    }
  }
  return calls;
}

/** `new X()`, `f()`, `await f()` (what the plan's creation test may accept: it asks the checker about calls). */
function isCreation(n: Node): boolean {
  let e = unwrap(n);
  if (e?.type === 'AwaitExpression') e = unwrap(e.argument);
  return e?.type === 'NewExpression' || e?.type === 'CallExpression' || e?.type === 'OptionalCallExpression';
}

/** The releases and resets of one statement of a close-like method (classFacts.releaseItems in babel's terms). */
function releaseItems(st: Node, fields: string[]): boolean {
  if (st.type === 'ExpressionStatement') {
    let e = unwrap(st.expression);
    if (e.type === 'AwaitExpression' || (e.type === 'UnaryExpression' && e.operator === 'void')) e = unwrap(e.argument);
    if (e.type === 'CallExpression' || e.type === 'OptionalCallExpression') {
      const callee = unwrap(e.callee);
      if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.computed) return false;
      const field = thisField(callee.object);
      if (!field || !e.arguments.every(isPure)) return false;
      fields.push(field);
      return true;
    }
    if (e.type === 'AssignmentExpression' && e.operator === '=') {
      const field = thisField(e.left);
      if (!field || !isNullish(e.right)) return false;
      fields.push(field);
      return true;
    }
    return false;
  }
  if (st.type === 'IfStatement' && !st.alternate) {
    const test = unwrap(st.test);
    let guarded = thisField(test);
    if (!guarded && test.type === 'BinaryExpression' && (test.operator === '!=' || test.operator === '!==')) {
      guarded = isNullish(test.right) ? thisField(test.left) : isNullish(test.left) ? thisField(test.right) : null;
    }
    if (!guarded) return false;
    const inner: Node[] = st.consequent.type === 'BlockStatement' ? st.consequent.body : [st.consequent];
    const own: string[] = [];
    if (!inner.every((s) => releaseItems(s, own)) || !own.every((f) => f === guarded)) return false;
    fields.push(...own);
    return true;
  }
  if (st.type === 'BlockStatement') return st.body.every((s: Node) => releaseItems(s, fields));
  return false;
}

function isPure(n: Node): boolean {
  const e = unwrap(n);
  if (['Identifier', 'StringLiteral', 'NumericLiteral', 'BigIntLiteral', 'RegExpLiteral', 'ThisExpression', 'BooleanLiteral', 'NullLiteral'].includes(e.type)) return true;
  if (e.type === 'TemplateLiteral') return e.expressions.length === 0;
  if ((e.type === 'MemberExpression' || e.type === 'OptionalMemberExpression') && !e.computed) return isPure(e.object);
  return false;
}

/** Every node under `n`, before its children; `enter` false leaves a node and all under it out. */
function walk(n: Node, visit: (n: Node) => void, enter?: (n: Node) => boolean): void {
  if (!n || typeof n !== 'object') return;
  if (Array.isArray(n)) {
    for (const c of n) walk(c, visit, enter);
    return;
  }
  if (typeof n.type !== 'string' || (enter && !enter(n))) return;
  visit(n);
  for (const key of Object.keys(n)) {
    if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments' || key === 'extra') continue;
    const v = n[key];
    if (v && typeof v === 'object') walk(v, visit, enter);
  }
}
