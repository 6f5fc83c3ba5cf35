// What a class's close-like method does, read with ts-morph: which fields it releases or resets, whether
// those fields ever hold anything, whether it ends a transaction, what it returns.
import type * as Morph from 'ts-morph';
import { LIBRARIES } from '../../catalog/js';
import type { ResourceClass } from './plan';
import type { ClassInfo, CloseAnalysis } from './analyze';
import { resourceOfType } from './ownership';

// Calls that end a transaction: a close() that makes one decides a transaction, so it never becomes a disposer.
const TRANSACTION_ENDS = new Set(LIBRARIES.flatMap((lib) => lib.resources.flatMap((r) => [...(r.transactions?.commit ?? []), ...(r.transactions?.rollback ?? [])])));

export function disposerOf(a: CloseAnalysis, decl: Morph.ClassDeclaration): ClassInfo['disposer'] {
  const { Node } = a.m;
  for (const m of decl.getInstanceMethods()) {
    const nameNode = m.getNameNode();
    if (!Node.isComputedPropertyName(nameNode)) continue;
    const text = nameNode.getExpression().getText().replace(/\s/g, '');
    if (text !== 'Symbol.asyncDispose' && text !== 'Symbol.dispose') continue;
    const calls: string[] = [];
    for (const st of m.getStatements()) {
      let e: Morph.Node | undefined = Node.isExpressionStatement(st) ? st.getExpression() : Node.isReturnStatement(st) ? st.getExpression() : undefined;
      e = e && unwrap(a, e);
      if (e && Node.isAwaitExpression(e)) e = unwrap(a, e.getExpression());
      if (e && Node.isCallExpression(e)) {
        const callee = unwrap(a, e.getExpression());
        if (Node.isPropertyAccessExpression(callee) && callee.getExpression().getKind() === a.m.SyntaxKind.ThisKeyword) calls.push(callee.getName());
      }
    }
    return { kind: text === 'Symbol.asyncDispose' ? 'async' : 'sync', calls };
  }
  // Inherited: the checker sees the well-known symbol among the instance's properties.
  if (!decl.getExtends()) return null;
  for (const p of decl.getType().getProperties()) {
    const n = p.getName();
    if (/^__@asyncDispose@\d*$/.test(n)) return { kind: 'async', calls: [] };
    if (/^__@dispose@\d*$/.test(n)) return { kind: 'sync', calls: [] };
  }
  return null;
}

export function unwrap(a: CloseAnalysis, n: Morph.Node): Morph.Node {
  const { Node } = a.m;
  let cur = n;
  while (Node.isParenthesizedExpression(cur) || Node.isNonNullExpression(cur) || Node.isAsExpression(cur) || Node.isSatisfiesExpression(cur)) cur = cur.getExpression();
  return cur;
}

/** `a.x` (or `a.#x`): the field's name, else null. */
export function thisField(a: CloseAnalysis, n: Morph.Node): string | null {
  const { Node, SyntaxKind } = a.m;
  const e = unwrap(a, n);
  if (Node.isPropertyAccessExpression(e) && unwrap(a, e.getExpression()).getKind() === SyntaxKind.ThisKeyword) return e.getName();
  return null;
}

export function isNullish(a: CloseAnalysis, n: Morph.Node | undefined): boolean {
  const { SyntaxKind, Node } = a.m;
  if (!n) return true;
  const e = unwrap(a, n);
  return e.getKind() === SyntaxKind.NullKeyword || (Node.isIdentifier(e) && e.getText() === 'undefined') || Node.isVoidExpression(e);
}

/** A statement of a close-like method: the releases and resets it makes, or null when it does anything else. */
export function releaseItems(a: CloseAnalysis, st: Morph.Node): { field: string; reset: boolean }[] | null {
  const { Node, SyntaxKind } = a.m;
  if (Node.isExpressionStatement(st)) {
    let e = unwrap(a, st.getExpression());
    if (Node.isAwaitExpression(e) || Node.isVoidExpression(e)) e = unwrap(a, e.getExpression());
    if (Node.isCallExpression(e)) {
      const callee = unwrap(a, e.getExpression());
      if (!Node.isPropertyAccessExpression(callee)) return null;
      const field = thisField(a, callee.getExpression());
      if (!field || !e.getArguments().every((arg) => isPureTs(a, arg))) return null;
      return [{ field, reset: false }];
    }
    if (Node.isBinaryExpression(e) && e.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
      const field = thisField(a, e.getLeft());
      return field && isNullish(a, e.getRight()) ? [{ field, reset: true }] : null;
    }
    return null;
  }
  if (Node.isIfStatement(st) && !st.getElseStatement()) {
    const test = unwrap(a, st.getExpression());
    let guarded: string | null = thisField(a, test);
    if (!guarded && Node.isBinaryExpression(test) && ['!=', '!=='].includes(test.getOperatorToken().getText())) {
      guarded = isNullish(a, test.getRight()) ? thisField(a, test.getLeft()) : isNullish(a, test.getLeft()) ? thisField(a, test.getRight()) : null;
    }
    if (!guarded) return null;
    const inner = st.getThenStatement();
    const items = Node.isBlock(inner) ? inner.getStatements().map((s) => releaseItems(a, s)) : [releaseItems(a, inner)];
    if (items.some((i) => !i)) return null;
    const flat = items.flat() as { field: string; reset: boolean }[];
    return flat.every((i) => i.field === guarded) ? flat : null;
  }
  if (Node.isBlock(st)) {
    const items = st.getStatements().map((s) => releaseItems(a, s));
    return items.some((i) => !i) ? null : (items.flat() as { field: string; reset: boolean }[]);
  }
  return null;
}

export function isPureTs(a: CloseAnalysis, n: Morph.Node): boolean {
  const { Node, SyntaxKind } = a.m;
  const e = unwrap(a, n);
  if (Node.isIdentifier(e) || Node.isLiteralExpression(e) || Node.isNoSubstitutionTemplateLiteral(e)) return true;
  if ([SyntaxKind.ThisKeyword, SyntaxKind.TrueKeyword, SyntaxKind.FalseKeyword, SyntaxKind.NullKeyword].includes(e.getKind())) return true;
  if (Node.isPropertyAccessExpression(e)) return isPureTs(a, e.getExpression());
  return false;
}

/**
 * Case 1: the method's body only releases or resets fields, and none of those fields ever holds anything
 * (never assigned but `undefined`/`null`, read nowhere else). Returns the fields, the nodes that go with
 * them (declarations, resets elsewhere in the class) and their library when the type says.
 */
export function redundantRelease(a: CloseAnalysis, info: ClassInfo, m: Morph.MethodDeclaration): { fields: string[]; nodes: Morph.Node[]; library: string | null } | null {
  const { Node } = a.m;
  if (m.isAbstract() || m.getOverloads().length > 0 || m.getDecorators().length > 0) return null;
  const items: { field: string; reset: boolean }[] = [];
  for (const st of m.getStatements()) {
    const r = releaseItems(a, st);
    if (!r) return null;
    items.push(...r);
  }
  // A method that releases nothing at all (`async close() {}`) is dead weight too, but only one that
  // really has a body of its own: an empty method may be a deliberate no-op of a shared shape.
  const fields = [...new Set(items.map((i) => i.field))];
  if (fields.length === 0 && m.getStatements().length > 0) return null;
  const nodes: Morph.Node[] = [];
  let library: string | null = null;
  for (const field of fields) {
    const decl = info.decl.getInstanceProperty(field);
    if (!decl || !Node.isPropertyDeclaration(decl)) return null;
    if (decl.getDecorators().length > 0 || decl.hasDeclareKeyword?.() || decl.isAbstract()) return null;
    if (!isNullish(a, decl.getInitializer())) return null;
    const kind = resourceOfType(a, decl.getType(), new Map());
    if (kind && !library) library = kind.library;
    nodes.push(decl);
    for (const ref of a.project.getLanguageService().findReferencesAsNodes(decl.getNameNode())) {
      if (ref === decl.getNameNode()) continue;
      if (ref.getSourceFile() !== info.decl.getSourceFile() || ref.getStart() < info.decl.getStart() || ref.getEnd() > info.decl.getEnd()) return null;
      if (ref.getStart() >= m.getStart() && ref.getEnd() <= m.getEnd()) continue;
      // `a.client = undefined;` elsewhere in the class goes too.
      const access = ref.getParent();
      const assign = access?.getParent();
      const statement = assign?.getParent();
      if (
        access &&
        Node.isBinaryExpression(assign) &&
        assign.getLeft() === access &&
        assign.getOperatorToken().getText() === '=' &&
        isNullish(a, assign.getRight()) &&
        Node.isExpressionStatement(statement)
      ) {
        nodes.push(statement);
        continue;
      }
      return null;
    }
  }
  return { fields, nodes, library };
}

/** A base class or interface that declares the member, or (unless `derived` is off: it needs every file) a subclass that declares it again. */
export function inheritedMember(a: CloseAnalysis, info: ClassInfo, name: string, opts = { derived: true }): string | null {
  const base = info.decl.getBaseClass();
  if (base?.getType().getProperty(name)) return base.getName() ?? 'its base class';
  const baseExpr = info.decl.getExtends();
  if (baseExpr && baseExpr.getType().getProperty(name)) return baseExpr.getText();
  for (const impl of info.decl.getImplements()) if (impl.getType().getProperty(name)) return impl.getText();
  if (!opts.derived) return null;
  for (const derived of info.decl.getDerivedClasses()) if (derived.getInstanceMember(name)) return derived.getName() ?? 'a subclass';
  return null;
}

/** Does the method commit or roll back (`commit()`, `commitTransaction()`, `query('COMMIT')`)? */
export function endsTransaction(a: CloseAnalysis, m: Morph.MethodDeclaration): boolean {
  const { Node, SyntaxKind } = a.m;
  return m.getDescendantsOfKind(SyntaxKind.CallExpression).some((call) => {
    const callee = unwrap(a, call.getExpression());
    if (Node.isPropertyAccessExpression(callee) && TRANSACTION_ENDS.has(callee.getName())) return true;
    const first = call.getArguments()[0];
    return !!first && (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first)) && /^\s*(?:COMMIT|ROLLBACK|END|ABORT)\b/i.test(first.getLiteralText());
  });
}

export function returnsPromise(a: CloseAnalysis, m: Morph.MethodDeclaration): boolean {
  if (m.isAsync()) return true;
  const t = m.getReturnType();
  return !!t.getProperty('then');
}

export function resourceClass(a: CloseAnalysis, info: ClassInfo, releases: string[], dispose: ResourceClass['dispose']): ResourceClass {
  const exports: string[] = [];
  for (const [name, decls] of info.decl.getSourceFile().getExportedDeclarations()) if (decls.some((d) => d === info.decl)) exports.push(name);
  const checker = a.project.getTypeChecker();
  const statics = info.decl
    .getStaticMethods()
    .filter((s) => {
      const t = s.getReturnType();
      const awaited = checker.compilerObject.getAwaitedType(t.compilerType) ?? t.compilerType;
      const decl = (awaited.getSymbol() ?? awaited.aliasSymbol)?.declarations?.[0];
      return decl === info.decl.compilerNode;
    })
    .map((s) => s.getName());
  const release = info.closeMethods.find((m) => m.getName() === releases[0]);
  const releaseAsync = release ? returnsPromise(a, release) : dispose === 'async';
  return { file: info.file, className: info.name, exports, statics, releases, releaseAsync, dispose };
}

