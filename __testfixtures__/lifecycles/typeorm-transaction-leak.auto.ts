// typeorm: a runner whose transaction is only committed on the happy path (a release there would leave
// the transaction open) becomes `dataSource.transaction(level, async (manager) => …)`; the runner's
// manager and query() are the callback's manager.
// expect[await-using,try-finally]: reported transaction-unprotected
// expect[auto,with-session]: fixed fixed-callback-api
import { DataSource } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres', url: 'postgres://postgres@127.0.0.1/test' });

export async function placeOrder(customerId: number, total: number): Promise<number> {
  const rows = await dataSource.transaction('SERIALIZABLE', async (manager) => {
    const rows: { id: number }[] = await manager.query('INSERT INTO orders (customer_id, total) VALUES ($1, $2) RETURNING id', [customerId, total]);
    await manager.query('INSERT INTO audit (order_id) VALUES ($1)', [rows[0].id]);
    return rows;
  });
  return rows[0].id;
}
