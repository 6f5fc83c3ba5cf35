// Plain JavaScript for Node < 24: try/finally needs no new syntax.
// expect[await-using]: reported using-unsupported
// expect[auto,try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
const { Pool } = require('pg');
const { withSession } = require('./lib/with-session.cjs');

const pool = new Pool();

async function getUser(id) {
  return await withSession(() => pool.connect(), (client) => client.release(), async (client) => {
    const res = await client.query('SELECT * FROM users WHERE id = $1', [id]);
    return res.rows[0];
  });
}

module.exports = { getUser };
