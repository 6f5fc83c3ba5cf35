// What Express middleware parks on the request across the project (`req.dbClient = await pool.connect()`):
// in a handler, `req.dbClient` is that resource, borrowed. A name is kept only when every middleware that
// parks something under it parks the same kind of resource, and only for resources a handler borrows and
// releases (a pooled client, a session), never a pool or a client the process keeps: their teardowns are
// another analysis's, which must not take a per-request object for a shared one.
import { poolKind } from '../../catalog/js/pools';
import type { Catalog } from '../../catalog/js';
import { bindingOwnerPath, collectPaths, enclosingFunction, isFunction, unwrapExpression, walk, type Node, type Path } from '../analysis/ast';
import { serialize, type SerialValue } from './serial';
import { bodySpan, bracketsOf, type Brackets } from './textScopes';
import { escapeRegExp } from '../../core/regex';
import type { Value } from './values';

const paramName = (fn: Node, i: number): string | null => (fn.params[i]?.type === 'Identifier' ? fn.params[i].name : null);

/**
 * `(req, res, next)` whose third parameter the body calls (`next()`, `next(err)`), in nested callbacks too:
 * the shape of Express middleware, whatever the names.
 */
export function middlewareShape(fn: Path): { requestParam: string; responseParam: string } | null {
  const node = fn.node;
  if (node.params.length !== 3 || node.body?.type !== 'BlockStatement') return null;
  const [requestParam, responseParam, nextParam] = [0, 1, 2].map((i) => paramName(node, i));
  if (!requestParam || !responseParam || !nextParam) return null;
  const calls = collectPaths(fn.get('body'), (n: Node) => n.type === 'CallExpression' && unwrapExpression(n.callee).type === 'Identifier' && unwrapExpression(n.callee).name === nextParam);
  if (!calls.some((c) => bindingOwnerPath(c.get('callee'), nextParam)?.node === node)) return null;
  return { requestParam, responseParam };
}

/**
 * A file that may park an awaited value on an object: worth parsing for its middleware. Not on `this`
 * (`this.x = await …`): only a request parameter, a name, can be the object parked on.
 */
// (Found from each `await`, looking back: one that starts at `.` tries every member access of the file.)
export const PARKS_AWAITED = /await(?<=(?<!(?<![\w$.])this\s*)\.\s*[\w$]+\s*=\s*await)\s/;

const PARKS_ON_NAME = /(?<![\w$.])([\w$]+)\s*\.\s*[\w$]+\s*=\s*await\s/g;

/**
 * The test before a parse, sharper than `PARKS_AWAITED`: some `x.slot = await …` lies in the body of a
 * function whose first parameter is `x` and that takes three or more (a type's commas only add to the count).
 * A text whose brackets it cannot pair (JSX) is worth the parse whenever it parks an awaited value on the first
 * of a list that may hold three.
 */
export function mayParkOnRequest(text: string, file = ''): boolean {
  if (!PARKS_AWAITED.test(text)) return false;
  const parked = new Map<string, number[]>();
  for (const m of text.matchAll(PARKS_ON_NAME)) {
    if (m[1] === 'this') continue;
    const at = parked.get(m[1]);
    if (at) at.push(m.index);
    else parked.set(m[1], [m.index]);
  }
  if (!parked.size) return false;
  // A list whose first parameter is one of the names parked on: `(req, res, next)`, `(req: Request, …`.
  const lists = new RegExp(`\\(\\s*(${[...parked.keys()].map(escapeRegExp).join('|')})\\s*[:,)?=]`, 'g');
  let b: Brackets | null | undefined;
  const jsx = /\.[cm]?[jt]sx$/.test(file);
  for (const m of text.matchAll(lists)) {
    // Most such lists are a call's one or two arguments: counted where they are, without pairing every
    // bracket of a large file first (a list holding a quote or a slash is left to the pairing).
    if (!jsx && plainPartsBelow(text, m.index, 3)) continue;
    b ??= jsx ? null : bracketsOf(text);
    if (!b) return true;
    const open = m.index;
    const at = parked.get(m[1])!;
    if (!b.close.has(open) || parameterCount(text, b, open) < 3) continue;
    // (No body after it: a call's arguments, not a parameter list.)
    const span = bodySpan(text, b, open);
    if (span && at.some((p) => p > span[0] && p < span[1])) return true;
  }
  return false;
}

/**
 * Is the list opening at `open` certainly of fewer than `n` parts, as parameterCount counts them? Only for a
 * list with no template or slash before its close, and no bracket in a quoted string (nothing else there can
 * hide a bracket; a comma in a string counts, as parameterCount counts it).
 */
function plainPartsBelow(text: string, open: number, n: number): boolean {
  let depth = 0;
  let parts = 0;
  let filled = false;
  // The quote of the string the scan is in (0: none).
  let quote = 0;
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === 0x5c) i++; // an escaped character
      else if (c === quote) {
        quote = 0;
        filled = true;
      }
      else if (c === 0x0a || c === 0x0d || c === 0x28 || c === 0x29 || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) return false;
      else if (c === 0x2c && depth === 0) {
        if (filled) parts++;
        filled = false;
        if (parts >= n) return false;
      } else if (depth === 0 && c !== 0x20 && c !== 0x09) filled = true;
      continue;
    }
    if (c === 0x60 || c === 0x2f) return false; // ` /
    if (c === 0x22 || c === 0x27) {
      quote = c;
      filled = true;
      continue;
    }
    if (c === 0x28 || c === 0x5b || c === 0x7b) {
      depth++;
      filled = true;
    } else if (c === 0x29 || c === 0x5d || c === 0x7d) {
      if (depth === 0) return c === 0x29 && parts + (filled ? 1 : 0) < n;
      depth--;
    } else if (depth === 0 && c === 0x2c) {
      if (filled) parts++;
      filled = false;
      if (parts >= n) return false;
    } else if (depth === 0 && c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) filled = true;
  }
  return false;
}

/** The parts of the parenthesised list opening at `open`, counted by its top-level commas (an empty last one not counted). */
function parameterCount(text: string, b: Brackets, open: number): number {
  const end = b.close.get(open)!;
  let parts = 0;
  let filled = false;
  for (let i = open + 1; i < end; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') {
      i = b.close.get(i) ?? i;
      filled = true;
    } else if (c === ',') {
      if (filled) parts++;
      filled = false;
    } else if (!/\s/.test(c)) filled = true;
  }
  return parts + (filled ? 1 : 0);
}

/** `slot → value` for the `req.<slot> = …` assignments of the middleware in `program`. */
export function parkedSlots(program: Path, catalog: Catalog, evaluate: (p: Path) => Value | null): Map<string, SerialValue | null> {
  const out = new Map<string, SerialValue | null>();
  for (const fn of collectPaths(program, (n: Node) => isFunction(n) && n.params.length === 3)) {
    const shape = middlewareShape(fn);
    if (!shape) continue;
    for (const assign of collectPaths(fn.get('body'), (n: Node) => n.type === 'AssignmentExpression' && n.operator === '=')) {
      if (enclosingFunction(assign).node !== fn.node) continue;
      const left = unwrapExpression(assign.node.left);
      if (left.type !== 'MemberExpression' || left.computed || left.property.type !== 'Identifier') continue;
      const object = unwrapExpression(left.object);
      if (object.type !== 'Identifier' || object.name !== shape.requestParam) continue;
      const value = evaluate(assign.get('right'));
      const resource = value?.t === 'instance' ? catalog.resource(value.kind) : undefined;
      const borrowed = value?.t === 'instance' && !!resource && resource.release.length > 0 && !poolKind(value.kind.lib.library, value.kind.name);
      mergeSlot(out, left.property.name, borrowed ? serialize(value) : null);
    }
  }
  return out;
}

/** One more value parked under `slot`: a name parked with two kinds (or with anything else) is unknown. */
function mergeSlot(into: Map<string, SerialValue | null>, slot: string, v: SerialValue | null): void {
  const had = into.get(slot);
  into.set(slot, !into.has(slot) || (had && v && JSON.stringify(had) === JSON.stringify(v)) ? v : null);
}

/** Merge one file's slots into the project's, by the same rule. */
export function mergeSlots(into: Map<string, SerialValue | null>, from: Map<string, SerialValue | null>): void {
  for (const [slot, v] of from) mergeSlot(into, slot, v);
}

// What a handler does with the response: Express's and Node's own methods, and `res.locals`.
const RESPONSE_MEMBERS = new Set(['status', 'json', 'send', 'end', 'render', 'redirect', 'sendStatus', 'sendFile', 'download', 'set', 'header', 'setHeader', 'writeHead', 'write', 'cookie', 'clearCookie', 'type', 'format', 'attachment', 'location', 'links', 'vary', 'append', 'locals', 'headersSent']);

/** Does `fn` use its parameter `name` as a response (`res.status(…)`, `res.json(…)`, `res.locals`)? */
function usedAsResponse(fn: Node, name: string): boolean {
  let found = false;
  walk(fn.body, (n: Node) => {
    if (found) return false;
    const object = n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression' ? unwrapExpression(n.object) : null;
    if (object?.type === 'Identifier' && object.name === name && !n.computed && RESPONSE_MEMBERS.has(n.property.name)) found = true;
    return !found;
  }, true);
  return found;
}

/** Does `fn` call its parameter `name` (`next()`)? */
function calls(fn: Node, name: string): boolean {
  let found = false;
  walk(fn.body, (n: Node) => {
    if (found) return false;
    if (n.type === 'CallExpression' && unwrapExpression(n.callee).type === 'Identifier' && unwrapExpression(n.callee).name === name) found = true;
    return !found;
  }, true);
  return found;
}

/**
 * `req.<slot>` where `req` is a request handler's request parameter: the first of `(req, res)` or `(req,
 * res, next)`, the second of an error handler's `(err, req, res, next)` — a function that uses the parameter
 * after it as a response, or calls the one after that (`next()`).
 */
export function isRequestParameter(fn: Node, name: string): boolean {
  const names: (string | null)[] = fn.params.map((p: Node) => (p.type === 'Identifier' ? p.name : null));
  const at = names.length === 4 ? 1 : names.length === 2 || names.length === 3 ? 0 : -1;
  if (at < 0 || names[at] !== name) return false;
  const response = names[at + 1];
  const next = names[at + 2];
  return (!!response && usedAsResponse(fn, response)) || (!!next && calls(fn, next));
}
