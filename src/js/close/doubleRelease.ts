// Case 3: an explicit release left after a `using` declaration of the same resource. The declaration
// releases it at the end of the scope; the explicit call releases it first, so it is released twice — which
// throws in pg (a client released twice), oracledb (NJS-003) and mariadb (a pool ended twice). The call goes
// when the disposal runs at the same point: the call is the block's last statement (or the last statement
// of a finally that ends the block), possibly followed at once by a `return`/`throw`/`break`/`continue`
// whose value needs no await. Anywhere else it is reported.
import type { Catalog } from '../../catalog/js';
import { bindingOwnerPath, collectPaths, containsAwait, isFunction, lineColumn, unwrapExpression, type Node, type Path } from '../analysis/ast';
import type { Provenance } from '../provenance/values';
import { disposeKey } from './edit';
import { POOL_DISPOSERS } from './names';
import type { ClassUse } from './classes';
import { failureExpected } from '../analysis/lifecycles/flow';

export interface DoubleRelease {
  /** The explicit release's statement. */
  statement: Path;
  call: Node;
  name: string;
  method: string;
  using: 'using' | 'await using';
  library: string;
  kind: string;
  line: number;
  column: number;
  /** Why it stays, when it does. */
  kept: string | null;
}

interface Released {
  /** The variable the disposal releases. */
  name: string;
  /** The node that binds it (its scope), to tell it from a shadowing one. */
  owner: Node | null;
  methods: string[];
  library: string;
  kind: string;
}

const STATEMENT_LISTS = new Set(['BlockStatement', 'Program', 'StaticBlock', 'SwitchCase']);
const EXITS = new Set(['ReturnStatement', 'ThrowStatement', 'BreakStatement', 'ContinueStatement']);

/** `() => client.release()`, `async () => { await conn.free(); }`, `() => void x.end()`: the call. */
function disposerCall(fn: Node): Node | null {
  if (!fn || !(fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression' || fn.type === 'ObjectMethod')) return null;
  let e = fn.body;
  if (e.type === 'BlockStatement') {
    if (e.body.length !== 1 || e.body[0].type !== 'ExpressionStatement') return null;
    e = e.body[0].expression;
  }
  e = unwrapExpression(e);
  if (e.type === 'AwaitExpression' || (e.type === 'UnaryExpression' && e.operator === 'void')) e = unwrapExpression(e.argument);
  if (e.type !== 'CallExpression' || e.arguments.length > 0) return null;
  const callee = unwrapExpression(e.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || unwrapExpression(callee.object).type !== 'Identifier') return null;
  return e;
}

/** What a `using` declarator releases when the scope ends. */
function releasedBy(declarator: Path, catalog: Catalog, provenance: Provenance, classUses: Map<number, ClassUse>): Released | null {
  const d = declarator.node;
  if (d.id.type !== 'Identifier' || !d.init) return null;
  const init = unwrapExpression(d.init);
  // The adapter: `using _releaseClient = { [Symbol.dispose]: () => client.release() }`.
  if (init.type === 'ObjectExpression' && init.properties.length === 1 && disposeKey(init.properties[0])) {
    const prop = init.properties[0];
    const call = disposerCall(prop.type === 'ObjectMethod' ? prop : prop.value);
    if (!call) return null;
    const callee = unwrapExpression(call.callee);
    const target = unwrapExpression(callee.object);
    const initPath = declarator.get('init');
    const [targetPath] = collectPaths(initPath, (n: Node) => n === target);
    const owner = targetPath ? (bindingOwnerPath(targetPath, target.name)?.node ?? null) : null;
    const value = targetPath ? provenance.expr(targetPath) : null;
    const library = value?.t === 'instance' ? value.kind.lib.library : '';
    const kind = value?.t === 'instance' ? value.kind.name : '';
    return { name: target.name, owner, methods: [callee.property.name], library, kind };
  }
  // The resource itself: its library's (or its class's) disposer does what these calls do.
  const owner = bindingOwnerPath(declarator.get('id'), d.id.name)?.node ?? null;
  let acquire = init;
  if (acquire.type === 'AwaitExpression') acquire = unwrapExpression(acquire.argument);
  const use = classUses.get(acquire.start);
  if (use) {
    if (!use.cls.dispose) return null;
    return { name: d.id.name, owner, methods: use.cls.releases, library: use.library.library, kind: use.cls.className };
  }
  const value = provenance.expr(declarator.get('init'));
  if (value?.t !== 'instance') return null;
  const resource = catalog.resource(value.kind);
  const methods = resource?.native?.sameAs ?? POOL_DISPOSERS.find((p) => p.library === value.kind.lib.library && p.kind === value.kind.name)?.sameAs;
  if (!methods) return null;
  return { name: d.id.name, owner, methods, library: value.kind.lib.library, kind: value.kind.name };
}

/** Can control leave `block` right after `statements[i]` with nothing awaited first? */
function endsBlockAfter(list: Node[], i: number): boolean {
  const next = list[i + 1];
  if (!next) return true;
  if (!EXITS.has(next.type)) return false;
  return !next.argument || !containsAwait(next.argument);
}

export function findDoubleReleases(root: Path, catalog: Catalog, provenance: Provenance, classUses: Map<number, ClassUse>): DoubleRelease[] {
  const out: DoubleRelease[] = [];
  const declarations = collectPaths(root, (n: Node) => n.type === 'VariableDeclaration' && (n.kind === 'using' || n.kind === 'await using'));
  for (const decl of declarations) {
    const listPath = decl.parentPath;
    const block = decl.parent;
    if (!Array.isArray(listPath?.value) || !STATEMENT_LISTS.has(block?.node.type)) continue;
    const list: Node[] = listPath.value;
    const declIndex = list.indexOf(decl.node);
    decl.node.declarations.forEach((_: Node, k: number) => {
      const released = releasedBy(decl.get('declarations', k), catalog, provenance, classUses);
      if (!released) return;
      for (let i = declIndex + 1; i < list.length; i++) {
        const calls = collectPaths(listPath.get(i), (n: Node) => {
          if (n.type !== 'CallExpression' && n.type !== 'OptionalCallExpression') return false;
          const callee = unwrapExpression(n.callee);
          if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.computed) return false;
          const obj = unwrapExpression(callee.object);
          return obj.type === 'Identifier' && obj.name === released.name && released.methods.includes(callee.property.name);
        });
        for (const callPath of calls) {
          const calleePath = callPath.get('callee');
          const objPath = collectPaths(calleePath, (n: Node) => n.type === 'Identifier' && n.name === released.name)[0];
          if (!objPath || (bindingOwnerPath(objPath, released.name)?.node ?? null) !== released.owner) continue;
          out.push(judge(callPath, released, decl.node.kind, list, i, block));
        }
      }
    });
  }
  return out;
}

function judge(callPath: Path, released: Released, using: 'using' | 'await using', list: Node[], index: number, block: Path): DoubleRelease {
  const call = callPath.node;
  const callee = unwrapExpression(call.callee);
  const base = { call, name: released.name, method: callee.property.name, using, library: released.library, kind: released.kind, ...lineColumn(call) };
  let top: Path = callPath;
  while (top.parent && (top.parent.node.type === 'AwaitExpression' || top.parent.node.type === 'ParenthesizedExpression' || (top.parent.node.type === 'UnaryExpression' && top.parent.node.operator === 'void'))) {
    top = top.parent;
  }
  const statement = top.parent;
  const keep = (kept: string) => ({ ...base, statement: statement ?? callPath, kept });
  // A test that asserts the second release fails (node-oracledb: `assert.rejects(async () => { await using
  // conn = …; await conn.close(); }, /NJS-003/)`): the failure is the point.
  const asserted = failureExpected(block);
  if (asserted) return keep(`the second release is the failure that ${asserted} around it expects`);
  for (let p: Path | null = callPath.parent; p && p.node !== block.node; p = p.parent) {
    if (isFunction(p.node)) return keep('it runs in a callback, which may run after the scope has ended');
  }
  if (call.arguments.length > 0) return keep(`it is called with an argument, which may do more than release (${released.library === 'pg' ? 'pg destroys a client released with one' : 'a disposer passes none'})`);
  if (statement?.node.type !== 'ExpressionStatement') return keep('its result is used');
  // Directly in the declaration's block, as its last statement.
  if (statement.parent?.node === block.node) {
    return endsBlockAfter(list, index) ? { ...base, statement, kept: null } : keep(`the work after it would then run while ${released.name} is still held`);
  }
  // The last statement of a finally that ends the block.
  const finalizer = statement.parent;
  const tryPath = finalizer?.parent;
  if (
    finalizer?.node.type === 'BlockStatement' &&
    tryPath?.node.type === 'TryStatement' &&
    finalizer.name === 'finalizer' &&
    tryPath.parent?.node === block.node &&
    finalizer.node.body[finalizer.node.body.length - 1] === statement.node
  ) {
    return endsBlockAfter(list, index) ? { ...base, statement, kept: null } : keep(`the work after the try would then run while ${released.name} is still held`);
  }
  return keep('it runs only on some paths');
}
