// Each call initialises the module's DataSource and destroys it: one whole lifecycle per call (slow, but
// correct). Without destroy(), the next call's initialize() would throw because it is already connected.
import { DataSource } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });

export async function countOrders(): Promise<number> {
  await dataSource.initialize();
  const rows: { n: number }[] = await dataSource.query('SELECT count(*)::int AS n FROM orders');
  await dataSource.destroy();
  return rows[0].n;
}
