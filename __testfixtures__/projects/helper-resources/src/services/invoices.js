const models = require('../models');
const { beginWork } = require('../db/tx');

// Committed at the end of the try; the catch only logs, so a failing update leaves the transaction open.
async function voidInvoice(id) {
  const [transaction, error] = await beginWork(models);
  if (error) return false;
  try {
    await models.invoice.update({ voided: true }, { where: { id }, transaction });
    await transaction.commit();
    return true;
  } catch (err) {
    console.error(err);
    return false;
  }
}

// The helper's promise destructured: it throws, and the transaction the helper opens is never ended.
async function quickVoid(id) {
  const [transaction, error] = beginWork(models);
  if (error) return false;
  await models.invoice.update({ voided: true }, { where: { id }, transaction });
  await transaction.commit();
  return true;
}

// Rolled back in the catch: nothing to say.
async function retotal(id, total) {
  const [transaction, error] = await beginWork(models);
  if (error) throw error;
  try {
    await models.invoice.update({ total }, { where: { id }, transaction });
    await transaction.commit();
  } catch (err) {
    await transaction.rollback();
    throw err;
  }
}

// The managed form ends its transaction itself.
async function retotalAll(total) {
  return models.sequelize.transaction(async (transaction) => models.invoice.update({ total }, { where: {}, transaction }));
}

module.exports = { voidInvoice, quickVoid, retotal, retotalAll };
