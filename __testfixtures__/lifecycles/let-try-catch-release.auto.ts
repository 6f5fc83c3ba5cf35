// `let conn; try { conn = await acquire(); … conn.release() } catch { if (conn) conn.release(); … }`: the
// catch's guarded release goes, and the one release runs when the work ends, before the catch as today.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { Pool, PoolClient } from 'pg';

const pool = new Pool();

interface Reply {
  json(body: unknown): void;
}

export async function listTodos(reply: Reply, fail: (e: unknown) => void): Promise<void> {
  try {
    const conn = await pool.connect();
    using _releaseConn = { [Symbol.dispose]: () => conn.release() };
    const { rows } = await conn.query('SELECT * FROM todo');
    reply.json(rows);
  } catch (err) {
    fail(err);
  }
}
