// expect: reported request-handed-off
// CommonJS middleware kept in a module of its own: the connection waits in `res.locals` for whichever
// handlers the app registers after it.
const mysql = require('mysql2/promise');

const pool = mysql.createPool({ host: 'localhost', user: 'app', database: 'shop' });

async function attachConnection(req, res, next) {
  res.locals.conn = await pool.getConnection();
  next();
}

module.exports = { attachConnection };
