#!/usr/bin/env node
'use strict';
// The CLI runs from the compiled code; `npm ci` builds it (the "prepare" script).
let cli;
try {
  // Before the CLI's modules load: they load from the cache of earlier runs (dist/src/cli/compileCache.js).
  require('../dist/src/cli/compileCache.js').enableCompileCache();
  ({ cli } = require('../dist/src/cli/main.js'));
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && /dist\/src\/cli\/(main|compileCache)\.js/.test(String(err.message))) {
    process.stderr.write('leakproof: not built yet; run `npm run build` (or `npm ci`) first\n');
    process.exit(2);
  }
  throw err;
}
cli();
