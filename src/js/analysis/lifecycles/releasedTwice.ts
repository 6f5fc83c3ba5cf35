// A resource released inside a try (or its catch) whose finally releases it again: the finally runs after
// every path through the try, so each path that takes the inner release — an early `return` that tidies up
// first, a catch that releases before rethrowing — releases twice (pg throws "Release called on client which
// has already been released to the pool"). Whatever holds the resource — a local, a parameter, what a
// middleware parked on the request — the variable must never be given another value in between. Only
// reported: which of the two releases should go depends on what the code meant.
import type { Catalog } from '../../../catalog/js';
import type { Provenance } from '../../provenance/values';
import { bindingOwnerPath, collectPaths, enclosingFunction, isInside, lineColumn, unwrapExpression, type Node, type Path } from '../ast';
import { isPresenceGuard } from './flow';
import type { Lifecycle } from './model';
import type { Finding } from '../../../core/model';
import { doubleReleaseConsequence, reasonText } from '../reasons';

export interface ReleasedTwice {
  /** The release inside the try or catch. */
  call: Path;
  name: string;
  method: string;
  library: string;
  kind: string;
  noun: string;
  line: number;
  column: number;
  /** Line of the finally's release. */
  finallyLine: number;
}

/** `x.m(…)` / `x?.m(…)` with `x` an identifier: [x's path, m]. */
function releaseCall(call: Path): { target: Path; method: string } | null {
  const n = call.node;
  if (n.type !== 'CallExpression' && n.type !== 'OptionalCallExpression') return null;
  const callee = unwrapExpression(n.callee);
  if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.computed || callee.property.type !== 'Identifier') return null;
  const object = unwrapExpression(callee.object);
  if (object.type !== 'Identifier') return null;
  const [target] = collectPaths(call.get('callee'), (x: Node) => x === object);
  return target ? { target, method: callee.property.name } : null;
}

/** The release a statement of a finally makes on every path: `x.release();`, `await x.end();`, `if (x) x.release();`. */
function unconditionalRelease(statement: Path): Path | null {
  let s = statement;
  if (s.node.type === 'IfStatement' && !s.node.alternate) {
    const inner = s.node.consequent.type === 'BlockStatement' ? (s.node.consequent.body.length === 1 ? s.get('consequent', 'body', 0) : null) : s.get('consequent');
    if (!inner) return null;
    const released = inner.node.type === 'ExpressionStatement' ? releaseCall(callOf(inner)) : null;
    if (!released || !isPresenceGuard(s.node.test, released.target.node.name)) return null;
    s = inner;
  }
  if (s.node.type !== 'ExpressionStatement') return null;
  const call = callOf(s);
  return releaseCall(call) ? call : null;
}

function callOf(statement: Path): Path {
  let e: Path = statement.get('expression');
  while (e.node.type === 'AwaitExpression' || e.node.type === 'ParenthesizedExpression' || (e.node.type === 'UnaryExpression' && e.node.operator === 'void')) e = e.get(e.node.type === 'ParenthesizedExpression' ? 'expression' : 'argument');
  return e;
}

/** Is the variable that `owner` binds as `name` ever assigned after it is declared (anywhere in the owner)? */
function reassigned(owner: Path, name: string): boolean {
  return collectPaths(owner, (n: Node) => (n.type === 'AssignmentExpression' && unwrapExpression(n.left).type === 'Identifier' && unwrapExpression(n.left).name === name) || (n.type === 'UpdateExpression' && n.argument.type === 'Identifier' && n.argument.name === name)).some((p) => {
    const target = p.node.type === 'AssignmentExpression' ? p.get('left') : p.get('argument');
    return bindingOwnerPath(target, name)?.node === owner.node;
  });
}

export function findReleasedTwice(root: Path, ctx: { catalog: Catalog; provenance: Provenance }): ReleasedTwice[] {
  const out: ReleasedTwice[] = [];
  for (const tryPath of collectPaths(root, (n: Node) => n.type === 'TryStatement' && !!n.finalizer)) {
    const fn = enclosingFunction(tryPath).node;
    const finalizer: Path = tryPath.get('finalizer');
    finalizer.node.body.forEach((_: Node, i: number) => {
      const final = unconditionalRelease(finalizer.get('body', i));
      if (!final) return;
      const { target, method } = releaseCall(final)!;
      const name: string = target.node.name;
      const owner = bindingOwnerPath(target, name);
      if (!owner || reassigned(owner, name)) return;
      const value = ctx.provenance.expr(target);
      if (value?.t !== 'instance') return;
      const resource = ctx.catalog.resource(value.kind);
      const methods = (resource?.release ?? []).filter((r) => !r.argumentOf).map((r) => r.method);
      if (!resource || !methods.includes(method)) return;
      // Releases of the same variable in the try block or its catch, in the same function.
      const inner = [tryPath.get('block'), ...(tryPath.node.handler ? [tryPath.get('handler', 'body')] : [])].flatMap((part) =>
        collectPaths(part, (n: Node) => n.type === 'CallExpression' || n.type === 'OptionalCallExpression').filter((call) => {
          const r = releaseCall(call);
          return !!r && r.target.node.name === name && methods.includes(r.method) && enclosingFunction(call).node === fn && bindingOwnerPath(r.target, name)?.node === owner.node;
        }),
      );
      for (const call of inner) {
        if (isInside(call, finalizer.node)) continue;
        out.push({
          call,
          name,
          method: releaseCall(call)!.method,
          library: value.kind.lib.library,
          kind: value.kind.name,
          noun: resource.noun,
          ...lineColumn(call.node),
          finallyLine: final.node.loc?.start.line ?? 0,
        });
      }
    });
  }
  return out;
}

/** Its findings: released twice on one path, unless the lifecycle of the same variable already has a finding of its own. */
export function releasedTwiceFindings(found: ReleasedTwice[], lifecycles: Lifecycle[], findings: Finding[], transform: string): Finding[] {
  const said = new Set(lifecycles.filter((lc) => findings.some((f) => f.line === lc.line && f.column === lc.column)).map((lc) => `${lc.name}\0${enclosingFunction(lc.acquire).node.start}`));
  return found
    .filter((r) => !said.has(`${r.name}\0${enclosingFunction(r.call).node.start}`))
    .map((r) => {
      const values = { noun: r.noun, detail: `${r.name}.${r.method}() at line ${r.line}`, finallyLine: String(r.finallyLine), consequence: doubleReleaseConsequence(r.library, r.kind) };
      return { transform, line: r.line, column: r.column, library: r.library, resource: r.name, outcome: 'reported' as const, style: null, reasonId: 'double-release', reason: reasonText('double-release', values) };
    });
}
