// Project classes as resources, in one file, without the checker: `new Database()` and
// `Database.connect()` where `Database` is the class itself (declared here, or imported from its file under
// a name it exports). Each such expression gets a fact in the shape the lifecycle finder takes from the
// checker, and each class a catalogue entry of its own, so callers' lifecycles are found, judged and
// rewritten by the same finder and emitters as a library's.
import * as path from 'node:path';
import { Catalog, type LibrarySpec } from '../../catalog/js';
import { bindingOwnerPath, collectPaths, unwrapExpression, type Node, type Path } from '../analysis/ast';
import { resolveLocalModule } from '../provenance/resolve';
import { factKey, type FileTypeFacts } from '../checker/typeFacts';
import type { ResourceClass } from './plan';

export interface ClassCatalog {
  catalog: Catalog;
  /** `file\0className` → the library standing for the class. */
  libraries: Map<string, LibrarySpec>;
}

const key = (c: { file: string; className: string }) => `${c.file}\0${c.className}`;

/** One catalogue library per class: its release methods, and its own disposer as the native one. */
export function classCatalog(classes: ResourceClass[]): ClassCatalog {
  const libraries = new Map<string, LibrarySpec>();
  const names = new Map<string, number>();
  for (const c of classes) names.set(c.className, (names.get(c.className) ?? 0) + 1);
  for (const c of classes) {
    const library = names.get(c.className)! > 1 ? `${c.className} (${path.basename(c.file)})` : c.className;
    libraries.set(key(c), {
      library,
      packageName: library,
      modules: {},
      methods: {},
      resources: [
        {
          kind: c.className,
          noun: c.className,
          release: c.releases.map((method) => ({ method, async: c.releaseAsync })),
          ...(c.dispose ? { native: { since: '0.0.0', dispose: c.dispose, sameAs: c.releases } } : {}),
        },
      ],
    });
  }
  return { catalog: new Catalog([...libraries.values()]), libraries };
}

export interface ClassUse {
  cls: ResourceClass;
  library: LibrarySpec;
}

/**
 * Every `new C(…)` / `C.factory(…)` of a resource class in the file, by start offset, as lifecycle facts,
 * and the class behind each.
 */
export function classUses(root: Path, file: string, classes: ResourceClass[], cc: ClassCatalog): { facts: FileTypeFacts; uses: Map<number, ClassUse> } {
  const facts: FileTypeFacts = { calls: {} };
  const uses = new Map<number, ClassUse>();
  if (classes.length === 0) return { facts, uses };
  const program = root.node.type === 'File' ? root.node.program : root.node;
  // Module-level names bound to a class (`Database`) or to its module's namespace (`db`).
  const direct = new Map<string, ResourceClass>();
  const namespaces = new Map<string, string>();
  for (const s of program.body) {
    const d = s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' ? s.declaration : s;
    if (d?.type === 'ClassDeclaration' && d.id) {
      const c = classes.find((x) => x.file === file && x.className === d.id.name);
      if (c) direct.set(d.id.name, c);
    }
    if (s.type !== 'ImportDeclaration' || s.importKind === 'type' || typeof s.source.value !== 'string' || !s.source.value.startsWith('.')) continue;
    const target = resolveLocalModule(path.dirname(file), s.source.value);
    if (!target) continue;
    for (const spec of s.specifiers) {
      if (spec.importKind === 'type') continue;
      if (spec.type === 'ImportNamespaceSpecifier') {
        namespaces.set(spec.local.name, target);
        continue;
      }
      const exported = spec.type === 'ImportDefaultSpecifier' ? 'default' : spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
      const c = classes.find((x) => x.file === target && x.exports.includes(exported));
      if (c) direct.set(spec.local.name, c);
    }
  }
  if (direct.size === 0 && namespaces.size === 0) return { facts, uses };

  /** The class a callee names, if the name is the module-level one (not shadowed). */
  const classOf = (calleePath: Path): ResourceClass | null => {
    const n = unwrapExpression(calleePath.node);
    if (n.type === 'Identifier') {
      const owner = bindingOwnerPath(calleePath, n.name);
      return owner?.node.type === 'Program' ? (direct.get(n.name) ?? null) : null;
    }
    if (n.type === 'MemberExpression' && !n.computed && n.object.type === 'Identifier' && namespaces.has(n.object.name)) {
      const owner = bindingOwnerPath(calleePath.get('object'), n.object.name);
      if (owner?.node.type !== 'Program') return null;
      const target = namespaces.get(n.object.name);
      return classes.find((x) => x.file === target && x.exports.includes(n.property.name)) ?? null;
    }
    return null;
  };
  const record = (node: Node, c: ResourceClass) => {
    const library = cc.libraries.get(key(c))!;
    facts.calls[factKey(node)] = { library: library.library, kind: c.className, ...(c.dispose ? { dispose: c.dispose } : {}) };
    uses.set(node.start, { cls: c, library });
  };
  for (const p of collectPaths(root, (n: Node) => n.type === 'NewExpression' || n.type === 'CallExpression')) {
    const node = p.node;
    if (node.type === 'NewExpression') {
      const c = classOf(p.get('callee'));
      if (c) record(node, c);
      continue;
    }
    const callee = unwrapExpression(node.callee);
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') continue;
    const c = classOf(p.get('callee').get('object'));
    if (c && c.statics.includes(callee.property.name)) record(node, c);
  }
  return { facts, uses };
}
