// Lifecycles through a project module that is not there (provenance/missing.ts): `const c = await
// getConnection()` with `getConnection` imported from `./db` when `./db` names no file, and `c.release()`
// called in the same function. Nothing says what `c` is nor that release() is its release, so nothing is
// rewritten; where the code's shape leaves that call off some path (what would be a fix for a catalogue
// resource), the lifecycle is reported as `provenance-unknown`.
import { bindingOwnerPath, collectPaths, enclosingFunction, type Node, type Path, unwrapExpression } from '../ast';
import { RELEASE_NAMES, type LibrarySpec, type ResourceSpec } from '../../../catalog/js';
import { missingModule } from '../../provenance/missing';
import { FinderContext, Lifecycle, refused } from './model';
import { analyse } from './shape';

interface Binding {
  specifier: string;
  /** Called itself (`getConnection()`), or its members are (`db.getConnection()`), or either (a default). */
  called: boolean;
  members: boolean;
}

/** Names the module's top level binds to relative imports: `import { a } from './x'`, `const x = require('./x')`. */
function relativeBindings(program: Node): Map<string, Binding> {
  const out = new Map<string, Binding>();
  const relative = (s: unknown): s is string => typeof s === 'string' && /^\.\.?\//.test(s);
  for (const s of program.body) {
    if (s.type === 'ImportDeclaration' && s.importKind !== 'type' && relative(s.source.value)) {
      for (const sp of s.specifiers) {
        const ns = sp.type === 'ImportNamespaceSpecifier';
        const def = sp.type === 'ImportDefaultSpecifier';
        out.set(sp.local.name, { specifier: s.source.value, called: !ns, members: ns || def });
      }
    }
    if (s.type !== 'VariableDeclaration') continue;
    for (const d of s.declarations) {
      const init = unwrapExpression(d.init);
      const isRequire = init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' && relative(init.arguments[0]?.value);
      if (!isRequire) continue;
      const specifier = init.arguments[0].value;
      if (d.id.type === 'Identifier') out.set(d.id.name, { specifier, called: true, members: true });
      if (d.id.type === 'ObjectPattern') {
        for (const p of d.id.properties) if (p.type !== 'RestElement' && p.value?.type === 'Identifier') out.set(p.value.name, { specifier, called: true, members: false });
      }
    }
  }
  return out;
}

export function unresolvedLifecycles(root: Path, ctx: FinderContext, known: Set<Node>): Lifecycle[] {
  const program: Path = root.node.type === 'File' ? root.get('program') : root;
  const bound = relativeBindings(program.node);
  if (bound.size === 0) return [];
  const missing = new Map<string, boolean>();
  const isMissing = (s: string) => {
    if (!missing.has(s)) missing.set(s, missingModule(ctx.file, s));
    return missing.get(s)!;
  };
  const out: Lifecycle[] = [];
  const headOf = (n: Node): Node | null => {
    const callee = unwrapExpression(n.callee);
    return callee.type === 'Identifier' ? callee : callee.type === 'MemberExpression' && !callee.computed && callee.object.type === 'Identifier' ? callee.object : null;
  };
  // Only calls of a name bound by a relative import get a path.
  const calls = collectPaths(program, (n: Node) => {
    if (n.type !== 'CallExpression' || known.has(n)) return false;
    const head = headOf(n);
    const b = head ? bound.get(head.name) : undefined;
    return !!b && (head === unwrapExpression(n.callee) ? b.called : b.members);
  });
  for (const call of calls) {
    const callee = unwrapExpression(call.node.callee);
    const head = headOf(call.node)!;
    const b = bound.get(head.name)!;
    const headPath = head === callee ? call.get('callee') : call.get('callee', 'object');
    if (bindingOwnerPath(headPath, head.name)?.node.type !== 'Program') continue;
    // `const x = [await] f(…)`, with x released by name in the same function.
    let holder: Path = call.parent;
    if (holder?.node.type === 'AwaitExpression') holder = holder.parent;
    if (holder?.node.type !== 'VariableDeclarator' || holder.node.id.type !== 'Identifier') continue;
    const name: string = holder.node.id.name;
    const methods = releaseMethods(enclosingFunction(holder), holder, name);
    if (methods.length === 0 || !isMissing(b.specifier)) continue;
    const resource: ResourceSpec = { kind: 'unknown', noun: 'value', release: methods.map((method) => ({ method, async: false })) };
    const lib = { library: b.specifier, packageName: b.specifier, modules: {}, methods: {}, resources: [resource] } as LibrarySpec;
    const lc = analyse({ acquire: call, kind: { lib, name: 'unknown' }, resource }, ctx);
    if (!lc || !lc.verdict.fix || lc.alreadySafe || lc.releaseFirst) continue;
    const calleeText = head === callee ? head.name : `${head.name}.${callee.property.name}`;
    out.push(refused(lc, { reasonId: 'provenance-unknown', detail: `\`${calleeText}()\` of \`${b.specifier}\`` }));
  }
  return out;
}

/** Release-named methods called on the variable `name` that `declarator` declares, inside `fn`. */
function releaseMethods(fn: Path, declarator: Path, name: string): string[] {
  const owner = bindingOwnerPath(declarator.get('id'), name)?.node;
  const found = new Set<string>();
  for (const c of collectPaths(fn, (n: Node) => n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && !n.callee.computed && RELEASE_NAMES.includes(n.callee.property.name) && n.callee.object.type === 'Identifier' && n.callee.object.name === name)) {
    if (bindingOwnerPath(c.get('callee', 'object'), name)?.node === owner) found.add(c.node.callee.property.name);
  }
  return [...found];
}
