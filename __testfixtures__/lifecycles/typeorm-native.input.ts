// No transaction: typeorm >= 1.0's native disposer only releases, so the query runner is declared with `await using`.
// expect[auto,await-using]: fixed fixed-native
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { DataSource } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres', url: 'postgres://postgres@127.0.0.1/test' });

export async function tableNames(): Promise<string[]> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  const tables: { tablename: string }[] = await queryRunner.query('SELECT tablename FROM pg_tables');
  await queryRunner.release();
  return tables.map((t) => t.tablename);
}
