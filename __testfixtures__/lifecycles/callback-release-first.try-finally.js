// Released at the end of the callback its own work calls once, after a throw or a return that skips it: the
// release moves to the start of that callback (nothing before it uses the connection), the same in every
// style. A callback that still uses the connection before its release is reported instead.
// expect: fixed fixed-release-first
// expect: fixed fixed-release-first
// expect: reported callback-path-unreleased
const mysql = require('mysql');
const sqlite3 = require('sqlite3');

const pool = mysql.createPool({ host: 'localhost', user: 'app' });

function listOrders(reply) {
  pool.getConnection((err, connection) => {
    if (err) throw err;
    connection.query('SELECT * FROM orders', (error, rows) => {
      connection.release();
      if (error) throw error;
      console.log(rows.length);
      reply(rows);
    });
  });
}

function printUsers() {
  const db = new sqlite3.Database('./users.db');
  db.all('SELECT name FROM users', [], (err, rows) => {
    db.close();
    if (err) {
      return console.error(err.message);
    }
    rows.forEach((row) => console.log(row.name));
  });
}

function countThenAudit(reply) {
  pool.getConnection((err, conn) => {
    if (err) return reply(err);
    conn.query('SELECT count(*) AS n FROM orders', (error, rows) => {
      if (error) return reply(error);
      conn.query('INSERT INTO audit (what) VALUES (?)', ['count'], () => {});
      conn.release();
      reply(null, rows[0].n);
    });
  });
}

module.exports = { listOrders, printUsers, countThenAudit };
