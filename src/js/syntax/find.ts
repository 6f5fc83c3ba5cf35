// jscodeshift's `j(start).find(Type, filter)`, without its PathVisitor. The visit is the same: every value
// ast-types' field lists reach, in their order, with the same defaults filled into the nodes that lack a
// field (PathVisitor writes them in), and the matches are the same paths (ast-types caches each child path,
// so `root.get(...)` returns the object the visitor would have made). What goes is the cost of a visitor
// context and a path for every value of the tree, matches or not.
import jscodeshift from 'jscodeshift';
import type { Node, Path } from '../analysis/ast';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const matchNode = require('jscodeshift/src/matchNode') as (haystack: unknown, needle: unknown) => boolean;

const types = jscodeshift.types;
const toStr = Object.prototype.toString;
const hasOwn = Object.prototype.hasOwnProperty;
const OBJECT = toStr.call({});
const ARRAY = toStr.call([]);

/** ast-types' field names of a node type (what `getFieldNames` gives for every node of that type). */
const fieldNamesByType = new Map<string, string[]>();
function fieldNames(value: Node): string[] {
  if (typeof value.type !== 'string') return types.getFieldNames(value);
  let names = fieldNamesByType.get(value.type);
  if (!names) {
    names = types.getFieldNames(value);
    fieldNamesByType.set(value.type, names);
  }
  return names;
}

/** Is a node of type `t` visited by a `visit<wanted>` method (the type or one of its subtypes)? */
const kinds = new Map<string, boolean>();
function isKind(t: string, wanted: string): boolean {
  const key = `${wanted}\0${t}`;
  let hit = kinds.get(key);
  if (hit === undefined) {
    const s = supertypes(t);
    hit = s !== null && (t === wanted || s.includes(wanted));
    kinds.set(key, hit);
  }
  return hit;
}

function supertypes(t: string): string[] | null {
  try {
    return types.getSupertypeNames(t);
  } catch {
    return null;
  }
}

/** The paths `jscodeshift(start).find(type, filter).paths()` gives, in its order. */
export function findPaths(start: Path | Node, type: { toString(): string } | string, filter?: unknown): Path[] {
  const wanted = String(type);
  const root = jscodeshift(start).paths()[0] as Path;
  const out: Path[] = [];
  const trail: (string | number)[] = [];
  const visit = (value: Node, atRoot: boolean): void => {
    if (!atRoot && value && typeof value === 'object' && typeof value.type === 'string' && isKind(value.type, wanted)) {
      if (!filter || matchNode(value, filter)) out.push(root.get(...trail));
    }
    const kind = toStr.call(value);
    if (kind === ARRAY) {
      const len = value.length;
      for (let i = 0; i < len; i++) {
        if (!hasOwn.call(value, i)) continue;
        trail.push(i);
        visit(value[i], false);
        trail.pop();
      }
    } else if (kind === OBJECT) {
      const names = fieldNames(value);
      for (const name of names) if (!hasOwn.call(value, name)) value[name] = types.getFieldValue(value, name);
      for (const name of names) {
        trail.push(name);
        visit(value[name], false);
        trail.pop();
      }
    }
  };
  visit(root.value, true);
  return out;
}
