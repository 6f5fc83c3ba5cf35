// A transaction ended by the first thing the next statement does has nothing running while it is open: no
// finding, whether the end's result is used (a test of commit itself) or another end follows it. The last
// function still ends it after work that can throw, and is fixed.
// expect[await-using,with-session]: reported callback-changes-meaning
// expect[auto,try-finally]: fixed fixed-try-catch
import { Sequelize } from '@sequelize/core';
import { expect } from 'chai';

export async function commitResolves(sequelize: Sequelize) {
  const t = await sequelize.startUnmanagedTransaction();
  expect(await t.commit()).to.equal(undefined);
}

export async function commitThenRollback(sequelize: Sequelize) {
  const t = await sequelize.startUnmanagedTransaction({});
  await t.commit();
  await t.rollback().catch(() => undefined);
}

export async function workFirst(sequelize: Sequelize, id: number) {
  const t = await sequelize.startUnmanagedTransaction();
  await sequelize.query('DELETE FROM orders WHERE id = ?', { replacements: [id], transaction: t });
  await t.commit();
}
