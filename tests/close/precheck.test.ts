// The close plan's syntactic first look: which classes may come out of the plan at all. Every class the
// plan can decide about must pass (the fixtures of remove-redundant-close check that end to end); a class
// with no way in must not, or the project pays for a checker it does not need.
import { describe, expect, it } from 'vitest';
import { classDoors, classesThatMayMatter } from '../../src/js/close/precheck';

const names = (text: string) => {
  const found = classesThatMayMatter('/virtual/x.ts', text);
  return found === 'all' ? 'all' : [...found].sort();
};

describe('close plan precheck', () => {
  it('passes a dead close: a close-like method that only releases or resets fields declared without a value', () => {
    expect(names('class A { private client?: Client;\n  async close() { if (this.client) { await this.client.end(); this.client = undefined; } } }')).toEqual(['A']);
    expect(names('class B { private pool = null;\n  async end() { await this.pool?.end(); } }')).toEqual(['B']);
    // An empty close-like method is dead weight too.
    expect(names('class C { async disconnect() {} }')).toEqual(['C']);
  });

  it('passes an owner: a field filled with `new` or a call that a close-like method releases', () => {
    expect(names("import { Pool } from 'pg';\nclass Db { private pool = new Pool();\n  async close() { await this.pool.end(); } }")).toEqual(['Db']);
    expect(names('class Db { private pool: P;\n  constructor() { this.pool = makePool(); }\n  close() { this.pool.end(); this.log("closed"); } }')).toEqual(['Db']);
  });

  it('passes a disposer of its own that calls a close-like method of the class', () => {
    expect(names('class R { async release() { await this.c.release(); }\n  async [Symbol.asyncDispose]() { await this.release(); } }')).toEqual(['R']);
  });

  it('leaves out classes with no way into the plan', () => {
    // The close-like method does other work, and the field it releases was handed in.
    expect(names('class S { constructor(private c: Client) {}\n  async close() { log("bye"); await this.c.end(); } }')).toEqual([]);
    // A field with a value from the start is not dead; and nothing it holds was made here.
    expect(names('class T { private timer = 5;\n  close() { this.timer = undefined; } }')).toEqual([]);
    // A disposer that calls no close-like method of its own class gives the plan nothing to read.
    expect(names('class U { async release() { stop(); }\n  async [Symbol.asyncDispose]() { try { await this.release(); } finally {} } }')).toEqual([]);
    // Not a class with a close-like method at all.
    expect(names('class V { run() {} }\nfunction close() {}')).toEqual([]);
  });

  it('an inherited disposer alone opens nothing; a base class is no reason to look', () => {
    expect(names('class Q extends Base { async release() { this.released = true; notify(); } }')).toEqual([]);
  });

  it('names the close-like methods that may be dead: only those make the plan load the files that mention them', () => {
    const doors = (text: string) => {
      const found = classDoors('/virtual/x.ts', text);
      return found === 'all' ? 'all' : Object.fromEntries([...found].map(([name, d]) => [name, { door: d.door, deadCloses: d.deadCloses }]));
    };
    expect(doors('class A implements Cache { async disconnect() {} }')).toEqual({ A: { door: 'dead-close', deadCloses: ['disconnect'] } });
    // The class fills the field itself elsewhere: the close releases something, so it is not dead (the class
    // may own what it made instead).
    expect(doors('class B { private db?: Db;\n  open() { this.db = connect(); }\n  close() { this.db.close(); } }')).toEqual({ B: { door: 'disposer-or-owner', deadCloses: [] } });
    expect(doors('class B2 { private db?: Db;\n  open(db: Db) { this.db = db; }\n  close() { this.db.close(); } }')).toEqual({});
    // ...but a reset elsewhere, or a `this` that is not the instance, keeps nothing alive.
    expect(doors('class C { private db?: Db;\n  reset() { this.db = undefined; }\n  watch() { return function () { return this.db; }; }\n  close() { this.db?.close(); } }')).toEqual({
      C: { door: 'dead-close', deadCloses: ['close'] },
    });
    // An arrow function's `this` is the instance.
    expect(doors('class D { private db?: Db;\n  open(db: Db) { setup(() => { this.db = db; }); }\n  close() { this.db?.close(); } }')).toEqual({});
    // An owner whose close is not dead.
    expect(doors("import { Pool } from 'pg';\nclass E { private pool = new Pool();\n  async end() { await this.pool.end(); } }")).toEqual({ E: { door: 'disposer-or-owner', deadCloses: [] } });
  });

  it('assumes every class matters in text babel cannot parse', () => {
    expect(classesThatMayMatter('/virtual/x.ts', 'class A { close() { ')).toBe('all');
  });
});
