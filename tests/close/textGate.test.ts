// The close plan's look at the text before babel parses a class file (textGate.ts): it may let a file go only
// when no class of it can open a door. Every door must keep its file, in whatever spelling babel accepts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classDoors } from '../../src/js/close/precheck';
import { mayOpenDoor } from '../../src/js/close/textGate';

const F = '/virtual/x.ts';
/** The gate keeps the text, and babel finds a door in it. */
const kept = (text: string, file = F) => {
  const doors = classDoors(file, text, false);
  expect(doors === 'all' ? 'all' : doors.size).not.toBe(0);
  expect(mayOpenDoor(file, text)).toBe(true);
};

describe('close plan text gate', () => {
  it('keeps every door, through casts, private names, comments, directives and type syntax', () => {
    // Door 3: a field made here, released through a cast, a private name, an optional call, a non-null.
    kept('class A { private p = makePool();\n  async close() { await (this.p as Pool).end(); } }');
    kept('class A { private p = makePool();\n  async close() { await (<Pool>this.p).end(); } }');
    kept('class A { #p = new Pool();\n  close(): void { this.#p?.end?.(); } }');
    kept('class A { p = new Pool();\n  close() { this.p!.end(); } }');
    kept('class A { p = new Pool();\n  close() { (this as any).p.end(); } }');
    kept('class A { p = new Pool();\n  close() { return new Promise((r) => this.p.end(r)); } }');
    kept('class A { p = new Pool();\n  close() { log(`${this.p.end()}`); } }');
    // ...and the field filled by a call or `new` anywhere in the class, in any spelling of the assignment.
    kept('class A { open() { this.p = connect(); }\n  close() { log(); this.p.end(); } }');
    kept('class A { open() { (this.p as any) ??= new Pool(); }\n  close() { log(); this.p.end(); } }');
    kept('class A { async open() { this.p = await make(); }\n  close() { log(); this.p.end(); } }');
    kept('class A { open() { this.p = factory\n    .pools\n    .create(); }\n  close() { log(); this.p.end(); } }');
    kept('class A { open() { this.#p = (make)(); }\n  #p: any;\n  close() { log(); this.#p.end(); } }');
    kept('class A { open() { (this.p!) = make?.(); }\n  close() { log(); (this.p as P).end(); } }');
    // Door 1: empty, comment-only, directive-only, resets only, a return type that may hold a brace.
    kept('class A { close() { /* nothing; } */ } }');
    kept("class A { close() { 'use strict' } }");
    kept('class A { c?: C;\n  close(): Promise<void> { this.c = undefined; } }');
    kept('class A { c?: C;\n  close(): {} { this.c = null; } }');
    kept('class A { c?: C;\n  close(): Promise<void> // ; not the end\n  { this.c = (null); } }');
    kept('class A { c?: C;\n  close<T extends Foo<Bar>>(x?: T) { this.c = void 0; } }');
    kept('class A { close?() {} }');
    kept('class A { close< T >() {} }');
    kept('class A { \\u0063lose() {} }');
    // Door 2: a disposer of its own calling a close-like method.
    kept('class A { release() { stop(); }\n  async [ /* key */ Symbol.asyncDispose ]() { await this.release(); } }');
    // JSX where the body cannot be read for certain.
    kept('class A { c?: C;\n  close() { this.c = undefined; }\n  render() { return <b>{"}"}</b>; } }', '/virtual/x.tsx');
  });

  it('lets go of files whose close-like methods do other work, and of declarations without a body', () => {
    expect(mayOpenDoor(F, 'class A {\n  release(): Promise<void> {\n    return this.releaseConnection()\n  }\n}')).toBe(false);
    expect(mayOpenDoor(F, 'class A {\n  async release() { this.released = true; notify("}"); }\n}')).toBe(false);
    expect(mayOpenDoor(F, 'export declare class A implements AsyncDisposable {\n  close(): Promise<void>;\n  [Symbol.asyncDispose](): Promise<void>;\n}')).toBe(false);
    expect(mayOpenDoor(F, 'class A { close() { this.c = 1e-3; } }')).toBe(false);
    // A call of a close-like function, a member access, a private method: no method of that name.
    expect(mayOpenDoor(F, 'class A { run() { close(x); this.db.end; } #close() {} }')).toBe(false);
    expect(mayOpenDoor(F, 'class A { run(end: number) { if (end <= 0) return; } release() { return this.x(); } }')).toBe(false);
    // A field that is only handed in (or a local of the same name made) is released, not owned.
    expect(mayOpenDoor(F, 'class A { open(conn: C) { this.c = conn; }\n  run() { const c = make(); }\n  release() { this.released = true; this.c.release(); } }')).toBe(false);
    expect(mayOpenDoor(F, 'class A { open(conn: C) { this.c = conn.inner!\n    go() } release() { this.released = true; this.c.release(); } }')).toBe(false);
  });

  it('skips the parse of a file it lets go: babel is not asked, even about text it could not read', () => {
    const text = 'class A { release() { return this.releaseConnection(); } } @@';
    expect(classDoors(F, text, false)).toBe('all');
    expect(classDoors(F, text)).toEqual(new Map());
  });

  it('keeps every class file of the remove-redundant-close fixtures that has a door', () => {
    const root = path.join(__dirname, '../../__testfixtures__/remove-redundant-close');
    let doors = 0;
    const visit = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const f = path.join(dir, e.name);
        if (e.isDirectory()) visit(f);
        else if (/\.[cm]?[jt]sx?$/.test(f) && !f.endsWith('.d.ts')) {
          const text = fs.readFileSync(f, 'utf8');
          const found = classDoors(f, text, false);
          if (found === 'all' || found.size > 0) {
            doors++;
            expect(mayOpenDoor(f, text), f).toBe(true);
          }
        }
      }
    };
    visit(root);
    expect(doors).toBeGreaterThan(5);
  });
});
