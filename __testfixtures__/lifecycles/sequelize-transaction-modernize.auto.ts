// sequelize: an unmanaged transaction becomes the managed `sequelize.transaction(options, async (t) => …)`,
// options: {"modernize":true}
// options: {"modernize":true}
// expect[await-using]: reported transaction-needs-callback
// expect[auto,with-session]: fixed fixed-callback-api
// expect[try-finally]: fixed fixed-try-catch
// expect[auto,with-session]: modernized fixed-callback-api
// which commits when the callback resolves and rolls back, rethrowing, when it rejects.
import { Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://postgres@127.0.0.1/test');

export async function transfer(from: number, to: number, amount: number): Promise<void> {
  await sequelize.transaction(
    { isolationLevel: Transaction.ISOLATION_LEVELS.SERIALIZABLE },
    async (t) => {
      await sequelize.query('UPDATE accounts SET balance = balance - ? WHERE id = ?', { replacements: [amount, from], transaction: t });
      await sequelize.query('UPDATE accounts SET balance = balance + ? WHERE id = ?', { replacements: [amount, to], transaction: t });
    }
  );
}

export async function archive(id: number): Promise<void> {
  await sequelize.transaction(async (t) => {
    await sequelize.query('INSERT INTO archive SELECT * FROM orders WHERE id = ?', { replacements: [id], transaction: t });
    await sequelize.query('DELETE FROM orders WHERE id = ?', { replacements: [id], transaction: t });
  });
}
