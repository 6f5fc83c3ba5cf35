#!/usr/bin/env node
// expect[await-using]: reported using-unsupported
// expect[auto,try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// A CommonJS script with a shebang and 'use strict', and a require that is not a plain declaration: the
// helper is required after it, never imported, never above the shebang.
'use strict';
const Pool = require('pg').Pool; // the pool class

const pool = new Pool();

async function main() {
  const client = await pool.connect();
  try {
    const res = await client.query('SELECT 1 AS one');
    console.log(res.rows[0].one);
  } finally {
    client.release();
  }
}

main();
