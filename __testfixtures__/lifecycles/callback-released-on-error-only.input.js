// expect: reported never-released
// A callback that releases the connection only in the branch where getConnection() failed (where there is
// no connection) releases it on no path that holds one. Handed to the caller's callback, it is the caller's
// (withConnection: not a finding); otherwise it is never released (ping), not "released on some paths".
const mysql = require('mysql');

const pool = mysql.createPool({ host: 'localhost', user: 'app' });

function withConnection(res, next) {
  pool.getConnection(function (err, connection) {
    if (err) {
      connection.release();
      res.json({ status: 'error' });
      return;
    }
    next(connection);
  });
}

function ping(res) {
  pool.getConnection(function (err, connection) {
    if (err) {
      connection.release();
      return res.json({ status: 'error' });
    }
    connection.query('SELECT 1', function () {
      res.json({ ok: true });
    });
  });
}

module.exports = { withConnection, ping };
