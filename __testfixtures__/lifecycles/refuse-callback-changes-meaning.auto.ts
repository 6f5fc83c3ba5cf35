// expect[with-session,await-using]: reported callback-changes-meaning
// expect[auto,try-finally]: fixed fixed-try-catch
// With CLS on, a managed transaction is also used by queries in the callback that name none: the query
// below would move into the transaction. Auto takes the try/catch in place instead; with-session and using report.
import { Sequelize } from 'sequelize';

declare const namespace: Parameters<typeof Sequelize.useCLS>[0]; // a cls-hooked namespace
Sequelize.useCLS(namespace);
const sequelize = new Sequelize('postgres://postgres@127.0.0.1/test');

export async function archive(id: number): Promise<void> {
  const t = await sequelize.transaction();
  try {
    await sequelize.query('INSERT INTO archive SELECT * FROM orders WHERE id = ?', { replacements: [id], transaction: t });
    await sequelize.query('INSERT INTO log (msg) VALUES (?)', { replacements: ['archived'] });
    await t.commit();
  } catch (err) {
    await t.rollback();
    throw err;
  }
}
