// The close plan without a checker: a project whose classes certainly come out of the plan with nothing
// gets the empty plan and no ts-morph program; any doubt keeps the checker's path.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseAnalysis } from '../../src/js/close/analyze';
import { answerWithoutChecker } from '../../src/js/close/certain';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string>, options: Record<string, unknown> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-certain-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'es2020', strict: true, ...options }, include: ['src'] }));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The plan, and whether a program was made for it; the checker's own plan must be the same. */
function plan(dir: string) {
  const make = () => {
    const a = new CloseAnalysis(path.join(dir, 'tsconfig.json'), []);
    const p = a.plan(() => true);
    return { decisions: p.decisions, resourceClasses: p.resourceClasses, files: [...p.files], checked: (a as unknown as { made: unknown }).made !== null };
  };
  const quick = make();
  answerWithoutChecker(false);
  try {
    const full = make();
    expect({ ...quick, checked: null }).toEqual({ ...full, checked: null });
  } finally {
    answerWithoutChecker(true);
  }
  return { decisions: quick.decisions, resourceClasses: quick.resourceClasses, checked: quick.checked };
}

const cache = 'export interface Cache {\n  get(k: string): unknown;\n  disconnect(): Promise<void>;\n}\n';
const noop = "import { Cache } from './cache';\nexport class Mem implements Cache {\n  get(k: string) { return k; }\n  async disconnect(): Promise<void> {}\n}\n";
const driver = "import { load } from './platform';\nexport class Driver {\n  private client: any;\n  async connect() { this.client = await load('x'); }\n  async disconnect() { await this.client.close(); }\n}\n";
const platform = 'export function load(name: string): any { return require(name); }\n';

describe('close plan without a checker', () => {
  it('an empty close an implemented interface declares, and an owner of nothing a kind can name: no program', () => {
    const dir = project({ 'src/cache.ts': cache, 'src/mem.ts': noop, 'src/driver.ts': driver, 'src/platform.ts': platform });
    expect(plan(dir)).toEqual({ decisions: [], resourceClasses: [], checked: false });
  });

  it('a base class that declares the close, through the class in between', () => {
    const base = 'export class Base {\n  async disconnect() { await stop(); }\n}\ndeclare function stop(): Promise<void>;\n';
    const sub = "import { Base } from './base';\nabstract class Middle extends Base {}\nexport class Sub extends Middle {\n  async disconnect() {}\n}\n";
    expect(plan(project({ 'src/base.ts': base, 'src/sub.ts': sub }))).toEqual({ decisions: [], resourceClasses: [], checked: false });
  });

  it('a global interface of the lib files', () => {
    const observer = 'export class Noop implements ResizeObserver {\n  observe() {}\n  unobserve() {}\n  disconnect() {}\n}\n';
    expect(plan(project({ 'src/noop.ts': observer }, { lib: ['dom', 'es2020'] })).checked).toBe(false);
    // Without the dom lib, the name means nothing: the empty method may go.
    expect(plan(project({ 'src/noop.ts': observer }, { lib: ['es2020'] })).checked).toBe(true);
    // A project file that declares the name again.
    const types = 'declare global {\n  type ResizeObserver = {};\n}\nexport {};\n';
    expect(plan(project({ 'src/noop.ts': `import './types';\n${observer}`, 'src/types.ts': types }, { lib: ['dom', 'es2020'] })).checked).toBe(true);
    // (A file the class files do not reach is no part of the program.)
    expect(plan(project({ 'src/noop.ts': observer, 'src/types.ts': types }, { lib: ['dom', 'es2020'] })).checked).toBe(false);
  });

  it('keeps the checker when an empty close may go', () => {
    // The interface does not declare it.
    expect(plan(project({ 'src/cache.ts': 'export interface Cache { get(k: string): unknown; }\n', 'src/mem.ts': noop })).checked).toBe(true);
    // A generic interface named without its arguments.
    expect(plan(project({ 'src/cache.ts': 'export interface Cache<T> { disconnect(): Promise<void>; }\n', 'src/mem.ts': noop })).checked).toBe(true);
    // No interface at all.
    expect(plan(project({ 'src/mem.ts': 'export class Mem {\n  async disconnect() {}\n}\n' })).checked).toBe(true);
  });

  it('keeps the checker when a field may hold a resource', () => {
    const files = { 'src/cache.ts': cache, 'src/mem.ts': noop, 'src/driver.ts': driver, 'src/platform.ts': platform };
    // A dispose symbol in the lib files or in a file of the program.
    expect(plan(project(files, { lib: ['es2020', 'esnext.disposable'] })).checked).toBe(true);
    expect(plan(project({ ...files, 'src/platform.ts': `${platform}export const dispose = Symbol('dispose');\n` })).checked).toBe(true);
    expect(plan(project({ ...files, 'src/platform.ts': `/// <reference lib="esnext.disposable" />\n${platform}` })).checked).toBe(true);
    // A catalogue import in the class's file.
    expect(plan(project({ ...files, 'src/driver.ts': `import { Pool } from 'pg';\n${driver}` })).checked).toBe(true);
    // A package the program can reach: a type package it names, a module it imports.
    const pkg = { 'node_modules/@types/thing/index.d.ts': 'export {};\n', 'node_modules/@types/thing/package.json': '{"name":"@types/thing"}' };
    expect(plan(project({ ...files, ...pkg })).checked).toBe(false);
    expect(plan(project({ ...files, ...pkg }, { types: ['thing'] })).checked).toBe(true);
    expect(plan(project({ ...files, ...pkg, 'src/platform.ts': `import 'thing';\n${platform}` })).checked).toBe(true);
  });

  it('keeps the checker whatever form of import reaches a package (the quick scan finds what the compiler finds)', () => {
    const files = { 'src/cache.ts': cache, 'src/mem.ts': noop, 'src/driver.ts': driver, 'src/platform.ts': platform };
    const pkg = { 'node_modules/thing/index.d.ts': 'export interface A {}\nexport declare const a: number;\n', 'node_modules/thing/package.json': '{"name":"thing","types":"index.d.ts"}' };
    expect(plan(project({ ...files, ...pkg })).checked).toBe(false);
    const forms = [
      "import thing = require('thing');\n",
      "export * from 'thing';\n",
      "export { a } from\n  'thing';\n",
      "import type {\n  A,\n} from 'thing';\nexport type B = A;\n",
      "export const load = () => import('thing');\n",
      "export const lazy = () => import(/* webpackChunkName: 'x' */ 'thing');\n",
      "export type T = typeof import('thing');\n",
      "import 'thing';\n",
      "declare module 'thing' {\n  export const b: number;\n}\n",
      '/// <reference types="thing" />\n',
    ];
    for (const form of forms) expect(plan(project({ ...files, ...pkg, 'src/platform.ts': `${form}${platform}` })).checked, form).toBe(true);
  });

  it('keeps the checker for a disposer of its own', () => {
    const r = 'export class R {\n  private c: any;\n  async release() { await this.c.release(); }\n  async [Symbol.asyncDispose]() { await this.release(); }\n}\n';
    expect(plan(project({ 'src/r.ts': r }, { lib: ['es2020', 'esnext.disposable'] })).checked).toBe(true);
  });
});
