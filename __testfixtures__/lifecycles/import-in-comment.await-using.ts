// options: {"helperImport": "./lib/with-session.js"}
// options: {"helperImport": "./lib/with-session.js"}
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// The last import's text also appears in a comment above it: the helper import still lands after the
// real one. Relative imports with `.js` extensions (node16 resolution) are kept as given.
/**
 * Usage: import { pool } from './lib/db.js';
 */
import { pool } from './lib/db.js';

export async function count(): Promise<number> {
  const client = await pool.connect();
  using _releaseClient = { [Symbol.dispose]: () => client.release() };
  const res = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
  return res.rows[0].n;
}
