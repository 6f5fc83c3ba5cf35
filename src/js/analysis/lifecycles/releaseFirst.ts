// A release at the end of a callback its own work calls once, after code that can throw:
//
//   conn.query(sql, (err, rows) => { if (err) throw err; res.send(rows); conn.release(); });
//
// The query is over when the callback runs, so nothing there needs the resource any more: the release can go
// first, and then a throw (or an early return) no longer skips it. It is moved only when nothing before it
// in the callback names the resource, and only if the path analysis, run again with it moved, finds every
// path released.
import { isFunction, mentions, type Node, unwrapExpression, walk } from '../ast';

/** A release statement to move to the start of the callback body it ends. */
export interface ReleaseFirst {
  body: Node[];
  release: Node;
}

export interface FirstHeld {
  name: string;
  /** Methods whose last function argument the library calls exactly once, when the work is over. */
  once: Set<string>;
  isRelease(statement: Node): boolean;
}

/**
 * Try moving every such release first (inside `root`); `paths` runs the path analysis on the tree as it is
 * then. Returns the moves when they leave every path released, else null. The tree is left as it was.
 */
export function releaseFirst(root: Node, held: FirstHeld, paths: () => boolean, scope: Node = root): ReleaseFirst[] | null {
  const moves = candidates(root, held, usersOf(scope, held.name));
  if (moves.length === 0) return null;
  const saved = moves.map((m) => [...m.body]);
  for (const m of moves) apply(m);
  let released = false;
  try {
    released = paths();
  } finally {
    moves.forEach((m, i) => m.body.splice(0, m.body.length, ...saved[i]));
  }
  return released ? moves : null;
}

/** Move the release to the start of its body (on the tree that will be printed). */
export function apply(m: ReleaseFirst): void {
  const i = m.body.indexOf(m.release);
  if (i <= 0) return;
  m.body.splice(i, 1);
  m.body.unshift(m.release);
}

/** Names of the functions declared in `scope` that use the resource (a call to one uses it too). */
function usersOf(scope: Node, name: string): Set<string> {
  const users = new Set<string>();
  walk(scope, (n) => {
    if (n.type === 'FunctionDeclaration' && n.id && mentions(n.body, name)) users.add(n.id.name);
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init && isFunction(n.init) && mentions(n.init.body, name)) users.add(n.id.name);
  }, true);
  return users;
}

function candidates(root: Node, held: FirstHeld, users: Set<string>): ReleaseFirst[] {
  const found: ReleaseFirst[] = [];
  walk(root, (n) => {
    if (n.type !== 'CallExpression' && n.type !== 'OptionalCallExpression') return;
    const callee = unwrapExpression(n.callee);
    if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.computed) return;
    const object = unwrapExpression(callee.object);
    if (object.type !== 'Identifier' || object.name !== held.name || !held.once.has(callee.property?.name)) return;
    const fn = n.arguments[n.arguments.length - 1];
    if (!isFunction(fn) || fn.body?.type !== 'BlockStatement') return;
    if (fn.params.some((p: Node) => mentions(p, held.name))) return;
    const body: Node[] = fn.body.body;
    const i = body.findIndex((s) => held.isRelease(s));
    if (i <= 0 || body.slice(i + 1).some((s) => held.isRelease(s))) return;
    const release = body[i];
    // Awaited, it would wait before the rest; plain calls only. Nothing before it may use the resource.
    if (release.type !== 'ExpressionStatement' || unwrapExpression(release.expression).type === 'AwaitExpression') return;
    if (body.slice(0, i).some((s) => mentions(s, held.name) || mentions(s, users))) return;
    found.push({ body, release });
  }, true);
  return found;
}
