#!/usr/bin/env node
'use strict';
// The CLI runs from the compiled code; `npm ci` builds it (the "prepare" script).
let cli;
try {
  ({ cli } = require('../dist/src/cli/main.js'));
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes('dist/src/cli/main.js')) {
    process.stderr.write('leakproof: not built yet; run `npm run build` (or `npm ci`) first\n');
    process.exit(2);
  }
  throw err;
}
cli();
