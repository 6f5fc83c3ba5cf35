// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// The work calls a QueryRunner method the callback's EntityManager does not have: the transaction stays
// manual (the finding says why) and only the release is guaranteed.
import { DataSource } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres', url: 'postgres://postgres@127.0.0.1/test' });

export async function migrateOrders(): Promise<void> {
  const queryRunner = dataSource.createQueryRunner();
  await using _releaseQueryRunner = { [Symbol.asyncDispose]: async () => { await queryRunner.release(); } };
  await queryRunner.connect();
  await queryRunner.startTransaction();
  try {
    if (!(await queryRunner.hasTable('orders_archive'))) await queryRunner.query('CREATE TABLE orders_archive (LIKE orders)');
    await queryRunner.commitTransaction();
  } catch (err) {
    await queryRunner.rollbackTransaction();
    throw err;
  }
}
