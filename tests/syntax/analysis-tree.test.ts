// The analysis tree (babel's own tree, no recast copy) must read exactly like recast's: the same node
// types in the same places, the same lines, columns and offsets, so a transform that analyses on it and
// rewrites on recast's tree reports the same positions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseForAnalysis } from '../../src/js/syntax/analysisTree';
import { jFor } from '../../src/js/syntax/parse';
import type { Node } from '../../src/js/analysis/ast';

const SKIP = new Set(['loc', 'tokens', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'original']);

/** Every node as `path type start-end line:col-line:col`, in key order. */
function shape(root: Node): string[] {
  const out: string[] = [];
  const visit = (n: Node, at: string): void => {
    if (Array.isArray(n)) return n.forEach((c, i) => c && typeof c === 'object' && visit(c, `${at}[${i}]`));
    if (typeof n.type !== 'string') return;
    const loc = n.loc ? `${n.loc.start.line}:${n.loc.start.column}-${n.loc.end.line}:${n.loc.end.column}` : 'no-loc';
    out.push(`${at} ${n.type} ${n.start}-${n.end} ${loc}`);
    for (const key of Object.keys(n)) if (!SKIP.has(key) && n[key] && typeof n[key] === 'object') visit(n[key], `${at}.${key}`);
  };
  visit(root, '');
  return out;
}

const SAMPLES: Record<string, string> = {
  'tabs.ts': "import { Pool } from 'pg';\n\tconst pool = new Pool();\nexport async function f() {\n\tconst c = await pool.connect();\n\t\tc.release(); // tab\tinside\n}\n",
  'decorated.ts': '@Injectable()\nexport class Repo {\n  @Inject() private readonly db!: Db;\n  constructor(@Inject(DB) db: Db) {}\n}\nexport default class {}\n',
  'templates.ts': 'const q = `SELECT ${a} FROM ${`nested ${b}`}`;\nfor (let i = 0, j = 1; i < j; i++) {}\nfor (const x of y) {}\n',
  'objects.js': 'const o = { a, b() { return 1; }, async *c() {}, get d() { return 2; }, [e]: 3 };\nmodule.exports = o;\n',
  'jsx.tsx': 'export const C = () => <div a={1}>{/* c */}text</div>;\n',
  'crlf.ts': '// leading\r\nconst a = 1;\r\n/* block */\r\nexport { a };\r\n',
  'empty.ts': '',
  'comments-only.ts': '// nothing but a comment\n',
};

describe('analysis tree', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    it(`reads ${name} as recast's tree does`, () => {
      const file = `/virtual/${name}`;
      const recast = (jFor(file)(text).paths()[0] as { node: Node }).node;
      const mine = parseForAnalysis(file, text).node;
      expect(shape(mine)).toEqual(shape(recast));
    });
  }

  it('reads this repository’s own sources as recast does', () => {
    const dir = path.resolve(__dirname, '../../src/js/lifecycles');
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const file = path.join(dir, f);
      const text = fs.readFileSync(file, 'utf8');
      expect(shape(parseForAnalysis(file, text).node)).toEqual(shape((jFor(file)(text).paths()[0] as { node: Node }).node));
    }
  });

  it('throws the parser’s own error on text that does not parse', () => {
    const file = '/virtual/bad.ts';
    const fromRecast = (() => {
      try {
        jFor(file)('const x = ) ;\n');
      } catch (e) {
        return e as { message: string; loc: unknown };
      }
    })();
    expect(() => parseForAnalysis(file, 'const x = ) ;\n')).toThrow(fromRecast!.message);
  });
});

describe('TypeScript with experimentalDecorators', () => {
  // Babel's legacy decorators refuse a decorated computed member, which TypeScript accepts (sequelize's tests).
  const source = [
    "import { Client } from 'pg';",
    "const key = Symbol('key');",
    'export class Checks {',
    '  @validator',
    '  [key](): void {}',
    '}',
    'export async function ping() {',
    '  const client = new Client();',
    '  await client.connect();',
    "  await client.query('SELECT 1');",
    '  await client.end();',
    '}',
    '',
  ].join('\n');

  it('parses a decorated computed member, and a leak beside it is fixed with the decorator kept', async () => {
    expect(() => jFor('checks.ts')(source)).not.toThrow();
    const { tryFinally } = await import('../../transforms/try-finally');
    const out = tryFinally.apply(source, '/p/src/checks.ts', {});
    expect(out.findings.map((f) => f.outcome)).toEqual(['fixed']);
    expect(out.source).toContain('  @validator\n  [key](): void {}');
    expect(out.source).toContain('  } finally {\n    await client.end();\n  }');
  });

  it('still reports what does not parse either way with the first error', () => {
    expect(() => jFor('broken.ts')('export class A {\n  @dec\n  [key](: void {}\n}\n')).toThrow(/Unexpected token/);
  });
});
