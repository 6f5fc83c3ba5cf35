// One pool for the process, made by open() at start-up and handed out by pool(): a getter over the
// module's variable, not a factory. `require('../lib/shared')` gives the exports object.
const mysql = require('mysql2/promise');

let current = null;

exports.open = function () {
  current = mysql.createPool({ host: '127.0.0.1', user: 'root', database: 'test' });
};

exports.pool = function () {
  return current;
};
