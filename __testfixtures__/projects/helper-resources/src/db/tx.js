// Opens an unmanaged transaction on the registry's instance it is given; the caller commits or rolls back.
async function beginWork(models) {
  let transaction = null;
  let error = null;
  try {
    transaction = await models.sequelize.transaction();
  } catch (e) {
    error = e;
  }
  return [transaction, error];
}

module.exports = { beginWork };
