// Comments everywhere (shared between neighbours as leading and trailing comments) stay where they are.
// expect[auto,await-using]: fixed fixed-adapter
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';

/* the shared pool */
const pool = new Pool();

/**
 * Loads a user.
 */
export async function getUser(id: number) {
  // borrow a client
  const client = await pool.connect(); // may wait for a free client
  using _releaseClient = { [Symbol.dispose]: () => client.release() };
  /* the query */
  const res = await client.query('SELECT * FROM users WHERE id = $1', [id]);
  // done
  return res.rows[0];
}

/** Deletes a user. */
export async function deleteUser(id: number) {
  const client = await pool.connect();
  using _releaseClient = { [Symbol.dispose]: () => client.release() };
  await client.query('DELETE FROM users WHERE id = $1', [id]); // no return value
}
