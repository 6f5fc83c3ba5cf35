// The teardown finder: every call that closes a long-lived kind (pool, pooling client, engine), with the
// context it runs in, the pool's origin and a verdict — remove it, leave it (it is how the process lets
// go), or report. Rewrites and reports both come from this model.
import jscodeshift from 'jscodeshift';
import type { Catalog } from '../catalog';
import { POOL_KINDS, poolKind, type PoolKindSpec } from '../catalog/pools';
import type { Provenance } from '../analysis/provenance';
import type { Node, Path } from '../analysis/ast';
import { callContext, fileContext, type CallContext } from './context';
import { OriginResolver, type PoolOrigin } from './origin';
import type { PoolReasonId } from './reasons';

export const TEARDOWN_METHODS = new Set(POOL_KINDS.flatMap((k) => k.teardown));

export type TeardownVerdict =
  | { action: 'remove' }
  /** Runs once per process (a hook, a script, a test); it also counts as the pool's shutdown hook. */
  | { action: 'leave'; hook: boolean }
  | { action: 'report'; reasonId: PoolReasonId; why?: string };

export interface Teardown {
  call: Path;
  /** The statement that is nothing but this call (`await pool.end();`), when it is one. */
  statement: Path | null;
  receiver: string;
  method: string;
  spec: PoolKindSpec;
  origin: PoolOrigin;
  context: CallContext;
  verdict: TeardownVerdict;
}

/** The statement holding `call` when the call is all it does: `pool.end();`, `await pool.end();`, `void pool.end();`. */
function wholeStatement(call: Path): Path | null {
  let p = call;
  if (p.parent?.node.type === 'AwaitExpression' || (p.parent?.node.type === 'UnaryExpression' && p.parent.node.operator === 'void')) p = p.parent;
  return p.parent?.node.type === 'ExpressionStatement' ? p.parent : null;
}

/** Does `statement` run on every path through `fn` that reaches its block (only blocks and try on the way)? */
function unconditionalIn(statement: Path, fn: Node): boolean {
  for (let p: Path | null = statement.parent; p; p = p.parent) {
    const n = p.node;
    if (n === fn) return true;
    if (n.type === 'BlockStatement' || n.type === 'TryStatement' || n.type === 'CatchClause') continue;
    return false;
  }
  return false;
}

export interface FindTeardownsOptions {
  catalog: Catalog;
  file: string;
  provenance: Provenance;
}

export function findTeardowns(root: Path, options: FindTeardownsOptions): Teardown[] {
  const program = root.node.type === 'File' ? root.node.program : root.node;
  const fileCtx = fileContext(options.file, program);
  const resolver = new OriginResolver(options.file, (init) => options.provenance.expr(init)?.t === 'instance');
  const found: Teardown[] = [];
  jscodeshift(root)
    .find(jscodeshift.CallExpression)
    .forEach((call) => {
      const callee = call.node.callee;
      if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
      const method: string = callee.property.name;
      if (!TEARDOWN_METHODS.has(method)) return;
      const receiverPath = call.get('callee').get('object');
      const value = options.provenance.expr(receiverPath);
      if (value?.t !== 'instance') return;
      const spec = poolKind(value.kind.lib.library, value.kind.name);
      if (!spec || !spec.teardown.includes(method)) return;
      const origin = resolver.resolve(receiverPath);
      const context = callContext(call, fileCtx);
      const statement = wholeStatement(call);
      const receiver = jscodeshift(receiverPath).toSource();
      found.push({ call, statement, receiver, method, spec, origin, context, verdict: verdictFor(context, origin, statement, spec) });
    });
  return found;
}

function verdictFor(context: CallContext, origin: PoolOrigin, statement: Path | null, spec: PoolKindSpec): TeardownVerdict {
  if (context.kind !== 'per-call') return { action: 'leave', hook: context.kind === 'shutdown' || context.kind === 'script' };
  // The inverse case: the pool is made by this very call. Moving it out changes its lifetime.
  if (origin.scope === 'local' && origin.fn === context.fn.node) {
    return spec.perCallIsFine ? { action: 'leave', hook: false } : { action: 'report', reasonId: 'pool-per-call' };
  }
  if (origin.scope === 'unknown') return { action: 'report', reasonId: 'pool-origin-unknown', why: origin.why };
  if ((origin.scope === 'module' || origin.scope === 'field') && origin.reassigned) return { action: 'report', reasonId: 'pool-reassigned' };
  if (!statement) return { action: 'report', reasonId: 'teardown-in-expression' };
  if (!unconditionalIn(statement, context.fn.node)) return { action: 'report', reasonId: 'teardown-conditional' };
  return { action: 'remove' };
}

/** Teardowns that are the pool's shutdown hook (or a script's last word), by origin key. */
export function hookKeys(teardowns: Teardown[], kinds: CallContext['kind'][] = ['shutdown', 'script']): Map<string, Teardown> {
  const keys = new Map<string, Teardown>();
  for (const t of teardowns) {
    if (t.verdict.action !== 'leave' || !t.verdict.hook || !kinds.includes(t.context.kind)) continue;
    if ('key' in t.origin && !keys.has(t.origin.key)) keys.set(t.origin.key, t);
  }
  return keys;
}

