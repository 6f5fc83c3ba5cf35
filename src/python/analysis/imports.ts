// What each imported name stands for: `sa` → `sqlalchemy`, `Session` → `sqlalchemy.orm.Session`,
// `SessionLocal` → `.db.SessionLocal` (relative, resolved by the project pass).
import type { PyNode } from '../parse/tree';
import { dotted } from '../parse/syntax';

export interface ImportBinding {
  /** The qualified name the local name stands for (`sqlalchemy.orm.Session`, `.db.engine`). */
  qualified: string;
  /** `from m import x` (a member), not `import m` (a module). */
  member: boolean;
  /** For a member: the module as written (`.db`, `app.models`, `.`) and the imported name. */
  module?: string;
  name?: string;
  node: PyNode;
}

export class Imports {
  readonly bindings = new Map<string, ImportBinding>();
  /** Statements at module level that import, in order (new imports go after the last one). */
  readonly moduleLevel: PyNode[] = [];

  constructor(root: PyNode) {
    for (const stmt of root.findAll(['import_statement', 'import_from_statement', 'future_import_statement'])) {
      if (stmt.parent === root) this.moduleLevel.push(stmt);
      if (stmt.kind === 'import_statement') this.readImport(stmt);
      else if (stmt.kind === 'import_from_statement') this.readFrom(stmt);
    }
  }

  private readImport(stmt: PyNode): void {
    for (const n of stmt.named) {
      if (n.kind === 'dotted_name') {
        // `import a.b.c` binds `a` to the package `a`.
        const first = n.named[0]?.text ?? n.text;
        this.bindings.set(first, { qualified: first, member: false, node: stmt });
      } else if (n.kind === 'aliased_import') {
        const name = n.field('name');
        const alias = n.field('alias');
        if (name && alias) this.bindings.set(alias.text, { qualified: name.text, member: false, node: stmt });
      }
    }
  }

  private readFrom(stmt: PyNode): void {
    const mod = stmt.field('module_name');
    if (!mod) return;
    const module = mod.text.replace(/\s+/g, '');
    for (const n of stmt.fieldAll('name')) {
      if (n.kind === 'dotted_name') this.bindings.set(n.text, { qualified: join(module, n.text), member: true, module, name: n.text, node: stmt });
      else if (n.kind === 'aliased_import') {
        const name = n.field('name');
        const alias = n.field('alias');
        if (name && alias) this.bindings.set(alias.text, { qualified: join(module, name.text), member: true, module, name: name.text, node: stmt });
      }
    }
  }

  /** The qualified name of `a.b.c` when `a` is imported; null for a name the file defines itself. */
  qualify(node: PyNode | null): string | null {
    const name = dotted(node);
    if (!name) return null;
    return this.qualifyName(name);
  }

  qualifyName(name: string): string | null {
    const dot = name.indexOf('.');
    const head = dot < 0 ? name : name.slice(0, dot);
    const b = this.bindings.get(head);
    if (!b) return null;
    return dot < 0 ? b.qualified : b.qualified + name.slice(dot);
  }

  /**
   * `local`, imported from a project module that imports it from a library, stands for the library's name
   * (`sqlalchemy.orm.sessionmaker`). False when the file binds it otherwise.
   */
  aliasTo(local: string, qualified: string): boolean {
    const b = this.bindings.get(local);
    if (!b?.member) return false;
    this.bindings.set(local, { ...b, qualified });
    return true;
  }

  /** Local name under which `qualified` is imported as a member (`closing` for `contextlib.closing`), if any. */
  localNameOf(qualified: string): string | null {
    for (const [local, b] of this.bindings) if (b.qualified === qualified) return local;
    return null;
  }
}

function join(module: string, name: string): string {
  return module.endsWith('.') ? module + name : `${module}.${name}`;
}
