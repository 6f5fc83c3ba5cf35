// typeorm: a query runner whose transaction is only committed (and the runner only released) on the happy
// path. When the work throws (or the server rejects a statement) the transaction stays open and the
// runner's connection stays checked out of the pool.
import { DataSource } from 'typeorm';

export type Fault = 'none' | 'throw' | 'sql';

const settings = JSON.parse(process.env.LP_TX_SETTINGS ?? '{}');

export const dataSource = new DataSource({
  type: 'postgres',
  host: settings.connection.host,
  port: settings.connection.port,
  username: settings.connection.user,
  password: settings.connection.password,
  database: settings.connection.database,
  applicationName: settings.connection.application_name,
  poolSize: 1,
  extra: { connectionTimeoutMillis: settings.acquireTimeoutMs },
});

function failHere(fault: Fault): void {
  if (fault === 'throw') throw new Error('boom: the work failed between the two inserts');
}

export async function placeOrder(table: string, id: number, total: number, fault: Fault): Promise<number> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction('SERIALIZABLE');
  const rows: { id: number; total: number }[] = await queryRunner.query(`INSERT INTO ${table} (id, total) VALUES ($1, $2) RETURNING id, total`, [id, total]);
  failHere(fault);
  if (fault === 'sql') await queryRunner.query('SELECT 1/0');
  await queryRunner.manager.query(`INSERT INTO ${table} (id, total) VALUES ($1, $2)`, [id + 1, rows[0].total * 2]);
  await queryRunner.commitTransaction();
  await queryRunner.release();
  return rows[0].id * 1000 + rows[0].total;
}
