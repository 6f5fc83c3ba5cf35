// @sequelize/core (v7): an unmanaged transaction committed only on the happy path gets a try/catch in place
// (commit when the work completes, rollback when it throws). Not the managed `sequelize.transaction(cb)`: with
// CLS on by default it would also bind queries that name no transaction, and reuse an outer transaction.
// expect[await-using,with-session]: reported callback-changes-meaning
// expect[auto,try-finally]: fixed fixed-try-catch
import { Sequelize } from '@sequelize/core';

export async function archive(sequelize: Sequelize, id: number): Promise<void> {
  const transaction = await sequelize.startUnmanagedTransaction();
  await sequelize.query('INSERT INTO archive SELECT * FROM orders WHERE id = ?', { replacements: [id], transaction });
  await sequelize.query('DELETE FROM orders WHERE id = ?', { replacements: [id], transaction });
  await transaction.commit();
}
