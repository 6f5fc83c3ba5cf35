// expect: reported transaction-no-rollback
// expect: reported acquire-not-awaited
// A helper opens an unmanaged sequelize transaction on the instance it is given and hands it out with an
// error slot, `[transaction, error]`. Nothing here can move into sequelize.transaction(cb): the acquire is the
// helper's. Reported: a caller whose catch only logs (a failing update leaves the transaction open, holding
// its connection), and a caller that forgets the await (it destructures the helper's promise, which throws,
// while the helper still opens a transaction nobody ends). A caller whose catch rolls back, and one that
// hands the transaction on without ending it, are silent.
const { Sequelize } = require('sequelize');

const sequelize = new Sequelize('sqlite::memory:');
const Order = sequelize.define('order', {});

async function openTransaction(db) {
  try {
    return [await db.transaction(), null];
  } catch (err) {
    return [null, err];
  }
}

async function closeOrder(id) {
  const [transaction, failed] = await openTransaction(sequelize);
  if (failed) return;
  try {
    await Order.update({ closed: true }, { where: { id }, transaction });
    await transaction.commit();
  } catch (err) {
    console.error('close failed', err);
  }
}

async function reopenOrder(id) {
  const [transaction, failed] = openTransaction(sequelize);
  if (failed) return;
  await Order.update({ closed: false }, { where: { id }, transaction });
  await transaction.commit();
}

async function archiveOrder(id) {
  const [transaction, failed] = await openTransaction(sequelize);
  if (failed) throw failed;
  try {
    await Order.update({ archived: true }, { where: { id }, transaction });
    await transaction.commit();
  } catch (err) {
    await transaction.rollback();
    throw err;
  }
}

async function startArchive() {
  const [transaction] = await openTransaction(sequelize);
  return transaction;
}

module.exports = { closeOrder, reopenOrder, archiveOrder, startArchive };
