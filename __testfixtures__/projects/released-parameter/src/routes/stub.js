const db = require('../db');

// A stand-in that answers every query with no rows.
const fake = { query: (sql, cb) => cb(null, []), release() {} };

module.exports = () => db.exec(fake, 'SELECT 1');
