'use strict';
// Baseline for bench/run.mjs: a jscodeshift transform that only parses each file (with `tsx` for .tsx
// files, the `--parser` given on the command line — `ts` — for the rest) and changes nothing. What
// jscodeshift costs on a repository before any transform logic runs.
const path = require('node:path');

module.exports = function parseOnly(file, api) {
  const j = path.extname(file.path).toLowerCase() === '.tsx' ? api.jscodeshift.withParser('tsx') : api.jscodeshift;
  j(file.source);
  return undefined;
};
