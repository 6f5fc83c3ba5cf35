// Writes docs/ from the code (`npm run docs`), or checks it is current (`--check`, exit 1 when stale).
// Runs the build output: `npm run docs` builds first.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { staleDocs, writeDocs } = require('../dist/src/docs/generate.js');
if (process.argv.includes('--check')) {
  const stale = staleDocs();
  if (stale.length) {
    console.error(`docs/ is stale (run npm run docs): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log('docs/ is current');
} else {
  const written = writeDocs();
  console.log(written.length ? `wrote ${written.map((f) => `docs/${f}`).join(', ')}` : 'docs/ is current');
}
