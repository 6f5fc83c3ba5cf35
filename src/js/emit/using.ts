// Emitter for the `using` style: turns a fixable lifecycle into `await using` / `using` declarations.
import jscodeshift from 'jscodeshift';
import type { AdapterKind } from '../../core/model';
import { containsAwait, declaredNames, firstEffect, readsName, type Node, type Path, walk } from '../analysis/ast';
import { releaseCallText, sourceText as shortText } from '../analysis/lifecycles/model';
import type { Lifecycle } from '../analysis/lifecycles';
import { afterRelease, carryComments, commentsOf, MODULE_LEVEL, regionEndIndex, tailStaysAfter } from './region';

const j = jscodeshift;

export interface UsingEmitOptions {
  /** Declare the resource itself with `using` (its library disposes natively with the same effect). */
  native: boolean;
  /** `await using` (async disposal) when native. */
  nativeAsync: boolean;
  adapter: AdapterKind;
  /** Names a new declaration in this lifecycle's block must avoid (see `namesInScopeOf`). */
  usedNames: Set<string>;
  /** Parses one statement with the file's own parser. */
  parseStatement(code: string): Node;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function freshName(base: string, used: Set<string>): string {
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}${i}`;
  used.add(name);
  return name;
}

function prune(p: Path): void {
  const list = p.parentPath?.value;
  if (Array.isArray(list)) {
    const i = list.indexOf(p.node);
    if (i >= 0) list.splice(i, 1);
  }
}

function namesIn(nodes: Node[]): Set<string> {
  const out = new Set<string>();
  for (const n of nodes) walk(n, (x) => void (x.type === 'Identifier' && out.add(x.name)), true);
  return out;
}

/**
 * Replace a handler-less, finalizer-less try statement in `list` by its statements when none of its names
 * collide with the rest of the list, else by a plain block (which keeps its scope).
 */
function unwrapTry(list: Node[], tryNode: Node): void {
  const i = list.indexOf(tryNode);
  if (i < 0) return;
  const inner: Node[] = tryNode.block.body;
  const declared = new Set(inner.flatMap(declaredNames));
  const outside = namesIn(list.filter((s) => s !== tryNode));
  const collides = [...declared].some((n) => outside.has(n));
  if (collides) list.splice(i, 1, tryNode.block);
  else list.splice(i, 1, ...inner);
}

/**
 * `using` disposes at the end of its block. When awaited work follows the release, the region gets a block
 * of its own — impossible if that work reads values declared in the region (a module's top level is always
 * bounded, since `using` may not stand there in a script).
 */
export function usingNeedsRefusal(lc: Lifecycle): { reasonId: 'values-used-after-release' | 'unsupported-position' | 'effects-after-release' | 'used-after-release'; detail?: string } | null {
  if (lc.usedAfterRelease !== undefined) return { reasonId: 'used-after-release', detail: String(lc.usedAfterRelease) };
  const body: Node[] = lc.block.node.body;
  const start = body.indexOf(lc.statement.node);
  const end = regionEndIndex(lc, body);
  const tail = body.slice(end + 1);
  const region = body.slice(start, end + 1);
  if (lc.block.node.type !== 'Program' && !tail.some(containsAwait) && !tailStaysAfter(lc, region, tail)) {
    // The disposer runs when the block ends, after the tail: an effect there would move before the release.
    const effect = lc.releaseAwaited ? firstEffect(tail) : null;
    return effect ? { reasonId: 'effects-after-release', detail: shortText(effect) } : null;
  }
  // A module's imports and exports cannot move into the block.
  if (region.some((st) => /^(Import|Export)/.test(st.type))) return { reasonId: 'unsupported-position', detail: MODULE_LEVEL };
  const names = new Set(region.flatMap(declaredNames));
  names.delete(lc.name);
  // Nor may a name the block would hide be read after it, or before it (a hoisted function).
  const outside = [...body.slice(0, start), ...tail];
  return [...names].some((n) => outside.some((s) => readsName(s, n))) ? { reasonId: 'values-used-after-release', detail: afterRelease(lc.block.node.type === 'Program') } : null;
}

export function emitUsing(lc: Lifecycle, opts: UsingEmitOptions): void {
  const block: Node = lc.block.node;
  const body: Node[] = block.body;
  const original: Node[] = [...body];
  // Where the region ends: right before the statement that followed the last touch of the resource.
  const lastTouch = regionEndIndex(lc, original);
  const tailStart: Node | null = original[lastTouch + 1] ?? null;

  // 1. Releases go (their comments go with the disposal, below).
  const emptiedTries: Node[] = [];
  const releaseComments = commentsOf(lc.releases.map((r) => r.statement.node));
  for (const r of lc.releases) {
    if (r.role === 'finally') {
      const finalizer = r.statement.parent.node;
      const tryNode = r.statement.parent.parent.node;
      prune(r.statement);
      if (finalizer.body.length === 0 && tryNode.finalizer === finalizer) {
        tryNode.finalizer = null;
        if (!tryNode.handler) emptiedTries.push(tryNode);
      }
    } else {
      prune(r.statement);
    }
  }

  // 2. `return client.query(…)` must not release before the query settles.
  for (const ret of lc.returnsToAwait) ret.node.argument = j.awaitExpression(ret.node.argument);

  // 3. The declaration.
  let declaration: Node;
  if (lc.form === 'assigned-in-try') {
    const init = lc.statement.node.expression.right;
    declaration = j.variableDeclaration('const', [j.variableDeclarator(j.identifier(lc.name), init)]);
    const i = body.indexOf(lc.statement.node);
    body[i] = declaration;
    prune(lc.letStatement!);
  } else {
    declaration = lc.statement.node;
  }
  const disposeAsync = lc.release.async && lc.releaseAwaited;
  const call = releaseCallText(lc);
  let regionFirst: Node = declaration;
  if (opts.native) {
    declaration.kind = opts.nativeAsync ? 'await using' : 'using';
    carryComments(releaseComments, declaration);
  } else if (opts.adapter === 'stack' && lc.form !== 'connected-here') {
    const stack = freshName(`_${lc.name}Stack`, opts.usedNames);
    const ctor = disposeAsync ? 'AsyncDisposableStack' : 'DisposableStack';
    const stackDecl = opts.parseStatement(`${disposeAsync ? 'await using' : 'using'} ${stack} = new ${ctor}();`);
    const declarator = declaration.declarations[0];
    const onDispose = disposeAsync ? `async (${lc.name}) => { await ${call}; }` : lc.release.async ? `(${lc.name}) => void ${call}` : `(${lc.name}) => ${call}`;
    const adopt = opts.parseStatement(`${stack}.adopt(INIT, ${onDispose});`).expression;
    adopt.arguments[0] = declarator.init;
    declarator.init = adopt;
    body.splice(body.indexOf(declaration), 0, stackDecl);
    carryComments(releaseComments, stackDecl);
    regionFirst = stackDecl;
  } else {
    const name = freshName(`_release${capitalise(lc.name)}`, opts.usedNames);
    const code = disposeAsync
      ? // An async block body: `() => redis.quit()` returns Promise<'OK'>, which is not a PromiseLike<void>.
        `await using ${name} = { [Symbol.asyncDispose]: async () => { await ${call}; } };`
      : lc.release.async
        ? `using ${name} = { [Symbol.dispose]: () => void ${call} };`
        : `using ${name} = { [Symbol.dispose]: () => ${call} };`;
    // After the connect step, if any: a client that never connected is not released (as before).
    const disposer = opts.parseStatement(code);
    carryComments(releaseComments, disposer);
    body.splice(body.indexOf(lc.connectStatement ?? declaration) + 1, 0, disposer);
  }

  // 4. Bound the scope so disposal happens where the release was.
  const start = body.indexOf(regionFirst);
  const end = tailStart ? body.indexOf(tailStart) : body.length;
  const tail = body.slice(end);
  const region = body.slice(start, end);
  const mustBound = block.type === 'Program' || tail.some(containsAwait) || tailStaysAfter(lc, region, tail);
  if (mustBound) {
    const inner = j.blockStatement(region);
    for (const t of emptiedTries) unwrapTry(inner.body, t);
    body.splice(start, end - start, inner);
  } else {
    for (const t of emptiedTries) unwrapTry(body, t);
  }

  // 5. `let x; try { x = … } finally { … }`: the try may now be empty of handlers.
  if (lc.form === 'assigned-in-try') {
    const tryNode = lc.tryStatement!.node;
    const outer: Node[] = lc.tryStatement!.parentPath.value;
    if (!tryNode.handler && !tryNode.finalizer) {
      const i = outer.indexOf(tryNode);
      const after = outer.slice(i + 1);
      if (after.some(containsAwait)) outer.splice(i, 1, tryNode.block);
      else unwrapTry(outer, tryNode);
    }
  }
}
