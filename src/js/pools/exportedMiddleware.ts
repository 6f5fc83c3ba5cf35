// Express middleware a module exports for another module to register (`export async function loadTenant(req,
// res, next)`, `module.exports = (req, res, next) => …`). What it parks on the request goes to the handlers
// that module runs after it, in files this one does not see: such a session is never rewritten here, and is
// reported unless the middleware itself releases it when the response ends. A library callback API's manual
// handle (`req.trx = await knex.transaction()`) counts too: the handlers after it choose its end.
import { isFunction, unwrapExpression, type Node, type Path } from '../analysis/ast';
import { middlewareShape } from '../provenance/requestSlots';
import { isExportsObject } from '../provenance/tree';
import type { Provenance } from '../provenance/values';
import { handleSpec } from '../provenance/returns';
import type { ReleaseSpec } from '../../catalog/js';

export interface ExportedMiddleware {
  fn: Path;
  /** The name it is exported under (`default` for a default export). */
  name: string;
  requestParam: string;
  responseParam: string;
}

/** The module-level function `name` of `program` (a declaration or a `const` bound to a function). */
function declaredFunction(program: Path, name: string): Path | null {
  const body: Node[] = program.node.body;
  for (let i = 0; i < body.length; i++) {
    const raw = body[i];
    const exported = raw.type === 'ExportNamedDeclaration' || raw.type === 'ExportDefaultDeclaration';
    const s = exported ? raw.declaration : raw;
    const at = exported ? program.get('body', i, 'declaration') : program.get('body', i);
    if (s?.type === 'FunctionDeclaration' && s.id?.name === name) return at;
    if (s?.type !== 'VariableDeclaration') continue;
    for (let k = 0; k < s.declarations.length; k++) {
      const d = s.declarations[k];
      if (d.id.type === 'Identifier' && d.id.name === name && d.init && isFunction(unwrapExpression(d.init))) return at.get('declarations', k, 'init');
    }
  }
  return null;
}

/** Functions the module exports (ESM or CommonJS) that have the shape of Express middleware. */
export function exportedMiddlewares(program: Path): ExportedMiddleware[] {
  const found: { fn: Path | null; name: string }[] = [];
  const body: Node[] = program.node.body;
  body.forEach((s, i) => {
    if (s.type === 'ExportNamedDeclaration') {
      const d = s.declaration;
      if (d?.type === 'FunctionDeclaration' && d.id) found.push({ fn: program.get('body', i, 'declaration'), name: d.id.name });
      if (d?.type === 'VariableDeclaration') {
        d.declarations.forEach((v: Node, k: number) => {
          if (v.id.type === 'Identifier' && v.init && isFunction(v.init)) found.push({ fn: program.get('body', i, 'declaration', 'declarations', k, 'init'), name: v.id.name });
        });
      }
      if (!s.source) for (const spec of s.specifiers ?? []) if (spec.local?.type === 'Identifier') found.push({ fn: declaredFunction(program, spec.local.name), name: spec.exported.name ?? spec.local.name });
    } else if (s.type === 'ExportDefaultDeclaration') {
      const d = s.declaration;
      if (isFunction(d)) found.push({ fn: program.get('body', i, 'declaration'), name: 'default' });
      else if (d.type === 'Identifier') found.push({ fn: declaredFunction(program, d.name), name: 'default' });
    } else if (s.type === 'ExpressionStatement' && s.expression.type === 'AssignmentExpression' && s.expression.left.type === 'MemberExpression') {
      const { left, right } = s.expression;
      const name = isExportsObject(left) ? 'default' : !left.computed && isExportsObject(left.object) ? left.property.name : null;
      if (!name) return;
      const at: Path = program.get('body', i, 'expression', 'right');
      if (isFunction(right)) found.push({ fn: at, name });
      else if (right.type === 'Identifier') found.push({ fn: declaredFunction(program, right.name), name });
      else if (right.type === 'ObjectExpression' && name === 'default') {
        for (const q of right.properties) {
          const key = q.key?.name ?? q.key?.value;
          if (q.type === 'ObjectProperty' && q.value.type === 'Identifier') found.push({ fn: declaredFunction(program, q.value.name), name: key });
          else if (q.type === 'ObjectProperty' && isFunction(q.value)) found.push({ fn: at.get('properties', right.properties.indexOf(q), 'value'), name: key });
        }
      }
    }
  });
  const out: ExportedMiddleware[] = [];
  const seen = new Set<Node>();
  for (const { fn, name } of found) {
    if (!fn || seen.has(fn.node)) continue;
    seen.add(fn.node);
    const shape = middlewareShape(fn);
    if (shape) out.push({ fn, name, ...shape });
  }
  return out;
}

/** From an expression down through `await`, parentheses and TypeScript wrappers to `target`. */
export function pathDownTo(p: Path, target: Node): Path {
  let q = p;
  while (q.node !== target) q = q.get(q.node.type === 'AwaitExpression' ? 'argument' : 'expression');
  return q;
}

/**
 * The manual handle of a library callback API (`await sequelize.transaction()`, `await knex.transaction()`):
 * ended by the success or the failure end, which the code chooses — never by a release the response's end
 * could make. `null` for anything else, a managed call (with its callback) included.
 */
export function manualHandle(call: Path, options: { provenance: Provenance }): { library: string; noun: string; release: ReleaseSpec } | null {
  const callee = call.node.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return null;
  if (call.node.arguments.some((a: Node) => isFunction(a))) return null;
  const owner = options.provenance.expr(call.get('callee', 'object'));
  if (owner?.t !== 'instance') return null;
  const spec = handleSpec(owner.kind, callee.property.name);
  if (!spec || !('method' in spec.failure)) return null;
  return { library: owner.kind.lib.library, noun: spec.noun, release: { method: spec.failure.method, async: true } };
}
