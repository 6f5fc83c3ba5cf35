// The default chain runs `lifecycles` and then `pool-lifecycle` on its output (issue 12, point 1). Whatever
// lifecycles put in place to release something on every path — a disposer, a finally, a callback — must
// come out of pool-lifecycle whole: no teardown call in such a place is removed, no disposer is emptied,
// the result parses, and pool-lifecycle run again changes nothing. Every fixture input of every transform
// goes through the chain, in each style lifecycles can write.
import * as fs from 'node:fs';
import * as path from 'node:path';
import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { lifecycles } from '../../transforms/lifecycles';
import { poolLifecycle } from '../../transforms/pool-lifecycle';
import { TEARDOWN_METHODS } from '../../src/js/pools/teardowns';
import { jFor } from '../../src/js/syntax/parse';
import { isFunction, type Node, type Path } from '../../src/js/analysis/ast';
import type { StyleChoice } from '../../src/core/model';
import { FIXTURE_ROOT } from '../fixtures/runner';

/** `<case>.input.ts` files, and the sources of project fixtures (under `input/`, or a `projects/` tree). */
function fixtureInputs(dir: string, wholeTree = false): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'output') out.push(...fixtureInputs(full, wholeTree || entry.name === 'input' || entry.name === 'projects'));
    } else if (/\.input\.[cm]?[jt]sx?$/.test(entry.name) || (wholeTree && /\.[cm]?[jt]sx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))) {
      out.push(full);
    }
  }
  return out;
}

/** Is this function a release guarantee: a disposer, a DisposableStack callback, or a callback argument? */
function guaranteeFunction(fn: Path): boolean {
  const parent = fn.parent?.node;
  const key = fn.node.key ?? (parent?.type === 'ObjectProperty' || parent?.type === 'ClassProperty' ? parent.key : null);
  if (key?.type === 'MemberExpression' && key.object?.name === 'Symbol') return true;
  return (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.arguments.includes(fn.node);
}

/** Source texts of teardown calls that sit in a finally, a disposer or a callback: `client.end()` ×2. */
function guardedTeardowns(source: string, file: string): string[] {
  const j = jFor(file);
  const found: string[] = [];
  j(source)
    .find(j.CallExpression)
    .forEach((call: Path) => {
      const callee = call.node.callee;
      if (callee.type !== 'MemberExpression' || !TEARDOWN_METHODS.has(callee.property?.name)) return;
      for (let p: Path = call; p.parent; p = p.parent) {
        const up: Node = p.parent.node;
        if ((up.type === 'TryStatement' && up.finalizer === p.node) || (isFunction(p.node) && guaranteeFunction(p))) {
          found.push(jscodeshift(call).toSource());
          return;
        }
      }
    });
  return found.sort();
}

const EMPTY_DISPOSER = /\[Symbol\.(?:asyncDispose|dispose)\]\s*(?::\s*(?:async\s*)?(?:\(\)\s*=>|function\s*\(\))|(?:async\s*)?\(\))\s*\{\s*\}/g;
const emptyDisposers = (s: string) => (s.match(EMPTY_DISPOSER) ?? []).length;

const STYLES: (StyleChoice | undefined)[] = [undefined, 'using', 'try-finally', 'with-session'];
const dirs = fs.readdirSync(FIXTURE_ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const inputs = dirs.flatMap((d) => fixtureInputs(path.join(FIXTURE_ROOT, d), d === 'projects'));

describe('lifecycles → pool-lifecycle over every fixture input', () => {
  it('covers the fixtures of every transform', () => {
    for (const d of ['lifecycles', 'pool-lifecycle', 'remove-redundant-close', 'projects']) {
      expect(inputs.some((f) => f.startsWith(path.join(FIXTURE_ROOT, d) + path.sep)), d).toBe(true);
    }
    expect(inputs.length).toBeGreaterThan(150);
  });

  for (const file of inputs) {
    it(path.relative(FIXTURE_ROOT, file), () => {
      const input = fs.readFileSync(file, 'utf8');
      for (const style of STYLES) {
        const options = style ? { style } : {};
        const first = lifecycles.apply(input, file, options).source ?? input;
        const second = poolLifecycle.apply(first, file, options);
        const out = second.source ?? first;
        const label = `${path.relative(FIXTURE_ROOT, file)} (${style ?? 'auto'})`;
        // Nothing lifecycles guaranteed is taken out, and no disposer is left empty.
        // (pool-lifecycle may add guarded releases of its own: a request scope closes on both of its exits.)
        const kept = [...guardedTeardowns(out, file)];
        const missing = guardedTeardowns(first, file).filter((t) => {
          const i = kept.indexOf(t);
          if (i < 0) return true;
          kept.splice(i, 1);
          return false;
        });
        expect(missing, label).toEqual([]);
        expect(emptyDisposers(out), label).toBe(emptyDisposers(first));
        // It parses, and pool-lifecycle has nothing more to do.
        expect(() => jFor(file)(out), label).not.toThrow();
        expect(poolLifecycle.apply(out, file, options).source, label).toBeNull();
      }
    });
  }
});
