// expect[with-session]: reported callback-yield
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// An async generator yields rows while it holds the client: a callback cannot yield.
import { Pool } from 'pg';

const pool = new Pool();

export async function* ids(): AsyncGenerator<number> {
  const client = await pool.connect();
  try {
    const res = await client.query<{ id: number }>('SELECT id FROM items');
    for (const row of res.rows) yield row.id;
  } finally {
    client.release();
  }
}
