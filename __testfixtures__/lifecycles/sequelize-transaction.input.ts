// sequelize: an unmanaged transaction becomes the managed `sequelize.transaction(options, async (t) => …)`,
// which commits when the callback resolves and rolls back, rethrowing, when it rejects.
// expect[await-using]: reported transaction-needs-callback
// expect[auto,with-session]: fixed fixed-callback-api
// expect[try-finally]: fixed fixed-try-catch
import { Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://postgres@127.0.0.1/test');

export async function transfer(from: number, to: number, amount: number): Promise<void> {
  const t = await sequelize.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.SERIALIZABLE });
  try {
    await sequelize.query('UPDATE accounts SET balance = balance - ? WHERE id = ?', { replacements: [amount, from], transaction: t });
    await sequelize.query('UPDATE accounts SET balance = balance + ? WHERE id = ?', { replacements: [amount, to], transaction: t });
    await t.commit();
  } catch (error) {
    await t.rollback();
    throw error;
  }
}

export async function archive(id: number): Promise<void> {
  const t = await sequelize.transaction();
  await sequelize.query('INSERT INTO archive SELECT * FROM orders WHERE id = ?', { replacements: [id], transaction: t });
  await sequelize.query('DELETE FROM orders WHERE id = ?', { replacements: [id], transaction: t });
  await t.commit();
}
