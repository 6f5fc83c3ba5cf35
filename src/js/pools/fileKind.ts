// What kind of module a file is, from where it lives and what its top level does: a test (its teardowns
// are the behaviour under test, or the suite's own cleanup), a script (it runs once and must let its pools
// go so the process can exit), or an entry point (the process starts here, so its exported functions are
// not known to run once per call). Facts are structural — paths, imports, top-level statements, the
// package's bin and scripts — never a function's name.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageJson, packageRoot } from '../project/packageInfo';
import { unwrapExpression, walk, type Node } from '../analysis/ast';

export interface FileContext {
  /** Why the file is test code, or null. */
  test: string | null;
  /** Why the file is a script (runs once, then the process exits), or null. */
  script: string | null;
  /** Why the module is an entry point (a script, or a module whose top level starts work), or null. */
  entry: string | null;
  /** Functions declared in this module that its top level calls (`main()`, `run().then(…)`). */
  entries: Set<string>;
}

// Folders that hold tests: `test/`, `__tests__/`, `integration-tests/`, `e2e/`, `__mocks__/`.
const TEST_SEGMENT = /^(?:__)?(?:tests?|specs?|e2e|mocks|testing)(?:__)?$|(?:^|[-_.])(?:tests?|specs?|e2e)(?:[-_.]|$)/i;
const TEST_FILE = /(?:^|[._-])(?:test|tests|spec|e2e-spec|e2e)\.[cm]?[jt]sx?$|^(?:test|tests|spec)[._-]/i;
// Folders whose files run once, as a process of their own.
const SCRIPT_DIRS = new Set(['scripts', 'script', 'bin', 'migrations', 'migration', 'migrate', 'seeds', 'seeders', 'seed', 'cli', 'bench', 'benchmark', 'benchmarks', 'examples', 'example', 'demo', 'demos', 'tools']);
// `1699999999999-add-users.ts`, `20240101_init.js`, `users.seed.ts`, `seed.ts`, `migrate.js`.
const SCRIPT_FILE = /^\d{3,}[-_.]|[._-](?:migration|seed|seeder)\.[cm]?[jt]sx?$|^(?:seed|seeds|migrate|migration)\.[cm]?[jt]sx?$/i;
const TEST_MODULES = new Set(['vitest', '@jest/globals', 'jest', 'mocha', 'node:test', 'tap', 'ava', 'tape', '@playwright/test', 'uvu', 'supertest', 'chai']);
// Calls a test file makes at its top level: `describe('…', () => …)`, `test('…', …)`, `before(…)`.
export const TEST_REGISTRATIONS = new Set([
  'describe', 'context', 'it', 'test', 'suite', 'specify', 'before', 'beforeAll', 'beforeEach', 'after', 'afterAll', 'afterEach',
  'setup', 'teardown', 'suiteSetup', 'suiteTeardown', 'globalSetup', 'globalTeardown',
]);

/** `describe`, `describe.only`, `test.skip`, `describe.each(table)` → the registration's base name. */
export function testRegistrationName(callee: Node): string | null {
  let c = unwrapExpression(callee);
  if (c?.type === 'CallExpression') c = unwrapExpression(c.callee); // describe.each(table)(name, fn)
  while (c?.type === 'MemberExpression' && !c.computed) c = unwrapExpression(c.object);
  return c?.type === 'Identifier' && TEST_REGISTRATIONS.has(c.name) ? c.name : null;
}

const stringOf = (n: Node): string | null => (n && (n.type === 'StringLiteral' || n.type === 'Literal') && typeof n.value === 'string' ? n.value : null);

function requiredModule(n: Node): string | null {
  const e = unwrapExpression(n);
  return e?.type === 'CallExpression' && e.callee.type === 'Identifier' && e.callee.name === 'require' ? stringOf(e.arguments[0]) : null;
}

/** `require.main === module`, `import.meta.main`, `process.argv[1] === fileURLToPath(import.meta.url)`. */
export function isMainCheck(test: Node): boolean {
  let hit = false;
  walk(test, (n) => {
    if (n.type === 'MemberExpression' && !n.computed) {
      const o = n.object;
      if (o.type === 'Identifier' && o.name === 'require' && n.property.name === 'main') hit = true;
      if (o.type === 'MetaProperty' && n.property.name === 'main') hit = true;
      if (o.type === 'MemberExpression' && o.object?.name === 'process' && o.property?.name === 'argv') hit = true;
    }
  });
  return hit;
}

/** Names of functions and function-valued variables declared at the module's top level. */
function topLevelFunctions(program: Node): Set<string> {
  const names = new Set<string>();
  for (const raw of program.body) {
    const s = raw.type === 'ExportNamedDeclaration' || raw.type === 'ExportDefaultDeclaration' ? raw.declaration : raw;
    if (s?.type === 'FunctionDeclaration' && s.id) names.add(s.id.name);
    if (s?.type === 'VariableDeclaration') {
      for (const d of s.declarations) {
        const init = unwrapExpression(d.init);
        if (d.id.type === 'Identifier' && (init?.type === 'ArrowFunctionExpression' || init?.type === 'FunctionExpression')) names.add(d.id.name);
      }
    }
  }
  return names;
}

/** Names of functions called by statements at the module's top level (and inside `if (require.main === module)`). */
function topLevelCalls(program: Node): Set<string> {
  const names = new Set<string>();
  const fromExpression = (e: Node): void => {
    e = unwrapExpression(e);
    if (!e) return;
    if (e.type === 'AwaitExpression' || (e.type === 'UnaryExpression' && e.operator === 'void')) return fromExpression(e.argument);
    if (e.type !== 'CallExpression') return;
    const callee = unwrapExpression(e.callee);
    if (callee.type === 'Identifier') names.add(callee.name);
    // `main().then(…).catch(…)` / `main().finally(() => process.exit())`
    else if (callee.type === 'MemberExpression' && ['then', 'catch', 'finally'].includes(callee.property?.name)) fromExpression(callee.object);
  };
  const visit = (statements: Node[]) => {
    for (const s of statements) {
      if (s.type === 'ExpressionStatement') fromExpression(s.expression);
      else if (s.type === 'IfStatement' && s.consequent) visit(s.consequent.type === 'BlockStatement' ? s.consequent.body : [s.consequent]);
    }
  };
  visit(program.body);
  return names;
}

/** Why the module's own top level does work (so the process starts here), or null. */
function topLevelWork(program: Node, entries: Set<string>): string | null {
  if (program.interpreter) return 'the file starts with a #! line';
  for (const s of program.body) if (s.type === 'IfStatement' && isMainCheck(s.test)) return 'it runs code when started as the main module';
  const own = topLevelFunctions(program);
  const called = [...entries].find((n) => own.has(n));
  if (called) return `its top level calls ${called}()`;
  for (const s of program.body) {
    if (s.type === 'ExpressionStatement' && unwrapExpression(s.expression)?.type === 'AwaitExpression') return 'its top level awaits work';
  }
  return null;
}

/** Does the package's `bin` or a `scripts` command run this file (by its path, with or without extension)? */
function runByPackage(file: string): string | null {
  const root = packageRoot(path.dirname(file));
  if (!root) return null;
  const pkg = packageJson(root);
  if (!pkg) return null;
  const rel = path.relative(root, file).split(path.sep).join('/');
  const stem = rel.replace(/\.[cm]?[jt]sx?$/, '');
  const names = new Set([rel, stem, `./${rel}`, `./${stem}`]);
  const bins = typeof pkg.bin === 'string' ? [pkg.bin] : pkg.bin && typeof pkg.bin === 'object' ? Object.values(pkg.bin as Record<string, unknown>) : [];
  for (const b of bins) if (typeof b === 'string' && (names.has(b) || names.has(b.replace(/\.[cm]?[jt]sx?$/, '')))) return `package.json's bin runs ${rel}`;
  const scripts = pkg.scripts && typeof pkg.scripts === 'object' ? (pkg.scripts as Record<string, unknown>) : {};
  for (const [name, command] of Object.entries(scripts)) {
    if (typeof command !== 'string') continue;
    for (const word of command.split(/[\s'"=]+/)) {
      if (names.has(word) || names.has(word.replace(/\.[cm]?[jt]sx?$/, ''))) return `the package script "${name}" runs ${rel}`;
    }
  }
  return null;
}

/**
 * The folders between the file's project root and the file (where the project's own layout starts): its
 * package root, or without a package.json the nearest folder with a tsconfig.json, jsconfig.json or .git.
 * The folders above it are where the project was put, not what it is (a checkout named `test_app/`).
 */
function foldersOf(file: string): string[] {
  const absolute = path.resolve(file);
  const root = packageRoot(path.dirname(absolute)) ?? markedRoot(path.dirname(absolute));
  const rel = root ? path.relative(root, absolute) : absolute;
  return rel.split(path.sep).slice(0, -1).filter(Boolean);
}

function markedRoot(dir: string): string | null {
  for (let d = dir; ; d = path.dirname(d)) {
    if (['tsconfig.json', 'jsconfig.json', '.git'].some((m) => fs.existsSync(path.join(d, m)))) return d;
    if (path.dirname(d) === d) return null;
  }
}

function testCode(file: string, program: Node): string | null {
  const base = path.basename(file);
  if (TEST_FILE.test(base)) return `${base} is named as a test`;
  const dirs = foldersOf(file);
  const dir = [...dirs].reverse().find((d) => TEST_SEGMENT.test(d));
  if (dir) return `the file is under ${dir}/`;
  for (const s of program.body) {
    if (s.type === 'ImportDeclaration' && TEST_MODULES.has(s.source.value)) return `it imports ${s.source.value}`;
    const e = s.type === 'ExpressionStatement' ? unwrapExpression(s.expression) : null;
    if (e?.type === 'CallExpression') {
      const name = testRegistrationName(e.callee);
      if (name && e.arguments.some((a: Node) => a.type === 'ArrowFunctionExpression' || a.type === 'FunctionExpression')) return `its top level calls ${name}()`;
    }
    const inits = s.type === 'VariableDeclaration' ? s.declarations.map((d: Node) => d.init) : e ? [e] : [];
    for (const init of inits) {
      const m = requiredModule(init?.type === 'MemberExpression' ? init.object : init);
      if (m && TEST_MODULES.has(m)) return `it requires ${m}`;
    }
  }
  return null;
}

export function fileContext(file: string, program: Node): FileContext {
  const base = path.basename(file);
  const test = testCode(file, program);
  const dir = [...foldersOf(file)].reverse().find((d) => SCRIPT_DIRS.has(d.toLowerCase()));
  const entries = topLevelCalls(program);
  let script = dir ? `the file is under ${dir}/` : SCRIPT_FILE.test(base) ? `${base} is named as a migration or seed` : null;
  script ??= program.interpreter ? 'the file starts with a #! line' : runByPackage(file);
  const entry = script ?? topLevelWork(program, entries);
  return { test, script, entry, entries };
}
