// Acquired through calls the catalogue describes: better-sqlite3 without `new`, pg-promise's initialisation
// function, sqlite3's verbose() (which returns the module), whose close moves first in its query's callback.
// expect[auto,try-finally]: fixed fixed-try-finally
// expect[auto,try-finally]: fixed fixed-try-finally
// expect[await-using]: reported using-unsupported
// expect[await-using]: reported using-unsupported
// expect[with-session]: reported callback-needs-async
// expect[with-session]: fixed fixed-with-session
// expect: fixed fixed-release-first
const sqlite3 = require('sqlite3').verbose();
const Database = require('better-sqlite3');
const pgp = require('pg-promise')();
const { withSession } = require('./lib/with-session.cjs');
const db = pgp(process.env.DATABASE_URL);

function names() {
  const conn = Database('app.db');
  const rows = conn.prepare('SELECT name FROM t').all();
  conn.close();
  return rows;
}

async function listen() {
  return await withSession(() => db.connect(), (sco) => void sco.done(), async (sco) => {
    const r = await sco.any('SELECT 1');
    return r;
  });
}

function dump() {
  const d = new sqlite3.Database('x.db');
  d.all('SELECT 1', (err, rows) => {
    d.close();
    if (err) throw err;
    console.log(rows);
  });
}
module.exports = { names, listen, dump };
