// Emitter for the `try-finally` style: `const x = acquire(); try { … } finally { release }`, no helper.
import jscodeshift from 'jscodeshift';
import { declaredNames, patternNames, type Node } from '../analysis/ast';
import type { Lifecycle } from '../analysis/lifecycles';
import type { ReasonId } from '../analysis/reasons';
import { carryComments, commentsOf, dropInnerReleases, planRegion, removeStatement, type RegionPlan } from './region';

const j = jscodeshift;

export type TryFinallyPlan = { ok: true; plan: RegionPlan | null } | { ok: false; reasonId: ReasonId; detail?: string };

export function planTryFinally(lc: Lifecycle): TryFinallyPlan {
  // The classic safe shapes need nothing but the `return await` fix.
  if (lc.alreadySafe) return { ok: true, plan: null };
  const result = planRegion(lc, false, true);
  return result.ok ? { ok: true, plan: result.plan } : result;
}

/** The release statement the finally will hold: the final one as written, else the first exit release's. */
function releaseStatementFor(lc: Lifecycle): Node {
  const chosen = lc.releases.find((r) => r.role === 'final') ?? lc.releases.find((r) => r.role === 'finally') ?? lc.releases[0];
  return chosen.statement.node;
}

export function emitTryFinally(lc: Lifecycle, plan: RegionPlan | null): void {
  if (!plan) {
    for (const ret of lc.returnsToAwait) ret.node.argument = j.awaitExpression(ret.node.argument);
    return;
  }
  const release = releaseStatementFor(lc);
  // Every release inside the region goes: the finally is now the only one (and keeps their comments).
  carryComments(commentsOf(dropInnerReleases(lc).filter((s) => s !== release)), release);
  const { body, finalRelease } = plan;
  // Values read after the try: declared before it, assigned inside it.
  const hoisted = plan.hoisted.length ? hoistDeclarations(plan.moved, plan.hoisted) : null;
  const declareFirst = hoisted ? [...hoisted.before, ...(hoisted.declaration ? [hoisted.declaration] : [])] : [];
  const moved = hoisted?.statements ?? plan.moved;
  // Region, final release and tail sit right after the acquire (or its connect step), in that order.
  const start = body.indexOf(plan.startAfter) + 1;
  const count = plan.moved.length + (finalRelease ? 1 : 0);
  // A region that is one try/catch already: give it the finally instead of nesting another try.
  const single = moved.length === 1 && moved[0].type === 'TryStatement' && !moved[0].finalizer ? moved[0] : null;
  if (single) {
    single.finalizer = j.blockStatement([release]);
    if (finalRelease) removeStatement(body, finalRelease);
    body.splice(body.indexOf(single), 0, ...declareFirst);
    return;
  }
  // A try left with neither catch nor finally dissolves into the new one, unless its names would collide.
  const inner = moved.flatMap((s) => {
    if (s.type !== 'TryStatement' || s.handler || s.finalizer) return [s];
    const own = new Set(s.block.body.flatMap(declaredNames));
    const others = moved.filter((o) => o !== s).flatMap(declaredNames);
    return others.some((n) => own.has(n)) ? [s.block] : s.block.body;
  });
  const tryStatement = j.tryStatement(j.blockStatement(inner), null, j.blockStatement([release]));
  body.splice(start, count, ...declareFirst, tryStatement);
}

/**
 * `const { rows } = await q;` becomes `({ rows } = await q);`, and `let rows;` goes before the try (`let x: T;`
 * keeps a plain name's type). A declaration of constants only (`const name = 'Alice'`), which can neither
 * throw nor read what the region makes, moves before the try as written instead. Returns those, the `let`
 * declaration (null when nothing is left to declare) and the region's statements with the changes.
 */
function hoistDeclarations(moved: Node[], names: string[]): { before: Node[]; declaration: Node | null; statements: Node[] } {
  const declarators: Node[] = [];
  const statements: Node[] = [];
  const before: Node[] = [];
  for (const s of moved) {
    if (s.type !== 'VariableDeclaration' || !declaredNames(s).some((n) => names.includes(n))) {
      statements.push(s);
      continue;
    }
    if (s.declarations.every((d: Node) => d.id.type === 'Identifier' && d.init && isConstant(d.init))) {
      before.push(s);
      continue;
    }
    const assignments: Node[] = [];
    for (const d of s.declarations) {
      if (d.id.type === 'Identifier') {
        const id = j.identifier(d.id.name);
        if (d.id.typeAnnotation) id.typeAnnotation = d.id.typeAnnotation;
        declarators.push(j.variableDeclarator(id, null));
        if (d.init) assignments.push(j.assignmentExpression('=', j.identifier(d.id.name), d.init));
      } else {
        for (const n of patternNames(d.id)) declarators.push(j.variableDeclarator(j.identifier(n), null));
        if (d.init) assignments.push(j.assignmentExpression('=', d.id, d.init));
      }
    }
    if (assignments.length === 0) continue;
    const replacement = j.expressionStatement(assignments.length === 1 ? assignments[0] : j.sequenceExpression(assignments));
    replacement.comments = s.comments;
    statements.push(replacement);
  }
  return { before, declaration: declarators.length ? j.variableDeclaration('let', declarators) : null, statements };
}

/** A literal (`'Alice'`, `42`, `-1`, `null`, a template without substitutions): no effect, no name read. */
function isConstant(e: Node): boolean {
  if (['StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral', 'BigIntLiteral', 'Literal'].includes(e.type)) return true;
  if (e.type === 'TemplateLiteral') return e.expressions.length === 0;
  return e.type === 'UnaryExpression' && (e.operator === '-' || e.operator === '+') && isConstant(e.argument);
}
