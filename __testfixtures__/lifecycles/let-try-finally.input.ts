// `let x; try { x = await acquire(); … } finally { x?.release() }` becomes a declaration inside the try.
import { Pool, PoolClient } from 'pg';

const pool = new Pool();

export async function listTags(): Promise<string[]> {
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    const res = await client.query<{ name: string }>('SELECT name FROM tags ORDER BY name');
    return res.rows.map((r) => r.name);
  } finally {
    client?.release();
  }
}
