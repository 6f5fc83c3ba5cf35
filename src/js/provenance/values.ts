// Where does a value come from? A resource is recognised by its receiver's origin — the package import,
// `new Pool(...)`, a module-level pool, a field or a parameter annotated with the library's type, or a
// pool exported by one of the project's own modules — never by a method name alone.
import { fileOfTree, sharedTree, type SharedReads } from './reads';
import * as path from 'node:path';
import type { Catalog, Kind, LibrarySpec } from '../../catalog/js';
import { isRequestParameter } from './requestSlots';
import { bindingOwnerPath, isFunction, isNullishLiteral, ownerStatements, pathOf, type Node, type Path, unwrapExpression, patternNames } from '../analysis/ast';
import { assignedEverywhere } from './assigned';
import { resolveLocalModule, resolveProjectModule } from './resolve';
import { argumentAtEveryCall, functionName } from './calls';
import { annotatedValue } from './annotations';
import { containsNode, exportedNames, isExportsObject, rootOf } from './tree';
import { sharedReturns } from './shared';
import { detachedValue, fieldOf, methodOf, projectMethodNames, staticOf, type ClassReader } from './classes';
import { freshReturns, manualHandle, releasedParams, summaryAt } from './returns';
import { recordOf } from './records';
import { exportValue } from './exportValue';
import { own } from '../../core/records';

// One evaluator per module and shared reads, so what it evaluated once is remembered.
const readersOf = new WeakMap<SharedReads, Map<string, Provenance>>();

export type Value =
  | { t: 'module'; lib: LibrarySpec; specifier: string }
  | { t: 'class'; kind: Kind; callable?: boolean }
  | { t: 'factory'; kind: Kind }
  /** `begun`: handed out with a transaction already begun on it (a project helper that begins one). */
  | { t: 'instance'; kind: Kind; begun?: boolean }
  | { t: 'shared'; kind: Kind } // the one instance a module keeps, as its getter hands it out (shared.ts)
  /** A project function whose every `return` hands out a fresh resource (`getConnection()`), or a shared one. */
  | { t: 'returns'; value: Value; async?: boolean }
  /**
   * A project class (`class DbConnector { … }`): `new` gives a `project-object`. From the project index it
   * comes without its tree, as the methods that hand out resources.
   */
  | { t: 'project-class'; cls: Path | null; methods?: Record<string, Value>; fields?: Record<string, Value>; statics?: Record<string, Value> }
  /** An instance of a project class: its methods may hand out resources (`connector.session()`). */
  | { t: 'project-object'; cls: Path | null; methods?: Record<string, Value>; fields?: Record<string, Value> }
  /** A project module imported whole (`import * as db from './db'`). */
  | { t: 'project-module'; file: string }
  /**
   * A project function that acquires on what its parameter holds and hands it out (returns.ts):
   * `getConnection(pool)` → `pool.getConnection(…)`, its argument at each call decides.
   */
  | { t: 'acquires'; param: number; path: string[]; method: string; callbackIndex?: number; begun?: boolean; async?: boolean; element?: number }
  /** A callback API's manual handle (`sequelize.transaction()` without its callback), made on `kind`. */
  | { t: 'handle'; kind: Kind; acquire: string }
  /** An array a project function returns, one of whose elements is a resource (`[transaction, error]`). */
  | { t: 'tuple'; items: (Value | null)[] }
  /** A project function that calls these release-named methods on what these parameters hold (returns.ts). */
  | { t: 'releases'; params: Record<string, string[]> }
  /** A project object whose properties hold resources (records.ts): `{ getPool }`, a models module's `db`. */
  | { t: 'record'; fields: Record<string, Value> };

/**
 * What the project index (a pass run once, in the main thread) knows for one file: the values each project
 * module it imports exports, and the parameters of its own functions that every call in the project fills
 * with one resource. Absent: this file resolves its imports itself (a single file under jscodeshift).
 */
export interface IndexView {
  /** Resolved module file → exported name → value (null: known to be no resource). */
  exports: Map<string, Map<string, Value | null>>;
  /** Function name → parameter index → value. */
  params: Map<string, Map<number, Value>>;
  /** What the project's middleware parks on the request: `req.dbClient` in a handler. */
  requestSlots?: Map<string, Value>;
}

const MAX_DEPTH = 24;
const EMITTER_CHAINING = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'off', 'removeListener', 'setMaxListeners']);

/** Resolves expressions of one file (and, lazily, the project's own modules it imports). */
export class Provenance implements ClassReader {
  private readonly exportCache = new Map<string, Value | null>();
  /** Per scope, what each `let` declared without a value is given by all its assignments (assignedEverywhere). */
  private readonly assigned = new WeakMap<Node, Map<string, Value | null>>();

  readonly index: IndexView | undefined;

  constructor(
    private readonly catalog: Catalog,
    private readonly file: string,
    options: { shared?: SharedReads; index?: IndexView } = {},
  ) {
    this.shared = options.shared ?? { files: new Map(), exports: new Map() };
    this.exportCache = this.shared.exports;
    this.index = options.index;
  }

  private readonly shared: SharedReads;

  private moduleNamespace(specifier: string): Value | null {
    const m = this.catalog.module(specifier);
    return m ? { t: 'module', lib: m.lib, specifier } : null;
  }

  private moduleDefault(specifier: string): Value | null {
    const m = this.catalog.module(specifier);
    if (!m) return null;
    return m.spec.default ? exportValue(m.lib, m.spec.default, this.catalog) : { t: 'module', lib: m.lib, specifier };
  }

  private member(value: Value | null, name: string, depth = 0): Value | null {
    if (value?.t === 'project-module') return this.exportOf(value.file, name, depth + 1);
    // `Db.sequelize`: a static field of a project class.
    if (value?.t === 'project-class') return value.cls ? staticOf(this.readerFor(value.cls), value.cls, name, depth) : (own(value.statics, name) ?? null);
    if (value?.t === 'record') return Object.hasOwn(value.fields, name) ? value.fields[name] : null;
    if (!value || value.t !== 'module') return null;
    const m = this.catalog.module(value.specifier);
    const spec = own(m?.spec.exports, name);
    if (spec) return exportValue(value.lib, spec, this.catalog);
    if (name === 'default') return this.moduleDefault(value.specifier);
    return null;
  }

  /**
   * A relative import of a project module that leakproof.config.json declares: the catalogue key of its
   * resolved file (absolute path without extension), so it is looked up like a package. Undefined otherwise.
   */
  private configuredModule(specifier: string): string | undefined {
    if (!specifier.startsWith('.') || !this.catalog.libraries.some((l) => l.files)) return undefined;
    const file = resolveLocalModule(path.dirname(this.file), specifier);
    return file ? this.catalog.moduleForFile(file)?.key : undefined;
  }

  /** An imported binding: from a catalogue module, or from one of the project's own files. */
  private imported(specifier: string, importedName: string | 'default' | '*', depth: number): Value | null {
    specifier = this.configuredModule(specifier) ?? specifier;
    if (this.catalog.module(specifier)) {
      if (importedName === '*') return this.moduleNamespace(specifier);
      if (importedName === 'default') return this.moduleDefault(specifier);
      return this.member(this.moduleNamespace(specifier), importedName);
    }
    const file = resolveProjectModule(this.file, specifier);
    if (!file) return null;
    if (importedName === '*') return { t: 'project-module', file };
    return this.exportOf(file, importedName, depth + 1);
  }

  /** Value of an expression, or null when its origin is unknown. */
  private readonly memo = new WeakMap<object, Value | null>();

  expr(p: Path, depth = 0): Value | null {
    // `value`, not `node`: ast-types' `node` climbs to an ancestor past a node type it does not know (a
    // Babel comment in `innerComments`), which would evaluate the wrong expression.
    if (depth > MAX_DEPTH || !p?.value || typeof p.value.type !== 'string') return null;
    const node = p.value;
    if (this.memo.has(node)) return this.memo.get(node) ?? null;
    const value = this.evaluate(p, node, depth);
    // Results cut short by the depth limit are not remembered: a shallower visit may resolve them.
    if (depth === 0 || value) this.memo.set(node, value);
    return value;
  }

  private evaluate(p: Path, node: Node, depth: number): Value | null {
    switch (node.type) {
      case 'Identifier':
        return this.identifier(p, depth);
      case 'AwaitExpression':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'ParenthesizedExpression':
        return this.expr(p.get(node.type === 'AwaitExpression' ? 'argument' : 'expression'), depth + 1);
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        if (node.computed || node.property.type !== 'Identifier') return null;
        if (node.object.type === 'ThisExpression') return this.thisField(p, node.property.name, depth);
        const parked = node.object.type === 'Identifier' ? this.index?.requestSlots?.get(node.property.name) : undefined;
        if (parked) {
          const owner = bindingOwnerPath(p.get('object'), node.object.name);
          return owner && isFunction(owner.node) && isRequestParameter(owner.node, node.object.name) ? parked : null;
        }
        const obj = this.expr(p.get('object'), depth + 1);
        return this.member(obj, node.property.name, depth);
      }
      case 'NewExpression': {
        const callee = this.expr(p.get('callee'), depth + 1);
        if (callee?.t === 'project-class') return { ...callee, t: 'project-object' };
        return callee?.t === 'class' ? { t: 'instance', kind: callee.kind } : null;
      }
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
      case 'FunctionDeclaration':
      case 'ObjectMethod':
        return this.freshReturns(p, depth) ?? sharedReturns(p, (v) => this.expr(v, depth + 1)) ?? releasedParams(p);
      case 'ObjectExpression':
        return recordOf(p, (q) => this.expr(q, depth + 1));
      case 'ClassExpression':
      case 'ClassDeclaration':
        return { t: 'project-class', cls: p };
      case 'CallExpression':
      case 'OptionalCallExpression': {
        const callee = unwrapExpression(node.callee);
        if (callee.type === 'Identifier' && callee.name === 'require' && node.arguments[0]?.type === 'StringLiteral') {
          const raw = node.arguments[0].value as string;
          const spec = this.configuredModule(raw) ?? raw;
          if (this.catalog.module(spec)) return this.moduleDefault(spec);
          // `require('./db')` of a module that sets `module.exports = pool`, else its exports object (`exports.x = …`).
          const file = resolveProjectModule(this.file, raw);
          return file ? (this.exportOf(file, 'default', depth + 1) ?? { t: 'project-module', file }) : null;
        }
        if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed && callee.property.type === 'Identifier') {
          const method = callee.property.name as string;
          const recv = this.expr(p.get('callee').get('object'), depth + 1);
          if (recv?.t === 'instance' || recv?.t === 'shared') {
            // EventEmitter's listener methods return the emitter itself: `createClient().on('error', f)`.
            if (EMITTER_CHAINING.has(method)) return recv;
            const result = this.catalog.method(recv.kind, method);
            if (result) return { t: 'instance', kind: result };
            return node.arguments.some((a: Node) => a.type.includes('Function')) ? null : manualHandle(recv.kind, method);
          }
          if (recv?.t === 'class') {
            const result = this.catalog.staticMethod(recv.kind, method);
            return result ? { t: 'instance', kind: result } : null;
          }
          // `connector.session()`: a project class's method that hands out a fresh resource.
          if (recv?.t === 'project-object') return this.called(recv.methods ? (own(recv.methods, method) ?? null) : recv.cls ? this.classMember(recv.cls, method, depth) : null, p, depth);
          // `require('sqlite3').verbose()`: the module again.
          if (recv?.t === 'module' && this.catalog.module(recv.specifier)?.spec.returnsModule?.includes(method)) return recv;
          const fn = this.member(recv, method, depth);
          return this.called(fn, p, depth);
        }
        return this.called(this.expr(p.get('callee'), depth + 1), p, depth);
      }
      default:
        return null;
    }
  }

  /** What calling a value gives: a library factory's instance, or what a project function hands out. */
  private called(fn: Value | null, call: Path, depth: number): Value | null {
    if (fn?.t === 'acquires') return summaryAt(fn, call, this.catalog, (q, d) => this.expr(q, d), (v, name) => this.member(v, name, depth), depth);
    if (fn?.t === 'factory') return { t: 'instance', kind: fn.kind };
    // `Database(file)` of a class that also works without `new`; `require('pg-promise')()`.
    if (fn?.t === 'class' && fn.callable) return { t: 'instance', kind: fn.kind };
    if (fn?.t === 'module') {
      const m = this.catalog.module(fn.specifier);
      return m?.spec.callReturns ? exportValue(m.lib, m.spec.callReturns, this.catalog) : null;
    }
    if (fn?.t === 'returns') return fn.value;
    return null;
  }

  /**
   * A project function as a factory: every `return` hands out a fresh resource of one kind (returns.ts).
   * A function that returns a module's shared client, or sometimes something else, is no factory.
   */
  freshReturns(fnPath: Path, depth: number): Value | null {
    return freshReturns(fnPath, depth, this.catalog, (p, d) => this.expr(p, d));
  }

  private methodNames: Set<string> | undefined;

  /** Method names whose calls may hand out a project resource (the index's classes, this file's classes). */
  projectMethods(root: Path): Set<string> {
    const known = this.index ? [...this.index.exports.values()].flatMap((names) => [...names.values()]) : [];
    return (this.methodNames ??= projectMethodNames(root.node, known));
  }

  /** A method of a project class (or of a project class it extends) that hands out a fresh resource. */
  private classMember(cls: Path, name: string, depth: number): Value | null {
    return methodOf(this.readerFor(cls), cls, name, depth);
  }

  /** The evaluator of the file `p` belongs to: this one, or the one for the project module it was read from. */
  readerFor(p: Path): Provenance {
    const file = fileOfTree.get(rootOf(p).node);
    if (!file || file === this.file) return this;
    let readers = readersOf.get(this.shared);
    if (!readers) readersOf.set(this.shared, (readers = new Map()));
    let reader = readers.get(file);
    if (!reader || reader.index !== this.index) readers.set(file, (reader = new Provenance(this.catalog, file, { shared: this.shared, index: this.index })));
    return reader;
  }

  private identifier(p: Path, depth: number): Value | null {
    const name: string = p.node.name;
    const owner = bindingOwnerPath(p, name);
    if (!owner) return null;
    // Declarations are searched from their own block, not from the file root.
    return this.binding(owner, owner.node, name, depth);
  }

  /** Find the declaration of `name` in `owner` and evaluate it. */
  private binding(from: Path, owner: Node, name: string, depth: number): Value | null {
    // Imports.
    if (owner.type === 'Program') {
      for (const s of owner.body) {
        if (s.type !== 'ImportDeclaration') continue;
        for (const spec of s.specifiers) {
          if (spec.local.name !== name) continue;
          const source = s.source.value as string;
          if (spec.type === 'ImportDefaultSpecifier') return this.imported(source, 'default', depth);
          if (spec.type === 'ImportNamespaceSpecifier') return this.imported(source, '*', depth);
          const imported = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
          return this.imported(source, imported, depth);
        }
      }
    }
    // Parameters annotated with a library type, else filled with one resource at every call in this file.
    const fnParams: Node[] | undefined = owner.params;
    if (fnParams) {
      for (let i = 0; i < fnParams.length; i++) {
        const param = fnParams[i];
        const target = param.type === 'TSParameterProperty' ? param.parameter : param.type === 'AssignmentPattern' ? param.left : param;
        if (target.type === 'Identifier' && target.name === name) {
          return this.typeValue(target.typeAnnotation, from, depth) ?? argumentAtEveryCall(from, i, (arg) => this.expr(arg, depth + 1)) ?? this.indexedParam(from, i);
        }
      }
      return null;
    }
    // Declarations in a block-like owner.
    for (const raw of ownerStatements(owner)) {
      const s = raw && (raw.type === 'ExportNamedDeclaration' || raw.type === 'ExportDefaultDeclaration' ? raw.declaration : raw);
      if ((s?.type === 'FunctionDeclaration' || s?.type === 'ClassDeclaration') && s.id?.name === name) return this.exprOfNode(from, s, depth);
      if (!s || s.type !== 'VariableDeclaration') continue;
      for (const d of s.declarations) {
        if (d.id.type === 'Identifier' && d.id.name === name) {
          if (d.init) {
            const v = this.exprOfNode(from, d.init, depth);
            if (v) return v;
          }
          const typed = this.typeValue(d.id.typeAnnotation, from, depth);
          if (typed || s.kind === 'const' || (d.init && !isNullishLiteral(d.init))) return typed;
          // `let pool;` that a hook fills (`pool = await oracledb.createPool(cfg)`) and tests use.
          let known = this.assigned.get(owner);
          if (!known) this.assigned.set(owner, (known = new Map()));
          if (!known.has(name)) {
            known.set(name, null); // (an assignment that reads the name itself: nothing known meanwhile)
            known.set(name, assignedEverywhere(from, owner, name, (right) => this.exprOfNode(from, right, depth)));
          }
          return known.get(name) ?? null;
        }
        // `const [trx, err] = await openTransaction(db)`: an element of what a project helper returns.
        if (d.id.type === 'ArrayPattern' && d.init && patternNames(d.id).includes(name)) {
          const i = d.id.elements.findIndex((e: Node | null) => e?.type === 'Identifier' && e.name === name);
          const v = i < 0 ? null : this.exprOfNode(from, d.init, depth);
          return v?.t === 'tuple' ? (v.items[i] ?? null) : null;
        }
        if (d.id.type === 'ObjectPattern' && d.init && patternNames(d.id).includes(name)) {
          // `const { Pool } = require('pg')` / `const { promises } = fs`
          const prop = d.id.properties.find(
            (q: Node) => q.type !== 'RestElement' && q.value?.type === 'Identifier' && q.value.name === name,
          );
          if (!prop || prop.computed || prop.key.type !== 'Identifier') return null;
          const initValue = this.exprOfNode(from, d.init, depth);
          if (initValue?.t === 'module' || initValue?.t === 'project-module') return this.member(initValue, prop.key.name, depth);
          const init = unwrapExpression(d.init);
          if (init.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' && init.arguments[0]?.type === 'StringLiteral') {
            return this.imported(init.arguments[0].value, prop.key.name, depth);
          }
          return null;
        }
      }
    }
    return null;
  }

  /** Evaluate a node that is not at hand as a path: find its path by searching from the file root. */
  exprOfNode(from: Path, node: Node, depth: number): Value | null {
    // Provenance reads the tree before any edit: source positions may prune the search.
    const mayHold = (subtree: Node) => containsNode(subtree, node);
    const found = pathOf(from, node, mayHold) ?? pathOf(rootOf(from), node, mayHold);
    return found ? this.expr(found, depth + 1) : null;
  }

  /** `client: PoolClient`, `pool: pg.Pool`, `x: Pool | undefined`. */
  typeValue(annotation: Node, from: Path, depth: number): Value | null {
    return annotatedValue(this.catalog, annotation, from, (source, imported) => this.imported(source, imported, depth), (cls) => this.expr(cls, depth + 1));
  }

  /** `this.pool` inside a class: a field it declares, fills in its constructor, or inherits from a project class. */
  private thisField(p: Path, field: string, depth: number): Value | null {
    let c: Path | null = p.parent;
    while (c && c.node.type !== 'ClassBody') c = c.parent;
    if (!c?.parent) return null;
    return fieldOf(this, c.parent, field, depth);
  }

  /** The value a project module exports under `name` (`export const pool = new Pool()`). */
  private exportOf(file: string, name: string, depth: number): Value | null {
    if (depth > MAX_DEPTH) return null;
    // The project index answered for the modules this file imports: no other file is read here.
    if (this.index) return this.index.exports.get(file)?.get(name) ?? null;
    const key = `${file}\0${name}`;
    if (this.exportCache.has(key)) return this.exportCache.get(key) ?? null;
    this.exportCache.set(key, null); // cycles resolve to unknown
    if (this.shared.follow && !this.shared.follow(file)) return null;
    const root = this.loadFile(file);
    let value: Value | null = null;
    if (root) {
      const other = new Provenance(this.catalog, file, { shared: this.shared });
      value = other.exportedValue(root, name, depth + 1);
    }
    this.exportCache.set(key, value);
    return value;
  }

  /**
   * Every name `file` exports with its value (null: no resource), for the project index: `export * from`
   * names come from the modules re-exported. A project class comes as the methods that hand out resources.
   */
  exportsOf(file: string, wanted: Set<string> | '*' = '*', seen = new Set<string>()): Map<string, Value | null> {
    const out = new Map<string, Value | null>();
    const root = seen.has(file) ? null : this.loadFile(file);
    if (!root) return out;
    seen.add(file);
    const program = root.node.type === 'File' ? root.node.program : root.node;
    const { names, reexports } = exportedNames(program);
    const asked = (name: string) => wanted === '*' || wanted.has(name);
    for (const name of names) if (asked(name)) out.set(name, this.detached(this.exportOf(file, name, 0)));
    for (const spec of reexports) {
      if (wanted !== '*' && [...wanted].every((n) => out.has(n) || n === 'default')) break;
      const target = resolveProjectModule(file, spec);
      if (!target || target === file || (this.shared.follow && !this.shared.follow(target))) continue;
      const other = new Provenance(this.catalog, target, { shared: this.shared });
      for (const [name, v] of other.exportsOf(target, wanted, seen)) if (name !== 'default' && !out.has(name)) out.set(name, v);
    }
    return out;
  }

  /** A value without trees: a project class as the members that hold or hand out resources. */
  private detached(v: Value | null): Value | null {
    return detachedValue(this, v);
  }

  /** A parameter the project index found filled with one resource at every call in the project. */
  private indexedParam(fnPath: Path, index: number): Value | null {
    if (!this.index) return null;
    const name = functionName(fnPath);
    return name ? (this.index.params.get(name)?.get(index) ?? null) : null;
  }

  exportedValue(root: Path, name: string, depth: number): Value | null {
    const program = root.node.type === 'File' ? root.node.program : root.node;
    const programPath = root.node.type === 'File' ? root.get('program') : root;
    for (const s of program.body) {
      if (s.type === 'ExportNamedDeclaration') {
        if ((s.declaration?.type === 'FunctionDeclaration' || s.declaration?.type === 'ClassDeclaration') && s.declaration.id?.name === name) {
          return this.exprOfNode(programPath, s.declaration, depth);
        }
        if (s.declaration?.type === 'VariableDeclaration') {
          for (const d of s.declaration.declarations) {
            if (d.id.type === 'Identifier' && d.id.name === name) {
              const v = d.init ? this.exprOfNode(programPath, d.init, depth) : null;
              return v ?? this.typeValue(d.id.typeAnnotation, programPath, depth);
            }
          }
        }
        for (const spec of s.specifiers ?? []) {
          const exported = spec.exported.type === 'Identifier' ? spec.exported.name : spec.exported.value;
          if (exported !== name) continue;
          const local = spec.local?.name ?? exported;
          if (s.source) return this.imported(s.source.value, local, depth);
          return this.binding(programPath, program, local, depth);
        }
      }
      // `export * from './pool'`: the names of another module (never its default).
      if (s.type === 'ExportAllDeclaration' && !s.exported && name !== 'default') {
        const v = this.imported(s.source.value, name, depth);
        if (v) return v;
      }
      if (s.type === 'ExportDefaultDeclaration' && name === 'default') {
        if (s.declaration.type === 'Identifier') return this.binding(programPath, program, s.declaration.name, depth);
        return this.exprOfNode(programPath, s.declaration, depth);
      }
      // CommonJS: `exports.pool = new Pool()` / `module.exports = { pool }`.
      if (s.type === 'ExpressionStatement' && s.expression.type === 'AssignmentExpression') {
        const { left, right } = s.expression;
        const target = left.type === 'MemberExpression' ? left : null;
        if (target && !target.computed && target.property.name === name && isExportsObject(target.object)) {
          return this.exprOfNode(programPath, right, depth);
        }
        // `module.exports = pool`: the module's default, for `require('./db')` and `import pool from './db'`.
        if (name === 'default' && target && isExportsObject(target)) {
          if (right.type === 'Identifier') return this.binding(programPath, program, right.name, depth);
          return this.exprOfNode(programPath, right, depth);
        }
        if (target && isExportsObject(target) && right.type === 'ObjectExpression') {
          const prop = right.properties.find((q: Node) => !q.computed && q.key?.name === name);
          if (prop?.value?.type === 'Identifier') return this.binding(programPath, program, prop.value.name, depth);
          if (prop?.value) return this.exprOfNode(programPath, prop.value, depth);
        }
      }
    }
    return null;
  }

  private loadFile(file: string): Path | null {
    return sharedTree(this.shared, file);
  }

}
