// A function that releases what its caller hands it: `function queryResult(conn, sql) { … conn.query(sql,
// (err, rows) => { if (err) return reject(err); resolve(rows); conn.release(); }) … }`, where every call in
// the project passes a pooled connection (the project index fills the parameter; params.ts). The caller
// acquired it and gets it back into the pool only through this release, so no rewrite here can own it (nor
// any in the caller, which reports released-by-callee). What can be said is whether every path through
// this function (and the callbacks of the resource's own methods it starts) releases it: then nothing is
// reported, as for a release in a finally; when a branch ends or returns without it, released-conditionally;
// when only a throw leaves a callback without it, callback-path-unreleased. A throw out of the function's
// own body goes back to the caller, who may still release: not reported.
import { bindingOwnerPath, collectPaths, isFunction, type Node, type Path } from '../ast';
import { catalogueWords } from '../../provenance/moduleText';
import { functionName } from '../../provenance/calls';
import { parameterPaths } from './callbackPaths';
import { baseLifecycle, refused, type FinderContext, type Lifecycle } from './model';

/** The lifecycles of the parameters the file's functions release, where some path leaves one held. */
export function parameterLifecycles(root: Path, ctx: FinderContext, text: string): Lifecycle[] {
  const { pooledReleases: releases, releaseOnName } = catalogueWords(ctx.catalog);
  // (The file's text first: most files call no pooled release right on a name, and are not walked again.)
  if (!releases.size || !releaseOnName.test(text)) return [];
  const calls = collectPaths(root, (n: Node) => (n.type === 'CallExpression' || n.type === 'OptionalCallExpression') && (n.callee.type === 'MemberExpression' || n.callee.type === 'OptionalMemberExpression') && !n.callee.computed && n.callee.object.type === 'Identifier' && releases.has(n.callee.property.name));
  const out: Lifecycle[] = [];
  const seen = new Set<Node>();
  for (const call of calls) {
    const receiver = call.get('callee', 'object');
    const name: string = receiver.node.name;
    const fn = bindingOwnerPath(receiver, name);
    if (!fn || !isFunction(fn.node)) continue;
    const index = (fn.node.params as Node[]).map((p) => (p.type === 'AssignmentPattern' ? p.left : p)).findIndex((id) => id.type === 'Identifier' && id.name === name);
    if (index < 0) continue;
    const param = fn.node.params[index];
    if (seen.has(param)) continue;
    seen.add(param);
    // A callback's parameter is filled by what it is handed to (`pool.getConnection((err, conn) => …)`,
    // followed with its acquire): only a function the code calls by name.
    const holder = fn.parent?.node;
    if ((holder?.type === 'CallExpression' || holder?.type === 'NewExpression' || holder?.type === 'OptionalCallExpression') && holder.callee !== fn.node) continue;
    const value = ctx.provenance.expr(receiver);
    if (value?.t !== 'instance') continue;
    const resource = ctx.catalog.resource(value.kind);
    const method: string = call.node.callee.property.name;
    if (!resource || !resource.release.some((r) => r.method === method)) continue;
    const label = functionName(fn);
    const leak = parameterPaths(resource, fn, name, label ? `${label}()` : 'the function');
    if (leak === null || leak === 'none' || leak.how === 'unknown') continue;
    const lc = baseLifecycle({ acquire: fn.get('params', index), kind: value.kind, resource }, name);
    lc.release = resource.release.find((r) => r.method === method) ?? lc.release;
    if (leak.how === 'ends') {
      out.push(refused(lc, { reasonId: 'released-conditionally', at: call.node }));
      continue;
    }
    // A throw: reported only where it leaves a callback, which no caller's catch can reach.
    const inCallback = collectPaths(fn.get('body'), (n: Node) => isFunction(n)).some((inner) => isLeakIn(leak.at, inner.node));
    if (inCallback) out.push(refused(lc, { reasonId: 'callback-path-unreleased', detail: leak.detail, at: leak.at }));
  }
  return out;
}

/** Is `at` (a node of the leak) inside the function `fn`? */
function isLeakIn(at: Node, fn: Node): boolean {
  return typeof at?.start === 'number' && typeof fn.start === 'number' && at.start >= fn.start && at.end <= fn.end;
}
