import type { LibrarySpec } from './types';

// better-sqlite3: `new Database(file)` → synchronous close(). No native disposer. The constructor works
// without `new` too (lib/database.js: `if (new.target == null) return new Database(...)`).
export const betterSqlite3: LibrarySpec = {
  library: 'better-sqlite3',
  packageName: 'better-sqlite3',
  modules: { 'better-sqlite3': { exports: {}, default: { class: 'Database', callable: true }, types: { Database: 'Database' } } },
  methods: {},
  resources: [{ kind: 'Database', noun: 'database', release: [{ method: 'close', async: false }], syncApi: true }],
};
