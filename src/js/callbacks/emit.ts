// Rewrites for a manual handle with a library callback: the callback itself (with-session style) or, for
// the leaking form, the classic try/catch that ends the handle on failure (try-finally style).
import jscodeshift from 'jscodeshift';
import { mentions, type Node } from '../analysis/ast';
import type { CallbackSite } from './find';
import { carryComments, commentsOf } from '../emit/region';
import { carryLeadingComments, declareExported, returnExported } from '../emit/withSession';

const j = jscodeshift;

/** Replace the site's statements with `[return] await owner.callback(…, async (x) => { body })`. */
export function emitCallback(site: CallbackSite, parseStatement: (code: string) => Node): void {
  const { spec, list, exported } = site;
  const body = [...site.body];
  if (site.trailingReturn) body.push(site.trailingReturn);
  const result = returnExported(exported, parseStatement);
  if (result) body.push(result);
  const block = j.blockStatement(body);
  if (site.param !== site.name) renameHandle(block, site);
  const callback = j.arrowFunctionExpression([j.identifier(site.param)], block);
  callback.async = true;

  let call: Node;
  if (spec.chain) {
    // `db.startTransaction().setIsolationLevel(l).execute()` → `db.transaction().setIsolationLevel(l).execute(cb)`
    call = site.acquire;
    let inner = call.callee.object;
    while (inner.callee.property.name !== spec.acquire) inner = inner.callee.object;
    inner.callee.property = j.identifier(spec.callback);
    call.arguments = [callback];
  } else {
    const args = spec.args === 'after' ? [callback, ...site.args] : [...site.args, callback];
    call = j.callExpression(j.memberExpression(site.receiver, j.identifier(spec.callback)), args);
  }
  const awaited = j.awaitExpression(call);
  let statement: Node;
  if (site.trailingReturn) statement = j.returnStatement(awaited);
  else if (exported.length === 0) statement = j.expressionStatement(awaited);
  else statement = declareExported(exported, awaited, parseStatement);
  const first = site.replaced[0];
  carryLeadingComments(first, statement);
  // The ends the callback now makes (commit, rollback, release) and the statements it replaces keep their comments.
  const gone = [...site.replaced.filter((s) => !site.body.includes(s) && s !== site.trailingReturn), site.successStatement, site.failureStatement];
  carryComments(commentsOf(gone).filter((c) => !(c.leading && (first.comments ?? []).includes(c))), statement);
  const at = list.indexOf(first);
  for (const s of site.replaced) list.splice(list.indexOf(s), 1);
  list.splice(at, 0, statement);
}

/** The leaking form in try/catch: `try { work; await trx.commit(); } catch (e) { await trx.rollback(); throw e; }`. */
export function emitTryCatch(site: CallbackSite, parseStatement: (code: string) => Node): void {
  const { spec, list, name } = site;
  const f = spec.failure;
  const failure = 'sql' in f ? `${name}\`${f.sql}\`` : f.onOwner ? `${j(site.receiver).toSource()}.${f.method}(${name})` : `${name}.${f.method}()${f.then ? `.${f.then}()` : ''}`;
  // The catch parameter only has to leave the failure end's own names alone.
  const errorName = ['err', 'error', 'e'].find((n) => n !== name && !mentions(site.receiver, n)) ?? 'err_';
  const end = parseStatement(`${spec.endsUnawaited ? '' : 'await '}${failure};`);
  const handler = j.catchClause(j.identifier(errorName), null, j.blockStatement([end, j.throwStatement(j.identifier(errorName))]));
  const statement = j.tryStatement(j.blockStatement([...site.body, site.successStatement]), handler);
  const start = list.indexOf(site.body[0] ?? site.successStatement);
  list.splice(start, site.body.length + 1, statement);
}

/** In the moved body, `queryRunner.manager` becomes `manager` and `queryRunner.query(…)` `manager.query(…)`. */
function renameHandle(block: Node, site: CallbackSite): void {
  const members = site.spec.handle?.members ?? {};
  j(block)
    .find(j.MemberExpression, { object: { type: 'Identifier', name: site.name } })
    .forEach((p) => {
      const member = p.node.property.type === 'Identifier' ? p.node.property.name : '';
      const mapped = members[member];
      if (mapped === '') p.replace(j.identifier(site.param));
      else if (mapped) p.replace(j.memberExpression(j.identifier(site.param), j.identifier(mapped)));
    });
}
