const mysql = require('mysql2/promise');

// A factory: each call hands a fresh connection to its caller.
exports.getConnection = async () => mysql.createConnection({ host: '127.0.0.1', user: 'root', database: 'test' });
