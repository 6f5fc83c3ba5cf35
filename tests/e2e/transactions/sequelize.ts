// sequelize: an unmanaged transaction that only commits on the happy path. When the work throws (or the
// server rejects a statement) the transaction stays open and its connection stays checked out.
import { Sequelize, QueryTypes } from 'sequelize';

export type Fault = 'none' | 'throw' | 'sql';

const settings = JSON.parse(process.env.LP_TX_SETTINGS ?? '{}');

export const sequelize = new Sequelize(settings.connection.database, settings.connection.user, settings.connection.password ?? '', {
  dialect: 'postgres',
  host: settings.connection.host,
  port: settings.connection.port,
  logging: false,
  pool: { min: 0, max: 1, acquire: settings.acquireTimeoutMs },
  dialectOptions: { application_name: settings.connection.application_name },
});

function failHere(fault: Fault): void {
  if (fault === 'throw') throw new Error('boom: the work failed between the two inserts');
}

export async function placeOrder(table: string, id: number, total: number, fault: Fault): Promise<number> {
  const t = await sequelize.transaction();
  const rows = await sequelize.query<{ id: number; total: number }>(`INSERT INTO ${table} (id, total) VALUES (?, ?) RETURNING id, total`, {
    replacements: [id, total],
    type: QueryTypes.SELECT,
    transaction: t,
  });
  failHere(fault);
  if (fault === 'sql') await sequelize.query('SELECT 1/0', { transaction: t });
  await sequelize.query(`INSERT INTO ${table} (id, total) VALUES (?, ?)`, { replacements: [id + 1, rows[0].total * 2], transaction: t });
  await t.commit();
  return rows[0].id * 1000 + rows[0].total;
}
