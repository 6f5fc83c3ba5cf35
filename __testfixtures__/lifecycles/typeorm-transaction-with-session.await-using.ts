// expect[auto,await-using]: fixed fixed-adapter
// expect[with-session]: fixed fixed-callback-api
// expect[try-finally]: fixed fixed-try-finally
// typeorm: createQueryRunner → startTransaction → commit / rollback → release is what
// `dataSource.transaction(async (manager) => …)` does itself.
import { DataSource } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres', url: 'postgres://postgres@127.0.0.1/test' });

export async function placeOrder(customerId: number, total: number): Promise<void> {
  const queryRunner = dataSource.createQueryRunner();
  await using _releaseQueryRunner = { [Symbol.asyncDispose]: async () => { await queryRunner.release(); } };
  await queryRunner.connect();
  await queryRunner.startTransaction();
  try {
    await queryRunner.query('INSERT INTO orders (customer_id, total) VALUES ($1, $2)', [customerId, total]);
    await queryRunner.commitTransaction();
  } catch (err) {
    await queryRunner.rollbackTransaction();
    throw err;
  }
}
