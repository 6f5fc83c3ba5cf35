// Calls through a re-exporting module: `module.exports = { queryResult: require('./js/query') }` in an index,
// and `const { queryResult } = require('../common')` in its importers. The parameters' inference (pass.ts)
// asks for every call of a module's exported function in the project; an importer that passes the function
// on under another module's name counts through that module's importers, under the name it gives it.
import { collectPaths, type Node, type Path } from '../analysis/ast';
import { callsOfImport } from './params';
import { isExportsObject } from './tree';

const isRequireOf = (n: Node, isModule: (s: string) => boolean): boolean =>
  n?.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments.length === 1 && n.arguments[0].type === 'StringLiteral' && isModule(n.arguments[0].value);

/** `module.exports.x =`, `exports.x =`: x. */
function exportsMember(left: Node): string | null {
  return left?.type === 'MemberExpression' && !left.computed && isExportsObject(left.object) ? (left.property.name ?? null) : null;
}

/**
 * The names under which `program` re-exports `exportName` of the module `isModule` names, or null when it
 * uses that module in a way the calls cannot be followed through: a require() anywhere but a top-level
 * declaration (callsOfImport reads those) or one of these re-exports, a dynamic import().
 * - `export { name } from './m'`, `export { default as name } from './m'`, `export * from './m'` (not `default`)
 * - `module.exports = require('./m')`: every name, under its own
 * - `module.exports = { name: require('./m') }`, `exports.name = require('./m')`: the module's `default`
 *   (its `module.exports`) as `name`; a named export is then reached through `name.x(…)`, not followed
 * - `… = require('./m').x`: x, under the name it is given
 */
export function reexportsOf(program: Path, isModule: (specifier: string) => boolean, exportName: string): string[] | null {
  const names = new Set<string>();
  for (const s of program.node.body as Node[]) {
    if ((s.type === 'ExportNamedDeclaration' || s.type === 'ExportAllDeclaration') && s.source && isModule(s.source.value)) {
      if (s.exportKind === 'type') continue;
      if (s.type === 'ExportAllDeclaration') {
        if (s.exported) return null; // `export * as ns from './m'`: a namespace
        if (exportName !== 'default') names.add(exportName);
        continue;
      }
      for (const spec of s.specifiers ?? []) {
        if (spec.type !== 'ExportSpecifier') return null;
        const local = spec.local.name ?? spec.local.value;
        if (local === exportName) names.add(spec.exported.name ?? spec.exported.value);
      }
    }
  }
  // Every require() of the module: where it stands says what it is.
  const requires = collectPaths(program, (n) => isRequireOf(n, isModule) || (n.type === 'ImportExpression' || (n.type === 'CallExpression' && n.callee.type === 'Import')) && n.arguments?.[0]?.type === 'StringLiteral' && isModule(n.arguments[0].value));
  for (const r of requires) {
    if (!isRequireOf(r.node, isModule)) return null;
    // `require('./m').x`: the export x alone.
    let value: Path = r;
    let taken = 'default';
    const parent = r.parent?.node;
    if (parent?.type === 'MemberExpression' && parent.object === r.node && !parent.computed) {
      value = r.parent;
      taken = parent.property.name;
    }
    const holder = value.parent?.node;
    const statement = value.parent?.parent?.node;
    // `const x = require('./m')` at the top: callsOfImport reads it.
    if (value === r && holder?.type === 'VariableDeclarator' && holder.init === r.node && value.parent.parent?.parent?.node.type === 'Program') continue;
    if (value === r && holder?.type === 'AwaitExpression' && value.parent.parent?.node.type === 'VariableDeclarator' && value.parent.parent?.parent?.parent?.node.type === 'Program') continue;
    if (holder?.type === 'AssignmentExpression' && holder.right === value.node && statement?.type === 'ExpressionStatement' && value.parent.parent.parent?.node.type === 'Program') {
      if (isExportsObject(holder.left)) {
        // `module.exports = require('./m')`: the module as it is; `= require('./m').x`: x as the default.
        if (taken === 'default') names.add(exportName);
        else if (taken === exportName) names.add('default');
        continue;
      }
      const as = exportsMember(holder.left);
      if (as !== null) {
        if (taken === exportName) names.add(as);
        else if (taken === 'default') return null; // `exports.db = require('./m')`: `db.x(…)` is not followed
        continue;
      }
      return null;
    }
    // `module.exports = { name: require('./m'), … }`
    const object = value.parent?.parent;
    const assignment = object?.parent?.node;
    if (holder?.type === 'ObjectProperty' && holder.value === value.node && !holder.computed && object?.node.type === 'ObjectExpression' && assignment?.type === 'AssignmentExpression' && assignment.right === object.node && isExportsObject(assignment.left) && object.parent.parent?.node.type === 'ExpressionStatement' && object.parent.parent.parent?.node.type === 'Program') {
      const as = holder.key.name ?? holder.key.value;
      if (taken === exportName) names.add(as);
      else if (taken === 'default') return null;
      continue;
    }
    return null;
  }
  return [...names];
}

export interface ImportGraph {
  /** The files of the run that import a project module. */
  importers: (module: string) => string[];
  importsOf: (abs: string) => Map<string, string>;
  programOf: (abs: string) => Path | null;
  /** A module other packages may import: what it exports has callers outside the project. */
  isEntry: (abs: string) => boolean;
}

/** More modules than this between a function and its callers: its callers are taken as unknown. */
const MAX_MODULES = 32;

/**
 * Every call of `exportName` of `module` in the files that import it, directly or through modules that
 * re-export it (each under the name it gets there), with the file each is in; null when some importer uses
 * it in a way that cannot be followed (passed on, a namespace handed around, a re-export from a package
 * entry, a module that cannot be read).
 */
export function importedCalls(module: string, exportName: string, graph: ImportGraph): { file: string; call: Path }[] | null {
  const out: { file: string; call: Path }[] = [];
  const queue: [string, string][] = [[module, exportName]];
  const seen = new Set<string>();
  while (queue.length) {
    const [target, name] = queue.shift()!;
    const key = `${target}\0${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (seen.size > MAX_MODULES) return null;
    for (const importer of graph.importers(target)) {
      const program = graph.programOf(importer);
      if (!program) return null;
      const specs = graph.importsOf(importer);
      const isModule = (s: string) => specs.get(s) === target;
      const calls = callsOfImport(program, isModule, name);
      const passedOn = calls && reexportsOf(program, isModule, name);
      if (!calls || !passedOn) return null;
      for (const call of calls) out.push({ file: importer, call });
      if (passedOn.length && graph.isEntry(importer)) return null;
      for (const as of passedOn) queue.push([importer, as]);
    }
  }
  return out;
}
