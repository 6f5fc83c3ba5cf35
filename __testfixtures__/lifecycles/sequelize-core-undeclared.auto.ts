// expect[await-using,with-session]: reported callback-changes-meaning
// expect[auto,try-finally]: fixed fixed-try-catch
// as: ../projects/request-slots/src/archive.ts
// In a package that does not declare @sequelize/core (the library's own repository, a workspace that
// hoists it), its managed transaction() is still v7's: CLS on by default, an outer transaction reused.
// As where the package declares it, the unmanaged transaction is not moved into the callback (auto gives
// it a try/catch in place).
import { Sequelize } from '@sequelize/core';

export async function archive(sequelize: Sequelize, id: number): Promise<void> {
  const transaction = await sequelize.startUnmanagedTransaction();
  try {
    await sequelize.query('INSERT INTO archive SELECT * FROM orders WHERE id = ?', { replacements: [id], transaction });
    await sequelize.query('DELETE FROM orders WHERE id = ?', { replacements: [id], transaction });
    await transaction.commit();
  } catch (err) {
    await transaction.rollback();
    throw err;
  }
}
