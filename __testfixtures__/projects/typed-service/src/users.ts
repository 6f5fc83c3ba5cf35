// Lifecycles the syntactic pass cannot see: the client comes from the project's own wrapper.
import { getClient, warehouse } from './db';

export async function userName(id: number): Promise<string | null> {
  const client = await getClient();
  const res = await client.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [id]);
  client.release();
  return res.rows[0]?.name ?? null;
}

export async function stock(sku: string) {
  const conn = await warehouse.getConnection();
  const [rows] = await conn.query('SELECT qty FROM stock WHERE sku = ?', [sku]);
  conn.release();
  return rows;
}
