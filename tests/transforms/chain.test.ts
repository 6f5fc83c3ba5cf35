// The default chain (lifecycles → pool-lifecycle → remove-redundant-close, each on the previous output, as the
// CLI runs them) over every fixture input of every transform, in every style (issue 12, point 1). Transforms
// compose: a later one never undoes what an earlier one guaranteed. For each input and style:
// - the output parses, and the chain run again changes nothing;
// - no disposer is left empty;
// - every release call that disappears is either made again where it runs on every path (a finally, a
//   disposer, a callback argument) or accounted for by a finding that says who makes it now (a native
//   disposer, a library callback) or why it had to go (a per-call teardown of a shared pool, a call of a
//   removed method, a second release);
// - every fix says what was wrong before it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFORMS, allTransforms } from '../../src/registry';
import { runTransforms, type WorkConfig } from '../../src/cli/work';
import { asJscodeshift } from '../../src/js/jscodeshift';
import { jFor } from '../../src/js/syntax/parse';
import { isFunction, type Node, type Path } from '../../src/js/analysis/ast';
import { LIBRARIES } from '../../src/catalog/js';
import type { Finding, LeakTransform, StyleChoice } from '../../src/core/model';
import { FIXTURE_ROOT } from '../fixtures/runner';

const RELEASE_METHODS = new Set([...LIBRARIES.flatMap((l) => l.resources.flatMap((r) => r.release.map((x) => x.method))), 'end', 'close', 'destroy', '$disconnect', 'quit', 'disconnect']);

/** Fixes that take a release call away on purpose, each saying who makes it now or why it went. */
const ACCOUNTED = new Set([
  'fixed-native', // the resource's own disposer makes it
  'fixed-caller-using', // the class's disposer makes it
  'fixed-native-callback', // mongodb withSession ends the session
  'fixed-callback-api', // the library callback commits, rolls back, releases
  'fixed-teardown-removed', // a per-call teardown of a pool made once per process
  'fixed-request-scope', // released when the response is done
  'fixed-call-removed', // a call of a method that released nothing
  'fixed-close-removed',
  'fixed-double-release', // the second of two releases
]);

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

/** Is this function one that runs on every path: a disposer, or a function handed to a call (a callback)? */
function guaranteeFunction(fn: Path): boolean {
  const parent = fn.parent?.node;
  const key = fn.node.key ?? (parent?.type === 'ObjectProperty' || parent?.type === 'ClassProperty' || parent?.type === 'Property' ? parent.key : null);
  if (key?.type === 'MemberExpression' && key.object?.name === 'Symbol') return true;
  return (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.arguments.includes(fn.node);
}

interface Calls {
  /** Every release-like call on a plain name, by its source text (`client.release()`), with a count. */
  all: Map<string, number>;
  /** Those that sit in a finally, a disposer or a callback. */
  guarded: Set<string>;
}

function releaseCalls(source: string, file: string): Calls {
  const j = jFor(file);
  const all = new Map<string, number>();
  const guarded = new Set<string>();
  j(source)
    .find(j.CallExpression)
    .forEach((call: Path) => {
      const callee = call.node.callee;
      if (callee.type !== 'MemberExpression' || callee.computed || !RELEASE_METHODS.has(callee.property?.name)) return;
      if (callee.object.type !== 'Identifier' && callee.object.type !== 'ThisExpression' && callee.object.type !== 'MemberExpression') return;
      const text = jscodeshift(call).toSource().replace(/\s+/g, ' ');
      all.set(text, (all.get(text) ?? 0) + 1);
      for (let p: Path = call; p.parent; p = p.parent) {
        const up: Node = p.parent.node;
        if ((up.type === 'TryStatement' && up.finalizer === p.node) || (isFunction(p.node) && guaranteeFunction(p))) {
          guarded.add(text);
          return;
        }
      }
    });
  return { all, guarded };
}

const EMPTY_DISPOSER = /\[Symbol\.(?:asyncDispose|dispose)\]\s*(?::\s*(?:async\s*)?(?:\(\)\s*=>|function\s*\(\))|(?:async\s*)?\(\)(?:\s*:\s*[\w<>]+)?)\s*\{\s*\}/g;
const emptyDisposers = (s: string) => (s.match(EMPTY_DISPOSER) ?? []).length;

const STYLES: (StyleChoice | undefined)[] = [undefined, 'using', 'try-finally', 'with-session'];
const dirs = fs.readdirSync(FIXTURE_ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const inputs = dirs.flatMap((d) => fixtureInputs(path.join(FIXTURE_ROOT, d), d === 'projects'));
const chain = DEFAULT_TRANSFORMS.map((n) => allTransforms().find((t) => t.meta.name === n)!);

function runChain(text: string, file: string, style: StyleChoice | undefined): { output: string; findings: Finding[] } {
  // An existing helper module, so the with-session style writes no new file here.
  const options = { ...(style ? { style } : {}), helperImport: './lib/with-session' };
  const config: WorkConfig = { transforms: DEFAULT_TRANSFORMS, options, diff: false };
  const r = runTransforms({ id: 0, abs: file, rel: path.basename(file), text, language: 'javascript' }, chain, config);
  if (r.status === 'error') throw new Error(`${path.relative(FIXTURE_ROOT, file)}: ${r.error?.message}`);
  return { output: r.output ?? text, findings: r.findings };
}

describe('the default chain over every fixture input', () => {
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
        const label = `${path.relative(FIXTURE_ROOT, file)} (${style ?? 'auto'})`;
        const { output, findings } = runChain(input, file, style);
        expect(() => jFor(file)(output), label).not.toThrow();
        expect(emptyDisposers(output), label).toBe(emptyDisposers(input));
        const before = releaseCalls(input, file);
        const after = releaseCalls(output, file);
        const accounted = findings.some((f) => f.outcome !== 'reported' && ACCOUNTED.has(f.reasonId));
        for (const [call, n] of before.all) {
          if ((after.all.get(call) ?? 0) >= n) continue;
          // Gone (or fewer): made again on every path, or a fix says who makes it now or why it went.
          expect(after.guarded.has(call) || accounted, `${label}: ${call} removed`).toBe(true);
        }
        for (const f of findings) if (f.outcome !== 'reported') expect(f.problem, `${label}: ${f.reasonId}`).toMatch(/\S/);
        expect(runChain(output, file, style).output, `${label}: a second run`).toBe(output);
      }
    });
  }
});

describe('a text a transform made that does not parse', () => {
  // Stand-ins for a faulty rewrite: the chain must not pass their text on as the file's, nor show it as a fix.
  const broken = (name: string, source: string | null): LeakTransform => ({
    meta: { name, description: 'test', reasons: {} },
    apply: () => ({ source, findings: [] }),
  });
  const config: WorkConfig = { transforms: ['first', 'second'], options: {}, diff: true };
  const item = { id: 0, abs: '/project/src/a.ts', rel: 'src/a.ts', text: 'export const a = 1;\n', language: 'javascript' };

  it('is the last transform\'s fault: the file is left as it is, with an internal error', () => {
    const r = runTransforms(item, [broken('first', 'export const a = ;\n')], config);
    expect(r.status).toBe('error');
    expect(r.output).toBeNull();
    expect(r.error?.kind).toBe('transform');
    expect(r.error?.message).toMatch(/transform first made a text that does not parse/);
  });

  it('is blamed on the transform that made it, not on the file, when a later one fails to read it', () => {
    const r = runTransforms(item, [broken('first', 'export const a = ;\n'), allTransforms().find((t) => t.meta.name === 'lifecycles')!], config);
    expect(r.error?.kind).toBe('transform');
    expect(r.error?.message).toMatch(/transform first made a text/);
  });

  it('under jscodeshift -t, the file fails instead of being written', () => {
    const asModule = asJscodeshift(broken('first', 'export const a = ;\n'));
    expect(() => asModule({ path: item.abs, source: item.text }, { report: () => {} }, { dry: true })).toThrow(/transform first made a text that does not parse/);
  });

  it('a file that does not parse as read is still the file\'s own parse error', () => {
    const r = runTransforms({ ...item, text: "import pg from 'pg';\nconst client = new pg.Client();\nexport const a = ;\n" }, [allTransforms().find((t) => t.meta.name === 'lifecycles')!], config);
    expect(r.error?.kind).toBe('parse');
  });
});
