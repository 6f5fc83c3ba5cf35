'use strict';
// Preloaded into leakproof by bench/tree.mjs (`node -r bench/rss.cjs`): writes the process's peak resident
// set size (KB; worker threads included, they share the process) to $LEAKPROOF_BENCH_RSS at exit.
const fs = require('node:fs');

const file = process.env.LEAKPROOF_BENCH_RSS;
if (file) process.on('exit', () => fs.writeFileSync(file, String(process.resourceUsage().maxRSS)));
