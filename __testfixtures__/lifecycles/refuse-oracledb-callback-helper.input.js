// expect: reported callback-path-unreleased
// oracledb's callback API, released through a helper of this file (which releases on every path). The first
// function leaves when its log call throws before the helper runs; the second releases on every path and is
// left alone. (JavaScript: @types/oracledb types these callbacks as rest tuples.)
const oracledb = require('oracledb');

const log = { write(message) { process.stdout.write(`${message}\n`); } };

function listUsers(config) {
  oracledb.getConnection(config, (err, connection) => {
    if (err) return log.write(err.message);
    connection.execute('SELECT * FROM users', (err, result) => {
      if (err) {
        log.write(err.message);
        doRelease(connection);
        return;
      }
      console.log(result.rows);
      doRelease(connection);
    });
  });
}

function hello(config) {
  oracledb.getConnection(config, (err, connection) => {
    if (err) {
      console.error(err.message);
      return;
    }
    connection.execute("SELECT 'Hello' FROM dual", (err, result) => {
      if (err) {
        console.error(err.message);
        doRelease(connection);
        return;
      }
      console.log(result.rows);
      doRelease(connection);
    });
  });
}

function doRelease(connection) {
  connection.close((err) => {
    if (err) console.error(err.message);
  });
}

module.exports = { listUsers, hello };
