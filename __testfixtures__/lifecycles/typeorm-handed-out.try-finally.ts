// The query runner is handed to other code that may start a transaction: typeorm's native disposer would
// COMMIT it, so the release() adapter is used instead.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { DataSource, type QueryRunner } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres', url: 'postgres://postgres@127.0.0.1/test' });
declare function transferFunds(runner: QueryRunner): Promise<void>;

export async function transfer(): Promise<void> {
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.connect();
    await transferFunds(queryRunner);
  } finally {
    await queryRunner.release();
  }
}
