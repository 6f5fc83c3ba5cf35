// expect[auto,await-using]: fixed fixed-adapter
// expect[with-session]: fixed fixed-callback-api
// expect[try-finally]: fixed fixed-try-finally
// typeorm: createQueryRunner → startTransaction → commit / rollback → release is what
// `dataSource.transaction(async (manager) => …)` does itself.
import { DataSource } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres', url: 'postgres://postgres@127.0.0.1/test' });

export async function placeOrder(customerId: number, total: number): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query('INSERT INTO orders (customer_id, total) VALUES ($1, $2)', [customerId, total]);
  });
}
