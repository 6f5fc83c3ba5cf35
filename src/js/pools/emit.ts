// Edits for pool-lifecycle: take a statement out (leaving no empty finally behind), and scope a request's
// connection to its response in each framework's own way.
import jscodeshift from 'jscodeshift';
import { declaredNames, walk, type Node, type Path } from '../analysis/ast';
import { responseParamOf, type RequestSession } from './requestScope';

const j = jscodeshift;

/**
 * Remove a statement. A finally left empty goes too; a try left with neither catch nor finally gives its
 * statements back to the enclosing block (as a plain block when one of its names is declared there too).
 */
export function removeStatement(statement: Path): void {
  const block = statement.parent;
  const tryPath = block?.parent;
  statement.prune();
  if (!tryPath || tryPath.node.type !== 'TryStatement' || tryPath.node.finalizer !== block.node || block.node.body.length > 0) return;
  const tryNode = tryPath.node;
  if (tryNode.handler) {
    tryNode.finalizer = null;
    return;
  }
  const inner: Node[] = tryNode.block.body;
  const container = tryPath.parent;
  const siblings: Node[] | undefined = Array.isArray(container?.node.body) ? container.node.body : undefined;
  if (!siblings) {
    tryPath.replace(tryNode.block);
    return;
  }
  const outerNames = new Set(siblings.filter((s) => s !== tryNode).flatMap((s) => declaredNames(s)));
  const clash = inner.flatMap((s) => declaredNames(s)).some((n) => outerNames.has(n));
  if (clash) tryPath.replace(tryNode.block);
  else tryPath.replace(...inner);
}

/** A name for the local holding the connection, free in the middleware and the module. */
function freeName(session: RequestSession, program: Node): string {
  const used = new Set<string>();
  // Every name the middleware binds or reads; property names (`req.db`) do not count.
  walk(
    session.middleware.node,
    (n: Node, parent: Node | null) => {
      if (n.type !== 'Identifier') return;
      const isProperty = (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.property === n && !parent.computed;
      const isKey = parent?.type === 'ObjectProperty' && parent.key === n && !parent.shorthand && !parent.computed;
      if (!isProperty && !isKey) used.add(n.name);
    },
    true,
  );
  for (const s of program.body) for (const n of declaredNames(s)) used.add(n);
  const base = session.slot[session.slot.length - 1];
  for (const candidate of [base, `${base}Connection`, `_${base}`]) if (!used.has(candidate)) return candidate;
  for (let i = 2; ; i++) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}

const parseStatements = (code: string): Node[] => (j(code).paths()[0] as Path).node.program.body;

/** Release the request's connection when its response is done; remove the handlers' own releases. */
export function emitRequestScope(session: RequestSession, program: Node): void {
  const { release } = session;
  const awaitIfAsync = release.async ? 'await ' : '';
  if (session.framework === 'fastify') {
    // onResponse runs when the response has been sent, onRequestAbort when the client went away first;
    // Fastify runs one or the other for a request, never both.
    const recv = session.registerReceiver;
    const slot = `request.${session.slot.join('.')}`;
    const hooks = parseStatements(
      ['onResponse', 'onRequestAbort'].map((hook) => `${recv}.addHook('${hook}', async (request) => {\n  ${awaitIfAsync}${slot}?.${release.method}();\n});`).join('\n'),
    );
    session.register.insertAfter(hooks[1]);
    session.register.insertAfter(hooks[0]);
  } else {
    const body: Node[] = session.middleware.node.body.body;
    const acquire = session.acquire.node;
    const index = body.indexOf(acquire);
    const name = freeName(session, program);
    const assign = acquire.expression;
    const declaration = j.variableDeclaration('const', [j.variableDeclarator(j.identifier(name), assign.right)]);
    assign.right = j.identifier(name);
    if (session.framework === 'express') {
      const res = responseParamOf(session)!;
      // 'close' fires after 'finish' and when the client aborts. A client that left while the middleware
      // waited for a connection has already closed its response: no listener would run, and no handler
      // could answer it, so the connection goes straight back.
      const guard = parseStatements(
        `if (${res}.closed) {\n  ${name}.${release.method}();\n  return;\n}\n${res}.on('close', () => ${name}.${release.method}());`,
      );
      body.splice(index, 1, declaration, guard[0], acquire, guard[1]);
    } else {
      // Koa: `await next()` resolves when every downstream middleware is done with the request.
      const rest = body.slice(index + 1);
      // Parsed rather than built, so recast lays it out like the statements around it (no blank lines).
      const [tryStatement] = parseStatements(`try {\n} finally {\n  ${awaitIfAsync}${name}.${release.method}();\n}`);
      tryStatement.block.body = rest;
      body.splice(index, body.length - index, declaration, acquire, tryStatement);
    }
  }
}
