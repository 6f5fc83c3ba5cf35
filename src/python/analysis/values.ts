// What a name or expression holds, as far as leaks go: an engine, a session factory, a scoped registry,
// a session, a connection — from the catalogue, the file's imports and assignments (module level, class
// fields `self.x = …`, function locals), parameter annotations, and the project pass for names imported
// from other modules of the project. Flow-insensitive on purpose: a name assigned two different kinds of
// value is unknown, and unknown is never rewritten.
import { attributeFact, constructorNamed, methodFact } from '../../catalog/python';
import type { ValueKind } from '../../catalog/python';
import { ASYNC_SESSION_CLASSES } from '../../catalog/python/sqlalchemy';
import { FLASK_G } from '../../catalog/python/flask';
import type { PyNode, PyTree } from '../parse/tree';
import { assignmentOf, callParts, declaresGlobal, dotted, enclosingClass, FUNCTION_KINDS, parametersOf, SCOPE_KINDS, statements, unwrapAwait, unwrapParens } from '../parse/syntax';
import { Imports } from './imports';
import type { ClassFacts } from './classFacts';
import { factoryOf } from './factories';
import { getCogName, methodFactories } from './objects';

export type ValueOrigin = 'module' | 'field' | 'local' | 'param' | 'import' | 'expression';

export interface Value {
  kind: ValueKind | 'instance' | 'object' | 'function' | 'module' | 'class';
  library: string;
  origin: ValueOrigin;
  /** For `instance`: the project class (its file's facts say what close() does). */
  className?: string;
  /** The assignment statement that gave the name its value. */
  defined?: PyNode;
  /** Made by a project function that may also return None (a failed connect it caught). */
  maybeNone?: boolean;
  /** Made by calling a function of the project (`get_db_connection()`), not the library directly. */
  via?: string;
  /** For `function`: what calling it makes. */
  returns?: ExternalValue;
  /** For `module` (a project module imported as a name): what it offers. */
  members?: Map<string, ExternalValue>;
  /** For `class`: the project class's facts. */
  classFacts?: ClassFacts;
  /** Known only by the name of an imported factory whose module this run cannot see (`SessionLocal`). */
  guessed?: boolean;
  /** For `class`: an ORM model with plain columns only. */
  flatModel?: boolean;
  /** For a scoped registry: `file#name` where it is made (one registry, however it is imported). */
  home?: string;
  /** A session from a scoped_session registry made on the same call (a project factory's). */
  freshRegistry?: boolean;
  /** For `class` and `object` (an instance of a project class that is no resource): what its factory methods make. */
  methods?: Map<string, ExternalValue>;
  /**
   * A library's own name that a project module imports, imported from that module in turn (`sessionmaker` of
   * sqlalchemy.orm through `from .core import sessionmaker`): the importing file reads it as the library's.
   */
  libraryName?: string;
}

const LAZY_ATTRIBUTES = /\b(relationship|backref|deferred|column_property|association_proxy|composite|synonym|query_expression|hybrid_property|declared_attr|dynamic_loader)\b|\blazy\s*=/;

/**
 * Names SQLAlchemy code gives its session factories (FastAPI's tutorial calls it SessionLocal). When such a
 * name is imported from a module this run cannot see, calling it is taken to make a session — scoped with
 * try/finally only, which needs nothing but the close() the code already calls.
 */
const FACTORY_NAMES = /^((Async)?SessionLocal|(async_)?session_?(local|maker|factory)|DBSession|ScopedSession|db_session)$/i;

/** A value another module of the project defines, as the project pass hands it over. */
export type ExternalValue = Omit<Value, 'origin' | 'defined'>;

/** Values of names another module of the project defines (from the project pass), keyed by local name. */
export type ExternalValues = Map<string, ExternalValue>;

const ANNOTATIONS: Record<string, ValueKind> = {
  Engine: 'engine',
  AsyncEngine: 'async-engine',
  Session: 'session',
  AsyncSession: 'async-session',
  Connection: 'connection',
  AsyncConnection: 'async-connection',
  sessionmaker: 'session-factory',
  async_sessionmaker: 'async-session-factory',
  scoped_session: 'scoped-registry',
  async_scoped_session: 'async-scoped-registry',
};

const FACTORY_KINDS = new Set<string>(['session-factory', 'async-session-factory', 'scoped-registry', 'async-scoped-registry', 'engine', 'async-engine']);

interface Binding {
  value: Value | null;
  assignments: PyNode[];
}

export class FileModel {
  readonly imports: Imports;
  private module: Map<string, Binding> | null = null;
  private readonly locals = new Map<PyNode, Map<string, Binding>>();
  private readonly fields = new Map<PyNode, Map<string, Binding>>();
  private readonly busy = new Set<string>();
  /** Classes of this file by name (project classes the analyses know as `instance` values). */
  readonly classes = new Map<string, PyNode>();

  constructor(
    readonly tree: PyTree,
    private externals: ExternalValues = new Map(),
    /** Classes (of this file or imported from the project) whose instances are resources: their close() releases. */
    private readonly resourceClasses: Set<string> = new Set(),
    /** Imported names whose module is a file of the project (never guessed from their name). */
    private readonly resolvedImports: Set<string> = new Set(),
    /** The project's cogs `bot.get_cog(name)` can be known to return, by cog name (analysis/objects). */
    private readonly cogs: ExternalValues = new Map(),
  ) {
    this.imports = new Imports(tree.root);
    // A library's name imported through a project module stands for the library's (no value of the project).
    if ([...externals.values()].some((v) => v.libraryName)) {
      this.externals = new Map([...externals].filter(([local, v]) => !(v.libraryName && this.imports.aliasTo(local, v.libraryName))));
    }
    for (const c of statements(tree.root)) {
      const def = c.kind === 'decorated_definition' ? c.field('definition') : c;
      if (def?.kind === 'class_definition') this.classes.set(def.field('name')?.text ?? '', def);
    }
  }

  /** Module-level bindings (assignments at top level, also inside top-level if/try blocks). */
  private moduleBindings(): Map<string, Binding> {
    if (this.module) return this.module;
    this.module = new Map();
    const visit = (block: PyNode): void => {
      for (const s of statements(block)) {
        if (s.kind === 'expression_statement') this.collectAssignment(s, this.module!, null);
        else if (['if_statement', 'try_statement', 'with_statement', 'else_clause', 'elif_clause', 'except_clause', 'finally_clause'].includes(s.kind)) {
          for (const b of s.named) if (b.kind === 'block') visit(b);
          for (const c of s.named) if (['else_clause', 'elif_clause', 'except_clause', 'finally_clause'].includes(c.kind)) for (const b of c.named) if (b.kind === 'block') visit(b);
        }
      }
    };
    visit(this.tree.root);
    return this.module;
  }

  private collectAssignment(stmt: PyNode, into: Map<string, Binding>, fn: PyNode | null, fieldsOnly = false): void {
    const a = assignmentOf(stmt);
    if (!a) return;
    let left = a.left;
    let right = a.right;
    // `a = b = v`: every target gets v.
    const targets: PyNode[] = [left];
    while (right?.kind === 'assignment') {
      targets.push(right.field('left')!);
      right = right.field('right');
    }
    for (left of targets) {
      let name: string | null = null;
      if (fieldsOnly) {
        if (left.kind === 'attribute' && left.field('object')?.text === 'self') name = left.field('attribute')?.text ?? null;
      } else if (left.kind === 'identifier') name = left.text;
      if (!name) continue;
      const b = into.get(name) ?? { value: null, assignments: [] };
      b.assignments.push(stmt);
      into.set(name, b);
    }
    void fn;
  }

  private localBindings(fn: PyNode): Map<string, Binding> {
    let m = this.locals.get(fn);
    if (m) return m;
    m = new Map();
    const body = fn.field('body');
    if (body) this.walkStatements(body, (s) => this.collectAssignment(s, m!, fn));
    this.locals.set(fn, m);
    return m;
  }

  private fieldBindings(cls: PyNode): Map<string, Binding> {
    let m = this.fields.get(cls);
    if (m) return m;
    m = new Map();
    const body = cls.field('body');
    if (body)
      for (const s of statements(body)) {
        const def = s.kind === 'decorated_definition' ? s.field('definition') : s;
        if (def?.kind !== 'function_definition') continue;
        const fbody = def.field('body');
        if (fbody) this.walkStatements(fbody, (st) => this.collectAssignment(st, m!, def, true));
      }
    this.fields.set(cls, m);
    return m;
  }

  /** Expression statements of a body, nested blocks included, nested functions and classes left out. */
  walkStatements(block: PyNode, visit: (stmt: PyNode) => void): void {
    for (const s of statements(block)) {
      if (s.kind === 'expression_statement') visit(s);
      else if (SCOPE_KINDS.has(s.kind) || s.kind === 'decorated_definition') continue;
      else
        s.walk((n) => {
          if (n === s) return;
          if (SCOPE_KINDS.has(n.kind) || n.kind === 'decorated_definition') return false;
          if (n.kind === 'block') {
            this.walkStatements(n, visit);
            return false;
          }
        });
    }
  }

  /** An ORM model of this file (or imported from the project) whose attributes are plain columns only. */
  flatModel(name: string): boolean {
    const cls = this.classes.get(name);
    if (!cls) return this.externals.get(name)?.flatModel === true;
    const body = cls.field('body');
    if (!body || !/\b(__tablename__|Column|mapped_column)\b/.test(body.text) || LAZY_ATTRIBUTES.test(body.text)) return false;
    const bases = cls.field('superclasses')?.named.filter((c) => c.kind !== 'comment') ?? [];
    return bases.every((b) => !this.classes.has(b.text) || (b.text !== name && this.flatModel(b.text)));
  }

  private classAttrs: Map<string, Binding> | null = null;
  private classAttributes(): Map<string, Binding> {
    if (this.classAttrs) return this.classAttrs;
    this.classAttrs = new Map();
    for (const cls of this.classes.values()) for (const s of statements(cls.field('body')!)) if (s.kind === 'expression_statement') this.collectAssignment(s, this.classAttrs, null);
    return this.classAttrs;
  }

  /** Names bound at module level by assignments. */
  moduleNames(): string[] {
    return [...this.moduleBindings().keys()];
  }

  /** All assignments to a local name in a function (its own scope). */
  localAssignments(fn: PyNode, name: string): PyNode[] {
    return this.localBindings(fn).get(name)?.assignments ?? [];
  }

  fieldAssignments(cls: PyNode, name: string): PyNode[] {
    return this.fieldBindings(cls).get(name)?.assignments ?? [];
  }

  /** The value a binding holds: every assignment must agree on the kind. */
  private bindingValue(b: Binding, origin: ValueOrigin, fn: PyNode | null, key: string): Value | null {
    if (b.value) return b.value;
    if (this.busy.has(key)) return null;
    this.busy.add(key);
    try {
      let v: Value | null = null;
      for (const stmt of b.assignments) {
        const a = assignmentOf(stmt)!;
        let right = a.right;
        while (right?.kind === 'assignment') right = right.field('right');
        const got = right ? this.classify(right, origin === 'field' ? enclosingFunctionOf(stmt) : fn) : null;
        // `x = None` first and the resource later is the usual lazy-init shape; None does not disagree.
        if (!got) {
          if (right && right.kind === 'none') continue;
          return null;
        }
        if (v && (v.kind !== got.kind || v.className !== got.className)) return null;
        v = { ...got, origin, defined: stmt };
      }
      b.value = v;
      return v;
    } finally {
      this.busy.delete(key);
    }
  }

  /** What a plain name holds where `fn` reads it (null at module level). */
  nameValue(name: string, fn: PyNode | null): Value | null {
    for (let f = fn; f; f = enclosingFunctionOf(f)) {
      const param = parametersOf(f).find((p) => p.name === name);
      if (param) {
        if (param.annotation) return this.annotationValue(param.annotation);
        // `def save(item, session=Session)`: a factory as the default is what callers get unless they pass one.
        const dflt = param.node.field('value');
        const v = dflt ? this.classify(dflt, enclosingFunctionOf(f)) : null;
        return v && FACTORY_KINDS.has(v.kind) ? { ...v, origin: 'param' } : null;
      }
      const local = this.localBindings(f).get(name);
      if (local && !declaresGlobal(f, name)) return this.bindingValue(local, 'local', f, `local:${f.start}:${name}`);
    }
    const mod = this.moduleBindings().get(name);
    if (mod) return this.bindingValue(mod, 'module', null, `module:${name}`);
    // Class attributes (`DBSession = sessionmaker(...)` in a class body), read from that body or its methods.
    if (!fn) {
      const attr = this.classAttributes().get(name);
      if (attr) return this.bindingValue(attr, 'module', null, `class-attr:${name}`);
    }
    const ext = this.externals.get(name);
    if (ext) return { ...ext, origin: 'import' };
    if (this.resourceClasses.has(name) && !this.imports.bindings.has(name)) return null;
    return null;
  }

  private annotationValue(annotation: PyNode): Value | null {
    // `Session`, `orm.Session`, `Optional[Session]`, `"Session"`: the last dotted name inside.
    const text = annotation.text.replace(/["']/g, '');
    const m = /(?:^|[[\s,|(])((?:\w+\.)*(\w+))\s*(?:\]|$|\|)/.exec(text) ?? /^((?:\w+\.)*(\w+))$/.exec(text);
    if (!m) return null;
    const kind = ANNOTATIONS[m[2]];
    return kind ? { kind, library: 'sqlalchemy', origin: 'param' } : null;
  }

  /** What an expression evaluates to. */
  classify(node: PyNode, fn: PyNode | null): Value | null {
    const { expr } = unwrapAwait(unwrapParens(node));
    if (expr.kind === 'identifier') return this.nameValue(expr.text, fn);
    if (expr.kind === 'attribute') return this.attributeValue(expr, fn);
    if (expr.kind === 'call') return this.callValue(expr, fn);
    return null;
  }

  private attributeValue(expr: PyNode, fn: PyNode | null): Value | null {
    const obj = expr.field('object');
    const attr = expr.field('attribute')?.text;
    if (!obj || !attr) return null;
    if (obj.kind === 'identifier' && obj.text === 'self' && fn) {
      const cls = enclosingClass(outermostMethod(fn));
      if (!cls) return null;
      const b = this.fieldBindings(cls).get(attr);
      return b ? this.bindingValue(b, 'field', fn, `field:${cls.start}:${attr}`) : null;
    }
    const qualified = this.imports.qualify(expr);
    if (qualified && FLASK_G.includes(qualified)) return { kind: 'flask-g', library: 'flask', origin: 'expression' };
    const base = this.classify(obj, fn);
    if (!base) return null;
    if (base.kind === 'module') {
      const m = base.members?.get(attr);
      return m ? { ...m, origin: 'import' } : null;
    }
    if (base.kind === 'flask-sqlalchemy' && attr === 'engine') return { kind: 'engine', library: 'flask-sqlalchemy', origin: 'expression' };
    const fact = isLibraryKind(base.kind) ? attributeFact(base.kind, attr) : undefined;
    return fact ? { kind: fact.produces, library: fact.library, origin: 'expression' } : null;
  }

  private callValue(call: PyNode, fn: PyNode | null): Value | null {
    const parts = callParts(call);
    if (!parts) return null;
    const callee = unwrapParens(parts.callee);
    const qualified = this.imports.qualify(callee);
    if (qualified) {
      const c = constructorNamed(qualified);
      if (c) {
        if (c.produces === 'session-factory') {
          const cls = parts.keywords.get('class_');
          if (cls && ASYNC_SESSION_CLASSES.includes(cls.text.split('.').pop()!)) return { kind: 'async-session-factory', library: c.library, origin: 'expression' };
        }
        return { kind: c.produces, library: c.library, origin: 'expression' };
      }
    }
    // A function of this file that returns a new resource: `get_db_connection()`, `self._connect()`.
    const def = this.functionCalled(callee, fn);
    if (def) {
      const made = this.factoryValue(def);
      if (made) return made;
    }
    // A project class: `Database(url)`.
    const calleeName = dotted(callee);
    if (calleeName && this.resourceClasses.has(calleeName)) return { kind: 'instance', library: 'project', className: calleeName, origin: 'expression' };
    // A class of this file whose methods hand out resources: `Storage(bot)`.
    const own = callee.kind === 'identifier' ? this.ownClass(callee.text, fn) : null;
    if (own) return own;
    // discord.py: `bot.get_cog('Storage')` is the one instance of the cog registered under that name.
    const cog = getCogName(this.imports, call);
    if (cog !== null) {
      const c = this.cogs.get(cog);
      return c?.methods ? { kind: 'object', library: 'project', className: c.className, methods: c.methods, origin: 'expression' } : null;
    }
    // `factory()`, `registry()`, `sessionmaker(...)()`.
    if (callee.kind === 'identifier' || callee.kind === 'attribute' || callee.kind === 'call') {
      const made = callee.kind === 'attribute' ? this.methodCallValue(callee, fn) : null;
      if (made) return made;
      const base = this.classify(callee, fn);
      if (base?.kind === 'function' && base.returns) return { ...base.returns, origin: 'expression', via: base.returns.via ?? dotted(callee) ?? undefined };
      if (base?.kind === 'class' && base.className && base.classFacts) return { kind: 'instance', library: 'project', className: dotted(callee) ?? base.className, origin: 'expression' };
      if (base?.kind === 'class' && base.className && base.methods?.size) return { kind: 'object', library: 'project', className: base.className, methods: base.methods, origin: 'expression' };
      if (base?.kind === 'session-factory') return { kind: 'session', library: base.library, origin: 'expression' };
      if (base?.kind === 'async-session-factory') return { kind: 'async-session', library: base.library, origin: 'expression' };
      if (base?.kind === 'scoped-registry') return { kind: 'scoped-session', library: base.library, origin: 'expression' };
      if (base?.kind === 'async-scoped-registry') return { kind: 'async-session', library: base.library, origin: 'expression' };
      if (!base && callee.kind === 'identifier' && FACTORY_NAMES.test(callee.text)) {
        const b = this.imports.bindings.get(callee.text);
        const fromLibrary = b && /^(sqlalchemy|sqlmodel|flask_sqlalchemy|requests|aiohttp|httpx)\b/.test(b.qualified);
        if (b?.member && !fromLibrary && !this.resolvedImports.has(callee.text) && !(fn && this.localBindings(fn).has(callee.text)) && !this.moduleBindings().has(callee.text)) {
          // `sessionmaker(bind=…)` itself (re-exported by a module this run cannot see) makes a factory.
          if (/^(async_)?sessionmaker$/.test(callee.text)) return { kind: callee.text.startsWith('async') ? 'async-session-factory' : 'session-factory', library: 'sqlalchemy', origin: 'expression', guessed: true, via: callee.text };
          return { kind: /^async/i.test(callee.text) ? 'async-session' : 'session', library: 'sqlalchemy', origin: 'expression', guessed: true, via: callee.text };
        }
      }
    }
    return null;
  }

  /** The definition a call's callee names: a module-level function, or a method of the class through `self`. */
  private functionCalled(callee: PyNode, fn: PyNode | null): PyNode | null {
    if (callee.kind === 'identifier') {
      if (fn && (parametersOf(fn).some((p) => p.name === callee.text) || this.localBindings(fn).has(callee.text))) return null;
      if (this.moduleBindings().has(callee.text) || this.imports.bindings.has(callee.text)) return null;
      return this.moduleFunctions().get(callee.text) ?? null;
    }
    if (callee.kind === 'attribute' && callee.field('object')?.text === 'self' && fn) {
      const cls = enclosingClass(outermostMethod(fn));
      const name = callee.field('attribute')?.text;
      if (!cls || !name) return null;
      for (const s of statements(cls.field('body')!)) {
        const d = s.kind === 'decorated_definition' ? s.field('definition') : s;
        if (d?.kind === 'function_definition' && d.field('name')?.text === name) return d;
      }
    }
    return null;
  }

  private moduleFns: Map<string, PyNode> | null = null;
  /** The functions the module defines at its top level, by name. */
  moduleFunctions(): Map<string, PyNode> {
    if (this.moduleFns) return this.moduleFns;
    this.moduleFns = new Map();
    for (const s of statements(this.tree.root)) {
      const d = s.kind === 'decorated_definition' ? s.field('definition') : s;
      if (d?.kind === 'function_definition') this.moduleFns.set(d.field('name')?.text ?? '', d);
    }
    return this.moduleFns;
  }

  /** A class this file defines, called by its own name, whose methods hand out resources: an `object`. */
  private ownClass(name: string, fn: PyNode | null): Value | null {
    const cls = this.classes.get(name);
    if (!cls || this.imports.bindings.has(name) || this.moduleBindings().has(name)) return null;
    for (let f = fn; f; f = enclosingFunctionOf(f)) if (parametersOf(f).some((p) => p.name === name) || this.localBindings(f).has(name)) return null;
    const methods = methodFactories(this, cls);
    return methods.size ? { kind: 'object', library: 'project', className: name, methods, origin: 'expression' } : null;
  }

  private readonly factories = new Map<PyNode, Value | null>();

  /** What calling a function of the project makes, when it is a factory of a resource (analysis/factories). */
  factoryValue(def: PyNode): Value | null {
    if (!this.factories.has(def)) {
      this.factories.set(def, null);
      this.factories.set(def, factoryOf(this, def));
    }
    return this.factories.get(def)!;
  }

  private methodCallValue(callee: PyNode, fn: PyNode | null): Value | null {
    const obj = callee.field('object');
    const method = callee.field('attribute')?.text;
    if (!obj || !method) return null;
    const base = this.classify(obj, fn);
    if (base?.kind === 'object') {
      const made = base.methods?.get(method);
      return made ? { ...made, origin: 'expression', via: made.via ?? dotted(callee) ?? undefined } : null;
    }
    if (!base || !isLibraryKind(base.kind)) return null;
    const fact = methodFact(base.kind, method);
    return fact ? { kind: fact.produces, library: base.library === 'flask-sqlalchemy' ? 'sqlalchemy' : fact.library, origin: 'expression' } : null;
  }
}

/** A kind the catalogue knows (not a project function, module, class or instance). */
export function isLibraryKind(kind: Value['kind']): kind is ValueKind {
  return kind !== 'instance' && kind !== 'object' && kind !== 'function' && kind !== 'module' && kind !== 'class';
}

export function enclosingFunctionOf(node: PyNode): PyNode | null {
  for (let p = node.parent; p; p = p.parent) if (FUNCTION_KINDS.has(p.kind) && p.kind === 'function_definition') return p;
  return null;
}

/** The method a nested function sits in (`self` there is the method's). */
function outermostMethod(fn: PyNode): PyNode {
  let f = fn;
  for (let p = enclosingFunctionOf(f); p; p = enclosingFunctionOf(p)) f = p;
  return f;
}


