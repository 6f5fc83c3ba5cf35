const mysql = require('mysql');

module.exports = mysql.createPool({ host: 'localhost', user: 'app', connectionLimit: 4 });
