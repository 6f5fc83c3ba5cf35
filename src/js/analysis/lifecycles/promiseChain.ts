// A promise chain that releases on both ways its work can settle:
//
//   const session = driver.session();
//   return session.run(q).then((r) => { session.close(); return r.records; }).catch((e) => { log(e); session.close(); });
//
// The work's failure skips the `.then` and reaches the `.catch`; its success runs the `.then`, whose release
// comes before anything that could throw. (`.finally(() => x.close())` releases on both by itself.) Already
// safe: nothing to report, nothing to rewrite.
import { isFunction, type Node, type Path, unwrapExpression } from '../ast';
import type { Lifecycle } from './model';
import { cannotThrow, isPlainLog } from './flow';

/** Does the statement right after the acquire hold the whole lifecycle as such a chain? */
export function releasedBySettledChain(lc: Lifecycle, refs: Path[]): boolean {
  if (lc.form !== 'declaration') return false;
  const body: Node[] = lc.block.node.body;
  const next = body[body.indexOf(lc.statement.node) + 1];
  const expr = next?.type === 'ReturnStatement' ? next.argument : next?.type === 'ExpressionStatement' ? next.expression : null;
  if (!expr) return false;
  // Every reference sits in that statement, none after it.
  if (!refs.every((r) => (r.node.start ?? 0) >= next.start && (r.node.end ?? 0) <= next.end)) return false;
  const links = chain(unwrapExpression(expr));
  if (!links) return false;
  const releases = new Set(lc.resource.release.map((r) => r.method));
  // The head is a call on the resource: the work whose promise the chain settles.
  const head = links.head;
  const callee = head.type === 'CallExpression' ? unwrapExpression(head.callee) : null;
  if (callee?.type !== 'MemberExpression' || unwrapExpression(callee.object).type !== 'Identifier' || unwrapExpression(callee.object).name !== lc.name) return false;
  if (releases.has(callee.property?.name) || head.arguments.some((a: Node) => isFunction(a))) return false;
  const onFinally = links.finally.some((f) => releasesFirst(f, lc.name, releases));
  if (onFinally) return true;
  // `.then(ok)` then `.catch(err)` (or `.then(ok, err)`): both release before anything can throw.
  return links.ok.length === 1 && links.err.length === 1 && releasesFirst(links.ok[0], lc.name, releases) && releasesFirst(links.err[0], lc.name, releases);
}

interface Links {
  head: Node;
  ok: Node[];
  err: Node[];
  finally: Node[];
}

/** `head.then(a[, b]).catch(b).finally(c)` (each link optional, in that order): the callbacks by role, or null. */
function chain(e: Node): Links | null {
  const links: Links = { head: e, ok: [], err: [], finally: [] };
  const order: string[] = [];
  let cur = e;
  while (cur.type === 'CallExpression' && cur.callee.type === 'MemberExpression' && !cur.callee.computed && ['then', 'catch', 'finally'].includes(cur.callee.property?.name)) {
    const method: string = cur.callee.property.name;
    const args: Node[] = cur.arguments;
    if (args.length === 0 || !args.every((a) => isFunction(a))) return null;
    if (method === 'then') {
      links.ok.push(args[0]);
      if (args[1]) links.err.push(args[1]);
    } else if (method === 'catch') links.err.push(args[0]);
    else links.finally.push(args[0]);
    order.unshift(method);
    cur = unwrapExpression(cur.callee.object);
  }
  links.head = cur;
  // Only these see the work's own outcome: a `.then` after a `.catch` sees the catch's.
  if (!/^(then,?)?(catch,?)?(finally)?$/.test(order.join(',')) || order.length === 0) return null;
  return links;
}

/** The callback's first statements that can throw come after `name.release()` (a statement of its body). */
function releasesFirst(fn: Node, name: string, releases: Set<string>): boolean {
  if (!fn || fn.body?.type !== 'BlockStatement') return false;
  for (const st of fn.body.body as Node[]) {
    if (isRelease(st, name, releases)) return true;
    if (!cannotThrow(st) && !isPlainLog(st)) return false;
  }
  return false;
}

function isRelease(st: Node, name: string, releases: Set<string>): boolean {
  if (st.type !== 'ExpressionStatement') return false;
  let e = unwrapExpression(st.expression);
  if (e.type === 'AwaitExpression') e = unwrapExpression(e.argument);
  if (e.type !== 'CallExpression' || e.arguments.length > 0) return false;
  const callee = unwrapExpression(e.callee);
  return callee.type === 'MemberExpression' && !callee.computed && unwrapExpression(callee.object).type === 'Identifier' && unwrapExpression(callee.object).name === name && releases.has(callee.property?.name);
}
