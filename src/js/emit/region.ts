// The statements a lifecycle's release must come after, shared by the block-moving emitters
// (try-finally, with-session). `using` needs no plan: it disposes at the end of the block it stands in.
import jscodeshift from 'jscodeshift';
import { containsAwait, declaredNames, firstEffect, isFunction, readsName, type Node, type Path, walk } from '../analysis/ast';
import { sourceText as shortText } from '../analysis/lifecycles/model';
import type { Lifecycle } from '../analysis/lifecycles';
import type { ReasonId } from '../analysis/reasons';

export interface RegionPlan {
  /** The live statement list that holds the acquire. */
  body: Node[];
  /** The statement that acquires (a declaration, or `x = acquire()` for the assigned-in-try form). */
  acquireStatement: Node;
  /** The statement the protected region starts after: the acquire, or its `await x.connect()` step. */
  startAfter: Node;
  /** Statements that must run while the resource is held (after the acquire, releases still inside). */
  moved: Node[];
  /** The last-statement release that goes away (if the region ends with one). */
  finalRelease: Node | null;
  /** Names declared by the moved statements that code after them reads. */
  exported: { name: string; kind: string }[];
  /** Moved statements run to the end of the enclosing function: a `return` in them may stay a return. */
  reachesFunctionEnd: boolean;
  /**
   * try-finally only: names the code after the region reads, declared before the try with `let` (their
   * declarations in the region become assignments), so the release stays before that code.
   */
  hoisted: string[];
}

export type PlanResult = { ok: true; plan: RegionPlan } | { ok: false; reasonId: ReasonId; detail?: string };

/** Where the values are read, for the `values-used-after-release` reason (a block would hide them there). */
export function afterRelease(atModuleLevel: boolean): string {
  return atModuleLevel ? "after the release at the module's top level, where a block around the region would hide them" : 'by awaited work after the release';
}

export const MODULE_LEVEL = "at a module's top level, next to imports or exports that cannot move into a block";

/** Index (in `body`) of the last statement that belongs to the lifecycle's region. */
export function regionEndIndex(lc: Lifecycle, body: Node[]): number {
  const final = lc.releases.find((r) => r.role === 'final');
  if (final) return body.indexOf(final.statement.node);
  const finallyRelease = lc.releases.find((r) => r.role === 'finally');
  if (finallyRelease && lc.form !== 'assigned-in-try') return body.indexOf(finallyRelease.statement.parent.parent.node);
  let last = body.indexOf(lc.statement.node);
  body.forEach((s, i) => {
    if (readsName(s, lc.name)) last = Math.max(last, i);
  });
  return last;
}

function declarationKinds(statements: Node[]): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const s of statements) {
    const d = s.type === 'ExportNamedDeclaration' ? s.declaration : s;
    for (const name of declaredNames(s)) kinds.set(name, d?.type === 'VariableDeclaration' ? d.kind : d?.type ?? 'unknown');
  }
  return kinds;
}

/**
 * Which statements go inside the protected region. A tail after the release that never awaits goes in too
 * (the release then happens when that synchronous tail is done, before anything else can run), so values
 * it reads stay in scope; a tail that awaits stays outside and may read only what the region exports.
 */
export function planRegion(lc: Lifecycle, allowExports: boolean, hoist = false): PlanResult {
  const body: Node[] = lc.block.node.body;
  const acquireStatement = lc.statement.node;
  const declIndex = body.indexOf(acquireStatement);
  const lastTouch = regionEndIndex(lc, body);
  const final = lc.releases.find((r) => r.role === 'final');
  const finalRelease = final && body[lastTouch] === final.statement.node ? final.statement.node : null;
  const startAfter = lc.connectStatement ?? acquireStatement;
  const region = body.slice(body.indexOf(startAfter) + 1, finalRelease ? lastTouch : lastTouch + 1);
  const tail = body.slice(lastTouch + 1);
  const isProgram = lc.block.node.type === 'Program';
  // At a module's top level, imports and exports cannot move into a block, a try or a callback.
  if (isProgram && region.some((st) => /^(Import|Export)/.test(st.type))) return { ok: false, reasonId: 'unsupported-position', detail: MODULE_LEVEL };
  let includeTail = isProgram ? tailMovesIntoBlock(tail) : !tail.some(containsAwait);
  if (includeTail && tailStaysAfter(lc, region, tail)) includeTail = false;
  const effect = includeTail && lc.releaseAwaited ? firstEffect(tail) : null;
  // The tail stays after the awaited release, as written, when the values it reads can be declared before the try.
  if (effect && hoist) includeTail = false;
  else if (effect) return { ok: false, reasonId: 'effects-after-release', detail: shortText(effect) };
  const moved = includeTail ? [...region, ...tail] : region;
  const exported = movedNames(body, moved, declIndex, [acquireStatement, startAfter, finalRelease]);
  let hoisted: string[] = [];
  if (exported && exported.length && !allowExports && hoist) hoisted = hoistable(moved, exported.map((e) => e.name)) ?? [];
  const refused = effect ? { reasonId: 'effects-after-release' as const, detail: shortText(effect) } : { reasonId: 'values-used-after-release' as const, detail: afterRelease(isProgram) };
  if (!exported || (exported.length && !allowExports && hoisted.length === 0)) return { ok: false, ...refused };
  const reachesFunctionEnd = includeTail && fallsToFunctionEnd(lc.block);
  return { ok: true, plan: { body, acquireStatement, startAfter, moved, finalRelease, exported: hoisted.length ? [] : exported, reachesFunctionEnd, hoisted } };
}

/**
 * After an awaited release, what follows in the block runs once the release is done, and not at all when it
 * fails: when it reads nothing `region` declares, it keeps its place after the release, as written (a log
 * line moved before it would print first, and print when the release fails). After a synchronous release
 * the same holds for a tail with an effect (`fs.renameSync(tmp, target)` once the descriptor is closed,
 * `resolve(true)` only if the close succeeded); one without (`return name`) may run inside.
 */
export function tailStaysAfter(lc: Lifecycle, region: Node[], tail: Node[]): boolean {
  if (tail.length === 0 || lc.block.node.type === 'Program') return false;
  if (!lc.releaseAwaited && !firstEffect(tail)) return false;
  const names = [...declarationKinds(region).keys()];
  return !tail.some((s) => names.some((n) => readsName(s, n)));
}

/**
 * The names to declare before the try so `names` stay readable after it: every name of each region
 * statement `const`/`let`/`var` that declares one of them. Null when one is declared otherwise (a function,
 * a class, a nested block) or with a type only a pattern carries (`const { a }: T = …`).
 */
function hoistable(moved: Node[], names: string[]): string[] | null {
  const out: string[] = [];
  for (const name of names) {
    const decl = moved.find((s) => s.type === 'VariableDeclaration' && declaredNames(s).includes(name));
    if (!decl || (decl.kind !== 'const' && decl.kind !== 'let' && decl.kind !== 'var')) return null;
    if (decl.declarations.some((d: Node) => d.id.type !== 'Identifier' && d.id.typeAnnotation)) return null;
    for (const n of declaredNames(decl)) if (!out.includes(n)) out.push(n);
  }
  return out;
}

/**
 * At a module's top level the tail is the rest of the module: it can go into the block with the region when
 * it awaits nothing and holds no import, export, function or class (whose hoisting a block would change).
 */
function tailMovesIntoBlock(tail: Node[]): boolean {
  return tail.length > 0 && tail.every((s) => !/^(Import|Export)/.test(s.type) && s.type !== 'FunctionDeclaration' && s.type !== 'ClassDeclaration' && !containsAwait(s));
}

/**
 * Names the moved statements (of `body`) declare that the statements left there read. Read after `from`
 * (the acquire's index), they can leave a callback as its result: `const`/`let`/`var` only. Read before it
 * (a hoisted function or `var`), moving them would change what that code sees: null.
 */
export function movedNames(body: Node[], moved: Node[], from: number, stay: Node[]): { name: string; kind: string }[] | null {
  const outside = body.filter((s) => !stay.includes(s) && !moved.includes(s));
  const exported: { name: string; kind: string }[] = [];
  for (const [name, kind] of declarationKinds(moved)) {
    if (body.slice(0, from).some((s) => readsName(s, name))) return null;
    if (outside.some((s) => body.indexOf(s) > from && readsName(s, name))) {
      if (!['const', 'let', 'var'].includes(kind)) return null;
      exported.push({ name, kind });
    }
  }
  return exported;
}

/**
 * Does control that falls off the end of this block leave the function with nothing else run on the way
 * (only `finally` blocks, which a `return` runs too)? Then a `return` in a callback body may become the
 * function's return. A loop, a switch or statements after the block on the way out say no.
 */
function fallsToFunctionEnd(block: Path): boolean {
  let cur: Path = block;
  for (;;) {
    const parent: Path | null = cur.parent;
    if (!parent) return false;
    const pn = parent.node;
    if (isFunction(pn)) return pn.body === cur.node;
    switch (pn.type) {
      case 'TryStatement':
        if (cur.node === pn.finalizer) return false;
        break;
      case 'CatchClause':
      case 'IfStatement':
      case 'LabeledStatement':
        break;
      case 'BlockStatement': {
        const list: Node[] = pn.body;
        if (list[list.length - 1] !== cur.node) return false;
        break;
      }
      default:
        return false;
    }
    cur = parent;
  }
}

/**
 * Recast re-indents the lines of code it moves into another block, which would change the text of a
 * multi-line template literal (`SELECT …\n  FROM …`). Recast never re-indents a line marked locked: lock
 * every line a template literal continues onto, in the file's original lines, before printing. Returns those
 * lines (1-based): their indentation is text, not code.
 */
export function lockTemplateLines(program: Node): Set<number> {
  const lines = program.loc?.lines as { infos?: { locked?: boolean }[] } | undefined;
  const locked = new Set<number>();
  walk(program, (n: Node) => {
    if (n.type === 'TemplateLiteral' && n.loc && n.loc.end.line > n.loc.start.line) {
      for (let line = n.loc.start.line + 1; line <= n.loc.end.line; line++) {
        locked.add(line);
        const info = lines?.infos?.[line - 1];
        if (info) info.locked = true;
      }
    }
  }, true);
  return locked;
}

/**
 * The start of every block-moving emit: `return query()` becomes `return await query()`, and every release
 * inside the region goes (exit releases, and a finally's release, dropping a finally left empty); the
 * final release statement is dropped by the emitter when it splices the region out.
 */
export function dropInnerReleases(lc: Lifecycle): Node[] {
  for (const ret of lc.returnsToAwait) ret.node.argument = jscodeshift.awaitExpression(ret.node.argument);
  const dropped: Node[] = [];
  for (const r of lc.releases) {
    if (r.role === 'exit' || r.role === 'catch') removeStatement(r.statement.parentPath.value, r.statement.node);
    if (r.role === 'finally') {
      const finalizer = r.statement.parent.node;
      const tryNode = r.statement.parent.parent.node;
      removeStatement(finalizer.body, r.statement.node);
      if (finalizer.body.length === 0) tryNode.finalizer = null;
    }
    if (r.role !== 'final') dropped.push(r.statement.node);
  }
  return dropped;
}

/** Every comment on these statements (leading or trailing), to move with what replaces them. */
export function commentsOf(statements: (Node | null | undefined)[]): Node[] {
  return [...new Set(statements.flatMap((s) => s?.comments ?? []))];
}

/**
 * Comments of statements a rewrite removes or replaces go with the statement that now does their work
 * (`// give the client back` above the disposer that releases it), as leading comments: no text is lost.
 */
export function carryComments(comments: Node[], to: Node): void {
  const fresh = comments.filter((c) => !(to.comments ?? []).includes(c));
  if (!fresh.length) return;
  // (A statement parsed from a snippet keeps that snippet's positions; comments from this file need none.)
  to.loc = null;
  to.comments = [...(to.comments ?? []), ...fresh.map((c) => Object.assign(c, { leading: true, trailing: false }))];
}

export function removeStatement(list: Node[], node: Node): void {
  const i = list.indexOf(node);
  if (i >= 0) list.splice(i, 1);
}
