import { getConnection } from '../lib';

export async function stock(sku) {
  const conn = await getConnection();
  const [rows] = await conn.query('SELECT qty FROM stock WHERE sku = ?', [sku]);
  await conn.end();
  return rows;
}
