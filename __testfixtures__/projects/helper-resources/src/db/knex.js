// A factory under a name of this module's choosing: every call makes a new knex instance (its own pool).
const makeKnex = require('knex');

function openDb() {
  return makeKnex({ client: 'pg', connection: process.env.DATABASE_URL });
}

module.exports = { openDb };
