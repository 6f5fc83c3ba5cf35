// The process's mysql pool.
const mysql = require('mysql');

module.exports = mysql.createPool({ connectionLimit: 4 });
