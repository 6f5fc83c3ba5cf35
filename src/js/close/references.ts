// The calls of a close-like method across the project, and whether each can simply go.
import type * as Morph from 'ts-morph';
import type { CloseAnalysis, PlannedSite } from './analyze';
import { isPureTs } from './classFacts';

/** References to a method, without its own declaration. */
export function references(a: CloseAnalysis, m: Morph.MethodDeclaration): Morph.Node[] {
  const own = m.getNameNode();
  return a.project.getLanguageService().findReferencesAsNodes(own).filter((r) => r !== own && !(r.getSourceFile() === own.getSourceFile() && r.getStart() === own.getStart()));
}

/** A reference that is a call standing as its own statement (or an arrow's whole body), with a pure receiver. */
export function callSite(a: CloseAnalysis, ref: Morph.Node, className: string, method: string): PlannedSite | { why: string } {
  const { Node } = a.m;
  const access = ref.getParent();
  if (!access || !Node.isPropertyAccessExpression(access) || access.getNameNode() !== ref) return { why: 'not a method call' };
  const call = access.getParent();
  if (!call || !Node.isCallExpression(call) || call.getExpression() !== access) return { why: 'not called' };
  if (!isPureTs(a, access.getExpression())) return { why: 'its receiver is computed by a call' };
  if (!call.getArguments().every((arg) => isPureTs(a, arg))) return { why: 'its arguments do work' };
  let top: Morph.Node = call;
  for (let p = top.getParent(); p && (Node.isAwaitExpression(p) || Node.isVoidExpression(p) || Node.isParenthesizedExpression(p)); p = p.getParent()) top = p;
  const holder = top.getParent();
  const file = ref.getSourceFile().getFilePath().toString();
  const { line, column } = ref.getSourceFile().getLineAndColumnAtPos(call.getStart());
  const at = { line, column: column - 1 };
  if (holder && Node.isExpressionStatement(holder)) return { file, ...at, range: { start: holder.getStart(), end: holder.getEnd() }, form: 'statement', className, method };
  if (holder && Node.isArrowFunction(holder) && holder.getBody() === top) {
    // `process.once('exit', () => db.close())`: only where whoever calls the arrow ignores its result.
    if (resultIgnored(a, holder)) return { file, ...at, range: { start: top.getStart(), end: top.getEnd() }, form: 'arrow-body', className, method };
    return { why: 'it is what an arrow function returns' };
  }
  return { why: 'its result is used' };
}

/** The arrow is passed where a callback returning `void` (or `unknown`) is expected. */
export function resultIgnored(a: CloseAnalysis, arrow: Morph.ArrowFunction): boolean {
  const checker = a.project.getTypeChecker().compilerObject;
  const contextual = checker.getContextualType(arrow.compilerNode);
  if (!contextual) return false;
  const signatures = contextual.getCallSignatures();
  if (signatures.length === 0) return false;
  return signatures.every((sig) => {
    const t = sig.getReturnType();
    const { TypeFlags } = a.m.ts;
    const ignored = TypeFlags.Void | TypeFlags.Unknown | TypeFlags.Any | TypeFlags.Undefined;
    return t.isUnion() ? t.types.some((u) => u.flags & ignored) : !!(t.flags & ignored);
  });
}

