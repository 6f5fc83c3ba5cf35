// Type facts from typescript-eslint's parser services: when ESLint lints with a TypeScript program
// (`parserOptions.project` / `projectService`), the checker says what each held call returns, as the CLI's
// type-aware mode asks it (src/types/typeFacts.ts) — the same fact shape and the same catalogue lookup,
// asked of the program ESLint already built instead of a second one.
import type { Rule } from 'eslint';
import type * as ts from 'typescript';
import { LIBRARIES, catalogueKind } from '../catalog/js';
import { packageOfFile, type FileTypeFacts, type TypeFact } from '../js/checker/typeFacts';

// TypeScript's TypeFlags for these three have been the same numbers since 4.x; the rule does not load a
// compiler of its own just to read them.
const ANY = 1;
const UNDEFINED = 32768;
const NULL = 65536;

interface EsNode {
  type: string;
  parent?: EsNode;
  loc?: { start: { line: number; column: number } };
  [key: string]: unknown;
}

interface Services {
  program?: ts.Program | null;
  esTreeNodeToTSNodeMap?: { get(node: unknown): ts.Node | undefined };
}

/** The held calls' facts, or `null` without a type-checked program. */
export function typeFactsFor(context: Rule.RuleContext, calls: EsNode[]): FileTypeFacts | null {
  const services = context.sourceCode.parserServices as Services | undefined;
  const program = services?.program;
  const map = services?.esTreeNodeToTSNodeMap;
  if (!program || !map) return null;
  const checker = program.getTypeChecker();
  const describe = (type: ts.Type): TypeFact => {
    const fact: TypeFact = {};
    let t = checker.getAwaitedType(type) ?? type;
    if (t.isUnion()) {
      const nonNullish = t.types.filter((m) => !(m.flags & (UNDEFINED | NULL)));
      if (nonNullish.length === 1) t = nonNullish[0];
    }
    const symbol = t.aliasSymbol ?? t.getSymbol();
    const decl = symbol?.declarations?.[0];
    const pkg = decl ? packageOfFile(decl.getSourceFile().fileName) : null;
    if (pkg) fact.package = pkg;
    if (symbol && pkg) {
      const known = catalogueKind(LIBRARIES, pkg, symbol.getName(), (lib, kind) => lib.resources.some((r) => r.kind === kind));
      if (known) {
        fact.library = known.lib.library;
        fact.kind = known.kind;
      }
    }
    for (const prop of checker.getPropertiesOfType(t)) {
      const name = prop.getName();
      if (/^__@asyncDispose@\d*$/.test(name)) fact.dispose = 'async';
      else if (!fact.dispose && /^__@dispose@\d*$/.test(name)) fact.dispose = 'sync';
    }
    return fact;
  };
  const out: Record<string, TypeFact> = {};
  for (const call of calls) {
    if (!holdsResult(call) || !call.loc) continue;
    const tsNode = map.get(call);
    if (!tsNode) continue;
    const type = checker.getTypeAtLocation(tsNode);
    if (type.flags & ANY) continue;
    const fact = describe(type);
    const callee = call.callee as EsNode | undefined;
    if (fact.kind && call.type === 'CallExpression' && callee?.type === 'MemberExpression') {
      const receiverNode = map.get(callee.object);
      const receiver = receiverNode ? describe(checker.getTypeAtLocation(receiverNode)) : null;
      if (receiver && receiver.kind === fact.kind && receiver.library === fact.library) fact.selfReturn = true;
    }
    // The CLI's key: 1-based line, 0-based column of the call's start (ESTree's loc is the same).
    out[`${call.loc.start.line}:${call.loc.start.column}`] = fact;
  }
  return { calls: out };
}

/** Only results kept in a variable can be lifecycles (the CLI's rule, on ESTree nodes). */
function holdsResult(node: EsNode): boolean {
  let cur = node;
  while (cur.parent && ['AwaitExpression', 'TSAsExpression', 'TSNonNullExpression'].includes(cur.parent.type)) cur = cur.parent;
  const parent = cur.parent;
  if (!parent) return false;
  if (parent.type === 'VariableDeclarator') return parent.init === cur;
  return parent.type === 'AssignmentExpression' && parent.operator === '=' && parent.right === cur;
}
