'use strict';
// Baseline for bench/run.mjs: a jscodeshift transform that only parses each file and changes nothing — what
// jscodeshift costs on a repository before any transform logic runs. The parser goes by extension, as
// leakproof's does: `tsx` for .tsx, `babel` (JSX included) for JavaScript, and the `--parser` given on the
// command line (`ts`) for the rest. Each parser's jscodeshift is made once (withParser copies every builder).
const path = require('node:path');

const JAVASCRIPT = new Set(['.js', '.jsx', '.mjs', '.cjs']);
const bound = new Map();

function withParser(j, name) {
  if (!bound.has(name)) bound.set(name, j.withParser(name));
  return bound.get(name);
}

module.exports = function parseOnly(file, api) {
  const ext = path.extname(file.path).toLowerCase();
  const j = ext === '.tsx' ? withParser(api.jscodeshift, 'tsx') : JAVASCRIPT.has(ext) ? withParser(api.jscodeshift, 'babel') : api.jscodeshift;
  j(file.source);
  return undefined;
};
