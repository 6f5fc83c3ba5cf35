// expect: reported request-handed-off
// A manual knex transaction parked on the request for the handlers after it to commit or roll back: the
// request may end with it still open, and which end it gets is theirs to choose.
const knex = require('knex');

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });

module.exports = async function beginRequestTransaction(req, res, next) {
  req.trx = await db.transaction();
  next();
};
