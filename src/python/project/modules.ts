// Which project file an import names: `from .db import engine` next to the importing file,
// `from app.models import Session` by the path suffix `app/models.py` (or `app/models/__init__.py`),
// nearest to the importing file when several match. Names from outside the project resolve to nothing.
import * as path from 'node:path';

export class ModuleIndex {
  private readonly files: Set<string>;
  private readonly bySuffix = new Map<string, string[]>();

  constructor(paths: string[]) {
    this.files = new Set(paths.map((p) => path.resolve(p)));
    for (const f of this.files) {
      const parts = f.split(path.sep);
      const base = parts[parts.length - 1];
      const key = base === '__init__.py' ? parts[parts.length - 2] : base.replace(/\.py$/, '');
      if (!this.bySuffix.has(key)) this.bySuffix.set(key, []);
      this.bySuffix.get(key)!.push(f);
    }
  }

  has(file: string): boolean {
    return this.files.has(path.resolve(file));
  }

  /** The file of module `module` as imported from `from` (relative when it starts with dots). */
  resolve(from: string, module: string): string | null {
    const rel = /^(\.+)(.*)$/.exec(module);
    if (rel) {
      let dir = path.dirname(path.resolve(from));
      for (let i = 1; i < rel[1].length; i++) dir = path.dirname(dir);
      const rest = rel[2] ? rel[2].split('.') : [];
      return this.fileAt(path.join(dir, ...rest), rest.length === 0);
    }
    const parts = module.split('.');
    const last = parts[parts.length - 1];
    const tail = parts.join(path.sep);
    const candidates = (this.bySuffix.get(last) ?? []).filter((f) => f.endsWith(`${path.sep}${tail}.py`) || f.endsWith(`${path.sep}${tail}${path.sep}__init__.py`));
    if (!candidates.length) return null;
    const dir = path.dirname(path.resolve(from));
    const shared = (f: string) => {
      const a = dir.split(path.sep);
      const b = path.dirname(f).split(path.sep);
      let n = 0;
      while (n < a.length && n < b.length && a[n] === b[n]) n++;
      return n;
    };
    return candidates.sort((x, y) => shared(y) - shared(x) || x.length - y.length)[0];
  }

  private fileAt(base: string, packageOnly: boolean): string | null {
    if (!packageOnly && this.files.has(`${base}.py`)) return `${base}.py`;
    const init = path.join(base, '__init__.py');
    return this.files.has(init) ? init : null;
  }
}
