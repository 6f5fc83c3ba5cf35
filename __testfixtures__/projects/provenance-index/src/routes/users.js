import pool from '@/lib/db';

export async function userName(id) {
  const client = await pool.connect();
  const res = await client.query('SELECT name FROM users WHERE id = $1', [id]);
  client.release();
  return res.rows[0]?.name ?? null;
}
