// Finding the acquires: every call or `new` whose value the catalogue (or the checker) knows as a resource.
import type { Catalog, Kind, LibrarySpec, ResourceSpec } from '../../../catalog/js';
import { LIBRARIES, RELEASE_NAMES } from '../../../catalog/js';
import { factKey, type TypeFact } from '../../checker/typeFacts';
import { collectPaths, type Node, type Path, unwrapExpression } from '../ast';
import { Candidate, FinderContext } from './model';

/** A resource known only by its type's disposer (a library the catalogue does not list). */
function disposableResource(fact: TypeFact, typeName: string): { kind: Kind; resource: ResourceSpec } {
  const pkg = fact.package ?? 'unknown';
  const lib = { library: pkg, packageName: pkg, modules: {}, methods: {}, resources: [] } as LibrarySpec;
  const resource: ResourceSpec = {
    kind: typeName,
    noun: 'resource',
    release: RELEASE_NAMES.map((method) => ({ method, async: fact.dispose === 'async' })),
    native: { since: '0.0.0', dispose: fact.dispose!, sameAs: RELEASE_NAMES },
  };
  lib.resources.push(resource);
  return { kind: { lib, name: typeName }, resource };
}
/** A readable name for what an unknown-library call makes: `new Foo()` → Foo, `openFoo()` → openFoo. */
function sourceTypeName(node: Node): string {
  const callee = unwrapExpression(node.callee);
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed) return callee.property.name;
  return 'resource';
}
/**
 * Can this call acquire at all? A method call only when the catalogue lists its name (method, static, export)
 * or a project class has a method of that name that may hand out a resource.
 */
function mayAcquire(node: Node, catalog: Catalog, projectMethods: Set<string>): boolean {
  const callee = unwrapExpression(node.callee);
  // A plain name may be a local alias (`import Sqlite from 'better-sqlite3'`): always look it up.
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return true;
  return callee.computed || catalog.acquireNames().has(callee.property.name) || projectMethods.has(callee.property.name);
}
/** `f().m()`, `new F().m()`: a method called on what a call right there returned. */
function isCallOn(node: Node): boolean {
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return false;
  const recv = unwrapExpression(callee.object);
  return recv.type === 'CallExpression' || recv.type === 'NewExpression';
}
/** `pool.getConnection((err, conn) => …)` of a resource the catalogue says is handed to a callback. */
function handsToCallback(node: Node): boolean {
  const args: Node[] = node.arguments ?? [];
  const last = args[args.length - 1];
  return !!last && (last.type === 'ArrowFunctionExpression' || last.type === 'FunctionExpression');
}
/** Does the catalogue say this call makes a plain-value resource (a file descriptor)? */
function makesPlainValue(p: Path, ctx: FinderContext): boolean {
  const value = ctx.provenance.expr(p);
  return value?.t === 'instance' && !!ctx.catalog.resource(value.kind)?.plainValue;
}
/** Every acquire expression of a catalogue resource in the file. */
export function findAcquires(root: Path, ctx: FinderContext): Candidate[] {
  const out: Candidate[] = [];
  const consider = (p: Path) => {
    const node = p.node;
    // In a chain (`createClient().connect()`), the outer call is the acquire.
    const parent = p.parent?.node;
    if ((parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.object === node) {
      const gp = p.parent.parent?.node;
      if (gp && (gp.type === 'CallExpression' || gp.type === 'OptionalCallExpression') && gp.callee === parent) {
        const outer = ctx.provenance.expr(p.parent.parent);
        const inner = ctx.provenance.expr(p);
        if (outer?.t === 'instance' && inner?.t === 'instance' && outer.kind.name === inner.kind.name && outer.kind.lib === inner.kind.lib) return;
      }
    }
    const fact = ctx.typeFacts?.calls[factKey(node)];
    if (fact) {
      // The checker's word wins: a wrapper's PoolClient is found, a look-alike `.release()` is dropped.
      // `x.connect()` returning x acquires nothing, unless x is made right there: `createClient().connect()`
      // (the inner call, which starts at the same place, shares this fact and is skipped).
      if (fact.selfReturn && !(node.type === 'CallExpression' && isCallOn(node))) return;
      if (fact.kind && fact.library) {
        // The catalogue can know better than a type: mssql's `sql.connect()` is typed as a ConnectionPool,
        // but it is the library's global pool, which every caller shares.
        const known = ctx.provenance.expr(p);
        if (known?.t === 'instance' && known.kind.lib.library === fact.library && !ctx.catalog.resource(known.kind)) return;
        const lib = ctx.catalog.libraries.find((l) => l.library === fact.library) ?? LIBRARIES.find((l) => l.library === fact.library);
        const kind = lib ? { lib, name: fact.kind } : null;
        const resource = kind ? ctx.catalog.resource(kind) : undefined;
        if (kind && resource) out.push({ acquire: p, kind, resource, typeDispose: fact.dispose ?? null });
        return;
      }
      if (fact.dispose && fact.package) {
        const calleeName = sourceTypeName(node);
        out.push({ acquire: p, ...disposableResource(fact, calleeName), typeDispose: fact.dispose });
        return;
      }
      // An acquire that hands its resource to a callback returns nothing the checker can name
      // (`pool.getConnection((err, conn) => …)`), nor does one whose resource is a plain number
      // (`fs.openSync()`): the catalogue decides.
      if (!handsToCallback(node) && !(fact.package === undefined && makesPlainValue(p, ctx))) return;
    }
    const value = ctx.provenance.expr(p);
    if (value?.t !== 'instance') return;
    const resource = ctx.catalog.resource(value.kind);
    if (!resource) return;
    if (node.type !== 'NewExpression') {
      // `client.connect()` returning the client itself is not a new acquisition.
      const callee = unwrapExpression(node.callee);
      if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
        const recv = unwrapExpression(callee.object);
        if (recv.type !== 'CallExpression' && recv.type !== 'NewExpression' && recv.type !== 'AwaitExpression') {
          const rv = ctx.provenance.expr(p.get('callee').get('object'));
          if (rv?.t === 'instance' && rv.kind.name === value.kind.name && rv.kind.lib === value.kind.lib) return;
        }
      }
    }
    out.push({ acquire: p, kind: value.kind, resource, ...(value.begun ? { begun: true } : {}) });
  };
  // One traversal for both kinds, and only calls whose callee could name an acquire get a provenance query.
  const projectMethods = ctx.provenance.projectMethods(root);
  const calls = collectPaths(
    root,
    (n: Node) => (n.type === 'CallExpression' || n.type === 'NewExpression') && (!!ctx.typeFacts?.calls[factKey(n)] || mayAcquire(n, ctx.catalog, projectMethods)),
  );
  for (const p of calls) consider(p);
  return out.sort((a, b) => (a.acquire.node.start ?? 0) - (b.acquire.node.start ?? 0));
}
