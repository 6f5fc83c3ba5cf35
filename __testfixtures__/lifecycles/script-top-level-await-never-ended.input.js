// expect: reported never-released
// An ES module that does its work at the top level: the connection it opens is never ended.
import mariadb from 'mariadb';

const conn = await mariadb.createConnection({ host: 'localhost', user: 'report' });

const rows = await conn.query('SELECT COUNT(*) AS n FROM orders');
console.log(JSON.stringify(rows));
