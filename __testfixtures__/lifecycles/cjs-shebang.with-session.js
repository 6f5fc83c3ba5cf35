#!/usr/bin/env node
// expect[await-using]: reported using-unsupported
// expect[auto,try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// A CommonJS script with a shebang and 'use strict', and a require that is not a plain declaration: the
// helper is required after it, never imported, never above the shebang.
'use strict';
const Pool = require('pg').Pool; // the pool class
const { withSession } = require('./lib/with-session.cjs');

const pool = new Pool();

async function main() {
  await withSession(() => pool.connect(), (client) => client.release(), async (client) => {
    const res = await client.query('SELECT 1 AS one');
    console.log(res.rows[0].one);
  });
}

main();
