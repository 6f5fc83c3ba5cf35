// CommonJS like the rest of the package (no "type": "module"), so Vite loads this file without a warning.
/* eslint-disable @typescript-eslint/no-require-imports */
const { defineConfig } = require('vitest/config') as typeof import('vitest/config');
const fs = require('node:fs') as typeof import('node:fs');
const path = require('node:path') as typeof import('node:path');

// leakproof's own modules load some of its code on first use with `require('./x')` (a language, the
// transforms, in the thread that needs them). Node's require cannot load a TypeScript source: in the
// tests each such call becomes the import it stands for (the module is loaded up front, as one instance).
const lazyRequires = {
  name: 'leakproof-lazy-requires',
  transform(code: string, id: string) {
    if (!/\/(src|transforms)\/.*\.ts$/.test(id) || !code.includes('require(')) return null;
    const imports: string[] = [];
    // (A comment's example, `require('./db')`, names no file next to this one: left as it is.)
    const out = code.replace(/\brequire\((['"])(\.\.?\/[^'"]+)\1\)/g, (all, _q, spec: string) => {
      const base = path.resolve(path.dirname(id), spec);
      if (!['.ts', '/index.ts'].some((ext) => fs.existsSync(base + ext))) return all;
      const name = `__lazy${imports.length}`;
      imports.push(`import * as ${name} from ${JSON.stringify(spec)};`);
      return name;
    });
    // At the end (imports are hoisted): every line keeps its number.
    return imports.length ? { code: `${out}\n${imports.join('\n')}\n`, map: null } : null;
  },
};

// The CLI tests spawn the built bin (and the bin spawns worker threads): keep parallelism low and the
// timeouts generous so a busy CI machine does not turn slowness into failures.
module.exports = defineConfig({
  plugins: [lazyRequires],
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
