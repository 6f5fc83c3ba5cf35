// CommonJS like the rest of the package (no "type": "module"), so Vite loads this file without a warning.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defineConfig } = require('vitest/config') as typeof import('vitest/config');

// The CLI tests spawn the built bin (and the bin spawns worker threads): keep parallelism low and the
// timeouts generous so a busy CI machine does not turn slowness into failures.
module.exports = defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
