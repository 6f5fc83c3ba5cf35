// Which classes own a long-lived resource: a field the class fills itself (a library's pool or client, or
// another owning class), released by one of its close-like methods.
import type * as Morph from 'ts-morph';
import * as path from 'node:path';
import { catalogueKind, LIBRARIES } from '../../catalog/js';
import { catalogFor } from '../../config/toCatalog';
import { resolveLocalModule } from '../provenance/resolve';
import { poolKind } from '../../catalog/js/pools';
import { packageOfFile } from '../checker/typeFacts';
import { CLOSE_METHOD_SET } from './names';
import type { ClassInfo, CloseAnalysis, ResourceKind } from './analyze';
import { thisField, unwrap } from './classFacts';
import { own } from '../../core/records';

/** The resource a type is: a catalogue kind (a client, a pool), a type with a disposer, or a project class that owns one. */
export function resourceOfType(a: CloseAnalysis, type: Morph.Type, byDecl: Map<unknown, ClassInfo>): ResourceKind | null {
  let t = type;
  if (t.isAny() || t.isUnknown()) return null;
  if (t.isUnion()) {
    const rest = t.getUnionTypes().filter((u) => !u.isUndefined() && !u.isNull());
    if (rest.length !== 1) return null;
    t = rest[0];
  }
  const symbol = t.getAliasSymbol() ?? t.getSymbol();
  const decl = symbol?.getDeclarations()[0];
  if (!symbol || !decl) return null;
  const owner = byDecl.get(decl.compilerNode);
  if (owner) {
    if (!owner.owner) return null;
    return { library: owner.name, kind: owner.name, noun: owner.name, releases: new Set([owner.owner.method.getName()]) };
  }
  const pkg = packageOfFile(decl.getSourceFile().getFilePath().toString());
  if (pkg) {
    const known = ownedKind(pkg, symbol.getName());
    if (known) return known;
  }
  if (t.getProperties().some((p) => /^__@(?:asyncDispose|dispose)@\d*$/.test(p.getName()))) {
    return { library: pkg ?? 'node', kind: symbol.getName(), noun: 'resource', releases: CLOSE_METHOD_SET };
  }
  return null;
}

/**
 * Without installed types: `new Pool()` / `createPool()` / `mysql.createPool()` whose name is imported from
 * a catalogue module, as the catalogue says (the same facts the syntactic lifecycle finder uses).
 */
export function resourceOfImport(a: CloseAnalysis, expr: Morph.Node): ResourceKind | null {
  const { Node } = a.m;
  let e = unwrap(a, expr);
  if (Node.isAwaitExpression(e)) e = unwrap(a, e.getExpression());
  if (!Node.isNewExpression(e) && !Node.isCallExpression(e)) return null;
  const callee = unwrap(a, e.getExpression());
  let imported: { module: string; name: string } | null = null;
  if (Node.isIdentifier(callee)) imported = importOf(a, callee);
  else if (Node.isPropertyAccessExpression(callee) && Node.isIdentifier(callee.getExpression())) {
    const ns = importOf(a, callee.getExpression());
    if (ns && (ns.name === '*' || ns.name === 'default')) imported = { module: ns.module, name: callee.getName() };
  }
  if (!imported) return null;
  // The file's catalogue: built-in libraries plus its package's configured resources (a relative module of
  // leakproof.config.json is keyed by its resolved file).
  const file = e.getSourceFile().getFilePath();
  const { catalog } = catalogFor(file);
  let m = catalog.module(imported.module);
  if (!m && imported.module.startsWith('.')) {
    const resolved = resolveLocalModule(path.dirname(file), imported.module);
    m = resolved ? catalog.moduleForFile(resolved) : undefined;
  }
  const spec = imported.name === 'default' || imported.name === '*' ? m?.spec.default : own(m?.spec.exports, imported.name);
  if (!m || !spec) return null;
  const kind = 'class' in spec && Node.isNewExpression(e) ? spec.class : 'factory' in spec && Node.isCallExpression(e) ? spec.factory : null;
  if (!kind) return null;
  const resource = m.lib.resources.find((r) => r.kind === kind);
  const pool = poolKind(m.lib.library, kind);
  if (!resource && !pool) return null;
  const releases = new Set([...(resource?.release.map((r) => r.method) ?? []), ...(pool?.teardown ?? [])]);
  return { library: m.lib.library, kind, noun: resource?.noun ?? pool!.noun, releases };
}

/** The module and exported name an identifier is imported as (`default`, `*` for the namespace). */
export function importOf(a: CloseAnalysis, id: Morph.Node): { module: string; name: string } | null {
  const { Node } = a.m;
  const decl = id.getSymbol()?.getDeclarations()[0];
  if (!decl) return null;
  if (Node.isImportSpecifier(decl)) return { module: decl.getImportDeclaration().getModuleSpecifierValue(), name: decl.getName() };
  if (Node.isImportClause(decl)) {
    const d = decl.getParent();
    return Node.isImportDeclaration(d) ? { module: d.getModuleSpecifierValue(), name: 'default' } : null;
  }
  if (Node.isNamespaceImport(decl)) return { module: decl.getFirstAncestorByKindOrThrow(a.m.SyntaxKind.ImportDeclaration).getModuleSpecifierValue(), name: '*' };
  if (Node.isImportEqualsDeclaration(decl)) {
    const ref = decl.getModuleReference();
    return Node.isExternalModuleReference(ref) ? { module: ref.getExpression()?.getText().slice(1, -1) ?? '', name: 'default' } : null;
  }
  return null;
}

/** `new Pool()`, `createPool()`, `await pool.connect()`: made here (a library call or constructor), not handed in. */
export function isCreation(a: CloseAnalysis, expr: Morph.Node): boolean {
  const { Node } = a.m;
  let e = unwrap(a, expr);
  if (Node.isAwaitExpression(e)) e = unwrap(a, e.getExpression());
  if (Node.isNewExpression(e)) return true;
  if (!Node.isCallExpression(e)) return false;
  const callee = unwrap(a, e.getExpression());
  const target = Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee;
  const decls = target.getSymbol()?.getDeclarations() ?? [];
  if (decls.some((d) => /[\\/]node_modules[\\/]/.test(d.getSourceFile().getFilePath()) || (Node.isMethodDeclaration(d) && d.isStatic()))) return true;
  return !!resourceOfImport(a, e);
}

/** Which classes own a resource their close-like method releases; a class holding such a class owns one too. */
export function findOwners(a: CloseAnalysis, infos: ClassInfo[], byDecl: Map<unknown, ClassInfo>): void {
  const { Node, SyntaxKind } = a.m;
  const creations = new Map<ClassInfo, Map<string, Morph.Node[]>>();
  for (const info of infos) {
    if (!info.mayMatter) continue;
    const map = new Map<string, Morph.Node[]>();
    const push = (f: string, e: Morph.Node) => map.set(f, [...(map.get(f) ?? []), e]);
    for (const p of info.decl.getInstanceProperties()) {
      if (Node.isPropertyDeclaration(p)) {
        const init = p.getInitializer();
        if (init) push(p.getName(), init);
      }
    }
    // Only what construction makes: a field a later method fills (`open() { this.pool = new Pool() }`) holds
    // nothing until that call, so `new X()` acquires nothing and a disposer would release what was never made
    // (pg-boss's Db: close() on a Db never opened throws).
    for (const ctor of info.decl.getConstructors()) {
      for (const b of ctor.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
        const op = b.getOperatorToken().getKind();
        if (op !== SyntaxKind.EqualsToken && op !== SyntaxKind.QuestionQuestionEqualsToken && op !== SyntaxKind.BarBarEqualsToken) continue;
        // (Not inside a callback: ts-morph's function-like declarations leave out a `function () {}` expression.)
        if (b.getFirstAncestor((n) => Node.isFunctionLikeDeclaration(n) || Node.isFunctionExpression(n)) !== ctor) continue;
        const f = thisField(a, b.getLeft());
        if (f) push(f, b.getRight());
      }
    }
    creations.set(info, map);
  }
  for (let round = 0, changed = true; changed && round < 5; round++) {
    changed = false;
    for (const info of infos) {
      if (info.owner || info.closeMethods.length === 0 || !info.mayMatter) continue;
      for (const [field, exprs] of creations.get(info)!) {
        // (No close-like method calls anything on the field: no kind can make it an owner.)
        if (!info.closeMethods.some((m) => callsOnField(a, m, field))) continue;
        const made = exprs.filter((e) => isCreation(a, e));
        if (made.length === 0) continue;
        const prop = info.decl.getInstanceProperty(field);
        const kind =
          (prop && resourceOfType(a, prop.getType(), byDecl)) ??
          made.map((e) => resourceOfType(a, e.getType(), byDecl) ?? resourceOfImport(a, e)).find((k) => k) ??
          null;
        if (!kind) continue;
        const method = info.closeMethods.find((m) => releases(a, m, field, kind));
        if (!method) continue;
        info.owner = { method, field, kind };
        changed = true;
        break;
      }
    }
  }
}

/** Does the method call any method on `this.<field>`? */
function callsOnField(a: CloseAnalysis, m: Morph.MethodDeclaration, field: string): boolean {
  const { Node, SyntaxKind } = a.m;
  return m.getDescendantsOfKind(SyntaxKind.CallExpression).some((call) => {
    const callee = unwrap(a, call.getExpression());
    return Node.isPropertyAccessExpression(callee) && thisField(a, callee.getExpression()) === field;
  });
}

/** Does the method call one of the kind's release methods on `a.<field>`? */
export function releases(a: CloseAnalysis, m: Morph.MethodDeclaration, field: string, kind: ResourceKind): boolean {
  const { Node, SyntaxKind } = a.m;
  return m.getDescendantsOfKind(SyntaxKind.CallExpression).some((call) => {
    const callee = unwrap(a, call.getExpression());
    return Node.isPropertyAccessExpression(callee) && kind.releases.has(callee.getName()) && thisField(a, callee.getExpression()) === field;
  });
}

/** Catalogue kind for a type declared by `pkg` under `typeName`: a resource or a long-lived pool kind. */
export function ownedKind(pkg: string, typeName: string): ResourceKind | null {
  const found = catalogueKind(LIBRARIES, pkg, typeName, (lib, kind) => lib.resources.some((r) => r.kind === kind) || !!poolKind(lib.library, kind));
  if (!found) return null;
  const resource = found.lib.resources.find((r) => r.kind === found.kind);
  const pool = poolKind(found.lib.library, found.kind);
  const releases = new Set([...(resource?.release.map((r) => r.method) ?? []), ...(pool?.teardown ?? [])]);
  return { library: found.lib.library, kind: found.kind, noun: resource?.noun ?? pool!.noun, releases };
}

