// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// expect: reported passed-to-function
// A client written into a plain template literal only becomes text, at once: a use like any other. Written
// into a tagged template it is handed to the tag function, which may keep it: reported.
import { Pool, type PoolClient } from 'pg';

const pool = new Pool();
declare function log(line: string): void;
declare function remember(strings: TemplateStringsArray, client: PoolClient): void;

export async function described(sql: string) {
  const client = await pool.connect();
  using _releaseClient = { [Symbol.dispose]: () => client.release() };
  log(`querying with ${client}`);
  const res = await client.query(sql);
  return res.rows;
}

export async function tagged(sql: string) {
  const client = await pool.connect();
  const res = await client.query(sql);
  remember`last used ${client}`;
  client.release();
  return res.rows;
}
