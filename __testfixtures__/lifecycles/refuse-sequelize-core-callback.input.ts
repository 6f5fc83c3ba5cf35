// expect[await-using,with-session]: reported callback-changes-meaning
// expect[auto,try-finally]: fixed fixed-try-catch
// @sequelize/core (v7): `sequelize.transaction(cb)` runs cb with CLS on by default, so every query inside that
// names no transaction would join it, and inside another managed transaction it reuses that one instead of
// committing its own. The unmanaged transaction is not moved into the callback: auto and try-finally give
// it a try/catch in place, the other styles report it.
import { Sequelize } from '@sequelize/core';

export async function archive(sequelize: Sequelize, id: number): Promise<void> {
  const transaction = await sequelize.startUnmanagedTransaction();
  await sequelize.query('INSERT INTO archive SELECT * FROM orders WHERE id = ?', { replacements: [id], transaction });
  await sequelize.query('DELETE FROM orders WHERE id = ?', { replacements: [id], transaction });
  await transaction.commit();
}
