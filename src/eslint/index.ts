// `leakproof/eslint`: a flat-config ESLint plugin with one rule, no-leaky-lifecycle (see ./rule.ts).
//
//   // eslint.config.js
//   const leakproof = require('leakproof/eslint');      // or: import leakproof from 'leakproof/eslint';
//   module.exports = [leakproof.configs.recommended];    // with typescript-eslint's parser for .ts files
//
// Loads no ESLint code itself (eslint is an optional peer dependency of leakproof): requiring it without
// ESLint installed works.
import type { ESLint, Linter } from 'eslint';
import { noLeakyLifecycle } from './rule';

function version(): string {
  // dist/src/eslint in the package, src/eslint under the tests: the package.json two or three levels up.
  for (const up of ['../../../package.json', '../../package.json']) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const pkg = require(up) as { name?: string; version?: string };
      if (pkg.name === 'leakproof') return pkg.version ?? '0.0.0';
    } catch {
      // not there: try the next
    }
  }
  return '0.0.0';
}

// Named exports, so `require('leakproof/eslint')` and `import leakproof from 'leakproof/eslint'` both give the
// plugin object itself (`export default` would put it under `.default` for CommonJS callers).
export const meta = { name: 'leakproof', version: version() };
export const rules = { 'no-leaky-lifecycle': noLeakyLifecycle };

const self: ESLint.Plugin = { meta, rules };

export const configs: Record<'recommended', Linter.Config> = {
  recommended: {
    name: 'leakproof/recommended',
    files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
    plugins: { leakproof: self },
    rules: { 'leakproof/no-leaky-lifecycle': 'error' },
  },
};
